import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { toHex } from '../idempotency/payload-hash';

export const scopes = ['ingest', 'read', 'admin'] as const;
export const scopeSchema = z.enum(scopes);
export type Scope = z.infer<typeof scopeSchema>;

/** Who is calling: resolved from the bearer key at the edge, passed to the rater with the request. */
export const principalSchema = z.object({
  tenantId: z.string().min(1),
  keyId: z.string().min(1),
  scopes: z.array(scopeSchema),
});
export type Principal = z.infer<typeof principalSchema>;

const KEY_PREFIX = 'ml_';

/** A new secret key: 32 random bytes, prefixed so leaked keys are easy to find in scanners. */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return KEY_PREFIX + toHex(bytes);
}

/** Only this hash is stored; the key itself is shown once, when it is created. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return toHex(new Uint8Array(digest));
}

export function bearerToken(header: string | undefined | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw new AppError(
      'unauthenticated',
      'missing_api_key',
      'Send an API key as "Authorization: Bearer <key>"',
    );
  }
  return match[1];
}

export function requireScope(principal: Principal, scope: Scope): void {
  // admin implies every other scope; read does not imply ingest, nor the reverse.
  if (principal.scopes.includes(scope) || principal.scopes.includes('admin')) return;
  throw new AppError('forbidden', 'missing_scope', `This API key lacks the '${scope}' scope`);
}
