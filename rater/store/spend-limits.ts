import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { LedgerSpendLimitMessage } from '../../shared/queue/ledger-message';
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
  return row ? stored(row) : { limit: null, version: 0 };
}

/**
 * The row an account's spend is tracked under, locked: its limit (null once removed) and the
 * currency its revenue reaches the ledger in; null when the account never had a limit.
 */
export async function lockSpendTracking(
  tx: Queryable,
  tenantId: string,
  accountId: string,
): Promise<{ limit: SpendLimit | null; currency: string } | null> {
  const { rows } = await tx.execute<{ amount: string | null; currency: string }>(sql`
    SELECT amount::text AS amount, currency FROM ${accountSpendLimits}
     WHERE tenant_id = ${tenantId} AND account_id = ${accountId} FOR UPDATE`);
  const row = rows[0];
  return row
    ? { limit: row.amount === null ? null : { amount: row.amount, currency: row.currency }, currency: row.currency }
    : null;
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
 * Removes the account's limit under a version of its own, so the ledger can tell it from a set made
 * before it. The row stays, with no amount: metering goes on sending the account's spend, so a limit
 * set again finds the cycle's revenue counted. Null when there was no limit.
 */
export async function deleteSpendLimit(
  tx: Queryable,
  tenantId: string,
  accountId: string,
): Promise<StoredSpendLimit | null> {
  const l = accountSpendLimits;
  const [row] = await tx
    .update(l)
    .set({ amount: null, version: sql`nextval('account_spend_limit_versions')`, updatedAt: sql`now()` })
    .where(and(eq(l.tenantId, tenantId), eq(l.accountId, accountId), isNotNull(l.amount)))
    .returning({ version: l.version });
  return row ? { limit: null, version: versionOf(row) } : null;
}

/** The push of this version reached the ledger queue. */
export async function markSpendLimitPushed(db: Queryable, tenantId: string, accountId: string, version: number) {
  await db.execute(sql`
    UPDATE ${accountSpendLimits} SET pushed_version = greatest(pushed_version, ${version})
     WHERE tenant_id = ${tenantId} AND account_id = ${accountId}`);
}

/**
 * Limits set or removed over `olderThanMs` ago whose push did not reach the ledger queue, as the
 * messages that push them: their current state, under its version.
 */
export async function unpushedSpendLimits(
  db: Queryable,
  olderThanMs: number,
  limit: number,
): Promise<LedgerSpendLimitMessage[]> {
  const { rows } = await db.execute<{
    tenant_id: string;
    account_id: string;
    amount: string | null;
    currency: string;
    version: string;
  }>(sql`
    SELECT tenant_id, account_id, amount::text AS amount, currency, version::text AS version
      FROM ${accountSpendLimits}
     WHERE pushed_version < version AND updated_at < now() - make_interval(secs => ${olderThanMs / 1000})
     ORDER BY updated_at LIMIT ${limit}`);
  return rows.map((row) => ({
    kind: 'spend-limit' as const,
    tenantId: row.tenant_id,
    accountId: row.account_id,
    ...stored(row),
  }));
}

/** Each pushed message's version reached the ledger queue. */
export async function markSpendLimitsPushed(db: Queryable, messages: LedgerSpendLimitMessage[]): Promise<void> {
  for (const m of messages) {
    await markSpendLimitPushed(db, m.tenantId, m.accountId, m.version);
  }
}

function stored(row: { amount: string | null; currency: string; version: number | string }): StoredSpendLimit {
  return {
    limit: row.amount === null ? null : { amount: row.amount, currency: row.currency },
    version: versionOf(row),
  };
}

function versionOf(row: { version: number | string } | undefined): number {
  if (row === undefined) {
    throw new Error('no version returned');
  }
  return Number(row.version);
}
