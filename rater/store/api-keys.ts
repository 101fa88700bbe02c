import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  apiKeySchema,
  generateApiKey,
  generateApiKeyId,
  hashApiKey,
  keyPrefixOf,
  principalSchema,
  type ApiKey,
  type Principal,
  type Scope,
} from '../../shared/auth/api-key';
import type { Queryable } from '../db/connect';
import { apiKeys, tenants } from '../db/schema';
import { toPlacement } from './tenant-home';

/** The only columns that leave this module for clients: never `key_hash`. */
const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scopes: apiKeys.scopes,
  keyPrefix: apiKeys.keyPrefix,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

function toApiKey(row: Pick<typeof apiKeys.$inferSelect, keyof typeof publicColumns>): ApiKey {
  return apiKeySchema.parse({
    ...row,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  });
}

/** Who a key belongs to, with the tenant's placement: the edge routes every request by it. */
export async function principalForKeyHash(db: Queryable, keyHash: string): Promise<Principal | null> {
  const [row] = await db
    .select({
      tenantId: apiKeys.tenantId,
      keyId: apiKeys.id,
      scopes: apiKeys.scopes,
      region: tenants.region,
      jurisdiction: tenants.jurisdiction,
      dedupLayout: tenants.dedupLayout,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) {
    return null;
  }
  const { region, jurisdiction, dedupLayout, ...principal } = row;
  return principalSchema.parse({ ...principal, placement: toPlacement({ region, jurisdiction, dedupLayout }) });
}

/** Creates the tenant if it does not exist yet; returns its id (the name, which is unique). */
export async function ensureTenant(db: Queryable, name: string): Promise<string> {
  await db.insert(tenants).values({ id: name, name }).onConflictDoNothing();
  return name;
}

/**
 * Stores a key for a tenant and returns it with its secret — the only time the secret is ever
 * visible. A caller may bring its own secret: `npm start` registers the same development key on
 * every start, so storing a secret again returns the key already stored. A secret of another
 * tenant, or one that was revoked, is refused: reviving a revoked key must not be that easy.
 */
export async function createApiKey(
  db: Queryable,
  tenantId: string,
  { name, scopes, secret = generateApiKey() }: { name: string; scopes: Scope[]; secret?: string },
): Promise<ApiKey & { secret: string }> {
  const keyHash = await hashApiKey(secret);
  const [created] = await db
    .insert(apiKeys)
    .values({ id: generateApiKeyId(), tenantId, name, keyHash, keyPrefix: keyPrefixOf(secret), scopes })
    .onConflictDoNothing({ target: apiKeys.keyHash })
    .returning(publicColumns);
  if (created) {
    return { ...toApiKey(created), secret };
  }

  const [stored] = await db
    .select({ ...publicColumns, tenantId: apiKeys.tenantId })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, keyHash));
  if (stored?.tenantId !== tenantId) {
    throw new Error('that API key secret already belongs to another tenant');
  }
  if (stored.revokedAt) {
    throw new Error('that API key secret was revoked; use a new one');
  }
  return { ...toApiKey(stored), secret };
}

export async function findApiKey(db: Queryable, tenantId: string, id: string): Promise<ApiKey | null> {
  const [row] = await db
    .select(publicColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  return row ? toApiKey(row) : null;
}

/**
 * A page of keys by (created_at, id). The cursor is the last key's id: keys are never deleted, so
 * its row still holds the exact created_at to continue from (a JavaScript Date would lose the
 * microseconds and serve a key twice). Callers check the cursor names a key of this tenant.
 */
export async function listApiKeys(
  db: Queryable,
  tenantId: string,
  { includeRevoked, after, limit }: { includeRevoked: boolean; after?: string | undefined; limit: number },
): Promise<ApiKey[]> {
  const rows = await db
    .select(publicColumns)
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        includeRevoked ? undefined : isNull(apiKeys.revokedAt),
        after === undefined
          ? undefined
          : sql`(${apiKeys.createdAt}, ${apiKeys.id}) > ${positionOf(db, tenantId, after)}`,
      ),
    )
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .limit(limit);
  return rows.map(toApiKey);
}

function positionOf(db: Queryable, tenantId: string, id: string) {
  const last = alias(apiKeys, 'last');
  return db
    .select({ createdAt: last.createdAt, id: last.id })
    .from(last)
    .where(and(eq(last.tenantId, tenantId), eq(last.id, id)));
}

/** Revokes a key; revoking it again keeps the first revocation time. Null when no such key. */
export async function revokeApiKey(db: Queryable, tenantId: string, id: string): Promise<ApiKey | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
    .returning(publicColumns);
  return row ? toApiKey(row) : null;
}

/** The hash of a tenant's key, for the edge to drop its replica of it at once after revocation. */
export async function keyHashOf(db: Queryable, tenantId: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ keyHash: apiKeys.keyHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  return row?.keyHash ?? null;
}
