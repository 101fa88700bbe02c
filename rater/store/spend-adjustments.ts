import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  MAX_LIMIT_ADJUSTMENTS,
  type LedgerSpendAdjustmentMessage,
  type LedgerSpendLimitMessage,
  type SpendAdjustment,
} from '../../shared/queue/ledger-message';
import { chunkBySize } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { accountSpendLimits, ledgerOutbox, ledgerSpendAdjustments } from '../db/schema';

/** Rows per send: far more than one correction or catch-up makes. */
const MAX_SENT_ROWS = 10_000;

/** A change of one account's revenue in one billing cycle. */
export interface CycleSpendChange {
  accountId: string;
  currency: string;
  cycleStart: number;
  cycleEnd: number;
  amount: string;
}

/**
 * Writes revenue changed after the first rating (shared/spend/README.md) as spend adjustments, in
 * the caller's transaction, for the accounts whose spend reaches their ledger (a spend limit row in
 * that currency, removed or not); zero changes are left out. `afterEventId` holds them back until
 * that event's own record has reached the ledger (an UNDO or a REDO of it).
 */
export async function queueSpendChanges(
  tx: Queryable,
  tenantId: string,
  changes: CycleSpendChange[],
  afterEventId: string | null = null,
): Promise<void> {
  if (changes.length === 0) {
    return;
  }
  const column = <T>(pick: (c: CycleSpendChange) => T) => sql.param(changes.map(pick));
  await tx.execute(sql`
    INSERT INTO ${ledgerSpendAdjustments} (tenant_id, account_id, amount, currency, cycle_start, cycle_end, after_event_id)
    SELECT ${tenantId}, c.account_id, c.amount, c.currency, c.cycle_start, c.cycle_end, ${afterEventId}::text
      FROM unnest(${column((c) => c.accountId)}::text[], ${column((c) => c.amount)}::numeric[], ${column((c) => c.currency)}::text[],
                  ${column((c) => c.cycleStart)}::bigint[], ${column((c) => c.cycleEnd)}::bigint[])
           WITH ORDINALITY AS c (account_id, amount, currency, cycle_start, cycle_end, n)
      JOIN ${accountSpendLimits} l ON l.tenant_id = ${tenantId} AND l.account_id = c.account_id AND l.currency = c.currency
     WHERE c.amount <> 0
     ORDER BY c.n`);
}

const rowSchema = z.object({
  id: z.coerce.string(),
  tenant_id: z.string(),
  account_id: z.string(),
  amount: z.string(),
  currency: z.string(),
  cycle_start: z.coerce.number().int(),
  cycle_end: z.coerce.number().int(),
});

/**
 * Adjustments the ledger may take now: not parked, not behind an older one of their account that
 * is (what an UNDO takes back may be in it), and not waiting for an event whose own record is
 * still in ledger_outbox. Oldest first; a LIMIT sends a prefix. Every send of an account's
 * adjustments carries all it still owes, in this order, so one taking revenue back never travels
 * without the ones before it.
 */
async function sendableRows(db: Queryable, where: SQL, limit: number) {
  const { rows } = await db.execute(sql`
    SELECT a.id, a.tenant_id, a.account_id, trim_scale(a.amount)::text AS amount, a.currency, a.cycle_start, a.cycle_end
      FROM ${ledgerSpendAdjustments} a
     WHERE ${where} AND a.parked_at IS NULL
       AND NOT EXISTS (
             SELECT 1 FROM ${ledgerSpendAdjustments} p
              WHERE p.tenant_id = a.tenant_id AND p.account_id = a.account_id AND p.id < a.id AND p.parked_at IS NOT NULL)
       AND (a.after_event_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM ${ledgerOutbox} o WHERE o.tenant_id = a.tenant_id AND o.event_id = a.after_event_id))
     ORDER BY a.id LIMIT ${limit}`);
  return rows.map((row) => rowSchema.parse(row));
}

/** The adjustments of these accounts the ledger may take now, as ledger-queue messages. */
export async function pendingSpendAdjustments(
  db: Queryable,
  tenantId: string,
  accountIds: string[],
): Promise<LedgerSpendAdjustmentMessage[]> {
  if (accountIds.length === 0) {
    return [];
  }
  const where = sql`a.tenant_id = ${tenantId} AND a.account_id = ANY(${sql.param(accountIds)}::text[])`;
  return adjustmentMessages(await sendableRows(db, where, MAX_SENT_ROWS));
}

/** What the accounts of adjustments waiting for these events' records owe, now the ledger has those records. */
export async function spendAdjustmentsAfter(
  db: Queryable,
  tenantId: string,
  eventIds: string[],
): Promise<LedgerSpendAdjustmentMessage[]> {
  if (eventIds.length === 0) {
    return [];
  }
  const { rows } = await db.execute<{ account_id: string }>(sql`
    SELECT DISTINCT account_id FROM ${ledgerSpendAdjustments}
     WHERE tenant_id = ${tenantId} AND after_event_id = ANY(${sql.param(eventIds)}::text[])`);
  return pendingSpendAdjustments(
    db,
    tenantId,
    rows.map((r) => r.account_id),
  );
}

/**
 * A spend-limit message with the account's adjustments the ledger may take now (a new limit's
 * opening among them), for the ledger to record before it keeps the limit: one it enforces is
 * never without what the cycle spent before it, however the queue orders the messages.
 */
export async function withOwedAdjustments(
  db: Queryable,
  message: LedgerSpendLimitMessage,
): Promise<LedgerSpendLimitMessage> {
  const where = sql`a.tenant_id = ${message.tenantId} AND a.account_id = ${message.accountId}`;
  const rows = await sendableRows(db, where, MAX_LIMIT_ADJUSTMENTS);
  return rows.length === 0 ? message : { ...message, adjustments: rows.map(toAdjustment) };
}

/** Adjustments owed for longer than `olderThanMs` that the ledger may take, oldest first (the backstop sweep). */
export async function staleSpendAdjustments(
  db: Queryable,
  olderThanMs: number,
  limit: number,
): Promise<LedgerSpendAdjustmentMessage[]> {
  const where = sql`a.created_at < now() - make_interval(secs => ${olderThanMs / 1000})`;
  return adjustmentMessages(await sendableRows(db, where, limit));
}

/** The ledger recorded these adjustments: they leave the outbox. Returns how many were still here. */
export async function settleSpendAdjustments(db: Queryable, tenantId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const { rows } = await db.execute<{ id: string }>(sql`
    DELETE FROM ${ledgerSpendAdjustments}
     WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param(ids)}::bigint[]) RETURNING id`);
  return rows.length;
}

/** A parked message's adjustments are the admin's to replay: no sweep sends them meanwhile. */
export async function parkSpendAdjustments(tx: Queryable, tenantId: string, message: LedgerSpendAdjustmentMessage) {
  await setParked(tx, tenantId, message, sql`now()`);
}

/** A replayed parked message: those of its adjustments still owed are sendable again. */
export async function unparkSpendAdjustments(tx: Queryable, tenantId: string, message: LedgerSpendAdjustmentMessage) {
  await setParked(tx, tenantId, message, sql`NULL`);
}

async function setParked(tx: Queryable, tenantId: string, message: LedgerSpendAdjustmentMessage, value: SQL) {
  await tx.execute(sql`
    UPDATE ${ledgerSpendAdjustments} SET parked_at = ${value}
     WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param(message.adjustments.map((a) => a.id))}::bigint[])`);
}

function adjustmentMessages(rows: z.infer<typeof rowSchema>[]): LedgerSpendAdjustmentMessage[] {
  const byAccount = new Map<string, { tenantId: string; accountId: string; adjustments: SpendAdjustment[] }>();
  for (const row of rows) {
    const key = JSON.stringify([row.tenant_id, row.account_id]);
    const group = byAccount.get(key) ?? { tenantId: row.tenant_id, accountId: row.account_id, adjustments: [] };
    group.adjustments.push(toAdjustment(row));
    byAccount.set(key, group);
  }
  return [...byAccount.values()].flatMap(({ tenantId, accountId, adjustments }) =>
    chunkBySize(adjustments).map((chunk) => ({
      kind: 'spend-adjustments' as const,
      tenantId,
      accountId,
      adjustments: chunk,
    })),
  );
}

function toAdjustment(row: z.infer<typeof rowSchema>): SpendAdjustment {
  return {
    id: row.id,
    amount: row.amount,
    currency: row.currency,
    cycleStart: row.cycle_start,
    cycleEnd: row.cycle_end,
  };
}
