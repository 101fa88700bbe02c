import { and, eq, isNull } from 'drizzle-orm';
import { generateApiKey, hashApiKey, principalSchema, type Principal, type Scope } from '../../shared/auth/api-key';
import type { Database } from '../db/connect';
import { apiKeys, tenants } from '../db/schema';

export async function principalForKeyHash(db: Database, keyHash: string): Promise<Principal | null> {
  const [row] = await db
    .select({ tenantId: apiKeys.tenantId, keyId: apiKeys.id, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ? principalSchema.parse(row) : null;
}

/** Creates the tenant if it does not exist yet; returns its id (the name, which is unique). */
export async function ensureTenant(db: Database, name: string): Promise<string> {
  await db.insert(tenants).values({ id: name, name }).onConflictDoNothing();
  return name;
}

/**
 * Stores a key for a tenant and returns the secret — the only time it is ever visible. A caller
 * may bring its own secret (the development key of `npm start`); storing it again is a no-op.
 */
export async function createApiKey(
  db: Database,
  tenantId: string,
  { name, scopes, secret = generateApiKey() }: { name: string; scopes: Scope[]; secret?: string },
): Promise<{ id: string; secret: string }> {
  const keyHash = await hashApiKey(secret);
  const id = `key_${keyHash.slice(0, 16)}`;
  await db
    .insert(apiKeys)
    .values({ id, tenantId, name, keyHash, keyPrefix: secret.slice(0, 7), scopes })
    .onConflictDoNothing();
  const [stored] = await db.select({ tenantId: apiKeys.tenantId }).from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
  if (stored?.tenantId !== tenantId) throw new Error('that API key secret already belongs to another tenant');
  return { id, secret };
}
