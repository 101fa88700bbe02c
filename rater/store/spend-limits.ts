import { and, eq, sql } from 'drizzle-orm';
import type { SpendLimit } from '../../shared/spend/spend-limit';
import type { Queryable } from '../db/connect';
import { accountSpendLimits } from '../db/schema';

/** An account's spend limit as stored (or none), with the version of the set or removal that made it so. */
export interface StoredSpendLimit {
  limit: SpendLimit | null;
  version: number;
}

/** The account's spend limit, or none at version 0 (older than any set or removal). */
export async function findSpendLimit(db: Queryable, tenantId: string, accountId: string): Promise<StoredSpendLimit> {
  const l = accountSpendLimits;
  const [row] = await db
    .select({ amount: l.amount, currency: l.currency, version: l.version })
    .from(l)
    .where(and(eq(l.tenantId, tenantId), eq(l.accountId, accountId)));
  return row
    ? { limit: { amount: row.amount, currency: row.currency }, version: row.version }
    : { limit: null, version: 0 };
}

/** Sets the account's limit under a new version. */
export async function saveSpendLimit(
  tx: Queryable,
  tenantId: string,
  accountId: string,
  limit: SpendLimit,
): Promise<StoredSpendLimit> {
  const version = sql`nextval('account_spend_limit_versions')`;
  const [row] = await tx
    .insert(accountSpendLimits)
    .values({ tenantId, accountId, amount: limit.amount, currency: limit.currency, version })
    .onConflictDoUpdate({
      target: [accountSpendLimits.tenantId, accountSpendLimits.accountId],
      set: { amount: limit.amount, currency: limit.currency, version, updatedAt: sql`now()` },
    })
    .returning({ version: accountSpendLimits.version });
  return { limit, version: versionOf(row) };
}

/**
 * Removes the account's limit; the removal takes a version of its own, so the ledger can tell it
 * from a set made before it. Null when there was none.
 */
export async function deleteSpendLimit(
  tx: Queryable,
  tenantId: string,
  accountId: string,
): Promise<StoredSpendLimit | null> {
  const l = accountSpendLimits;
  const deleted = await tx
    .delete(l)
    .where(and(eq(l.tenantId, tenantId), eq(l.accountId, accountId)))
    .returning({ tenantId: l.tenantId });
  if (deleted.length === 0) {
    return null;
  }
  const { rows } = await tx.execute<{ version: string }>(
    sql`select nextval('account_spend_limit_versions')::text as version`,
  );
  return { limit: null, version: versionOf(rows[0]) };
}

function versionOf(row: { version: number | string } | undefined): number {
  if (row === undefined) {
    throw new Error('no version returned');
  }
  return Number(row.version);
}
