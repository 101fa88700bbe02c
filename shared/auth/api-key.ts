import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { toHex } from '../idempotency/payload-hash';
import { placementSchema } from '../tenant/placement';

export const scopes = ['ingest', 'read', 'admin'] as const;
export const scopeSchema = z.enum(scopes);
export type Scope = z.infer<typeof scopeSchema>;

/** Who is calling: resolved from the bearer key at the edge, passed to the rater with the request. */
export const principalSchema = z.object({
  tenantId: z.string().min(1),
  keyId: z.string().min(1),
  scopes: z.array(scopeSchema),
  /** The tenant's placement; absent from principals made before placements existed. */
  placement: placementSchema.optional(),
});
export type Principal = z.infer<typeof principalSchema>;

const KEY_PREFIX = 'ml_';

/** A new secret key: 32 random bytes, prefixed so leaked keys are easy to find in scanners. */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return KEY_PREFIX + toHex(bytes);
}

/**
 * A key's public id: random, so that nothing about the secret (not even a slice of its hash, which
 * would let anyone holding a list check a guessed or leaked key offline) can be read from it.
 */
export function generateApiKeyId(): string {
  return `key_${toHex(crypto.getRandomValues(new Uint8Array(8)))}`;
}

/**
 * The start of a key, shown in lists so people can tell their keys apart. Generated keys show
 * `ml_` and 4 of their 64 random hex digits; a short hand-picked secret (METERLINE_DEV_API_KEY)
 * shows at most a quarter of itself, never the whole.
 */
export function keyPrefixOf(key: string): string {
  return key.slice(0, Math.min(7, Math.floor(key.length / 4)));
}

/** Only this hash is stored; the key itself is shown once, when it is created. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return toHex(new Uint8Array(digest));
}

export function bearerToken(header: string | undefined | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw new AppError('unauthenticated', 'missing_api_key', 'Send an API key as "Authorization: Bearer <key>"');
  }
  return match[1];
}

export function requireScope(principal: Principal, scope: Scope, ...orElse: Scope[]): void {
  // admin implies every other scope; read does not imply ingest, nor the reverse.
  const accepted = [scope, ...orElse];
  if (accepted.some((s) => principal.scopes.includes(s)) || principal.scopes.includes('admin')) {
    return;
  }
  throw new AppError('forbidden', 'missing_scope', `This API key lacks the '${accepted.join("' or '")}' scope`);
}

/** POST /api_keys: a name for people, and at least one scope, each at most once. */
export const createApiKeyRequest = z
  .strictObject({
    name: z.string().min(1).max(100),
    scopes: z
      .array(scopeSchema)
      .min(1)
      .superRefine((list, ctx) => {
        list.forEach((scope, index) => {
          if (list.indexOf(scope) !== index) {
            ctx.addIssue({ code: 'custom', path: [index], message: `'${scope}' is listed twice` });
          }
        });
      })
      .meta({ uniqueItems: true, description: '`admin` implies the other two' }),
  })
  .meta({ id: 'CreateApiKeyRequest', example: { name: 'checkout service', scopes: ['ingest'] } });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequest>;

const apiKeyExample = {
  id: 'key_3f9a1c0d7b2e4a61',
  name: 'checkout service',
  scopes: ['ingest'],
  keyPrefix: 'ml_5d2e',
  createdAt: '2026-03-01T12:00:00.000Z',
  revokedAt: null,
};

/** A key as listed and read: never its secret, never its hash. */
export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(scopeSchema),
    keyPrefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    createdAt: z.string(),
    revokedAt: z.string().nullable().meta({ description: 'When the key was revoked; null while it works' }),
  })
  .meta({ id: 'ApiKey', example: apiKeyExample });
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to POST /api_keys: the only response that ever carries the secret. */
export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().meta({ description: 'The secret API key. Shown only in this response: store it now' }) })
  .meta({ id: 'CreatedApiKey', example: { ...apiKeyExample, key: `ml_5d2e${'0'.repeat(60)}` } });
