import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import {
  eventDebits,
  eventSpendSchema,
  ledgerDebitMessages,
  type AccountDebit,
  type LedgerDebitMessage,
} from '../../shared/queue/ledger-message';
import type { Queryable } from '../db/connect';
import { accountSpendLimits, ledgerOutbox } from '../db/schema';
import { activeFeaturesForSchemas } from './features';
import { queueSpendChanges } from './spend-adjustments';

const linesSchema = z.array(z.object({ featureId: z.string(), amount: z.string() }));

/**
 * Writes what newly recorded events consume of their accounts' features, in the caller's
 * (metering) transaction: a debit exists exactly when its event is recorded. A debit already
 * waiting (a replayed event) is kept as it was.
 */
export async function queueLedgerDebits(tx: Queryable, tenantId: string, all: AcceptedEvent[]): Promise<number> {
  // An event that came through POST /entitled was debited at the edge before it was claimed.
  const events = all.filter((e) => !e.debitedAtEdge);
  if (events.length === 0) {
    return 0;
  }
  const features = await activeFeaturesForSchemas(tx, tenantId, [...new Set(events.map((e) => e.schemaName))]);
  return insertDebits(tx, tenantId, eventDebits(events, features));
}

/**
 * Events recorded without being rated (FAILED) of accounts with a spend limit: each tells the
 * account's ledger it cost nothing, in no cycle, so a reservation settled with it does not stay
 * pending (shared/spend/README.md). In the caller's transaction, beside the event's debit if it owes one.
 */
export async function queueUnratedSpend(tx: Queryable, tenantId: string, events: AcceptedEvent[]): Promise<void> {
  if (events.length === 0) {
    return;
  }
  const sorted = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const column = <T>(pick: (e: AcceptedEvent) => T) => sql.param(sorted.map(pick));
  await tx.execute(sql`
    INSERT INTO ${ledgerOutbox} AS o (tenant_id, event_id, account_id, at, lines, spend)
    SELECT ${tenantId}, e.event_id, e.account_id, e.at, '[]'::jsonb,
           jsonb_build_object('amount', '0', 'currency', l.currency, 'cycleStart', 0, 'cycleEnd', 0)
      FROM unnest(${column((e) => e.id)}::text[], ${column((e) => e.accountId)}::text[], ${column((e) => Date.parse(e.timestamp))}::bigint[])
           AS e (event_id, account_id, at)
      JOIN ${accountSpendLimits} l ON l.tenant_id = ${tenantId} AND l.account_id = e.account_id
    ON CONFLICT (tenant_id, event_id) DO UPDATE SET spend = excluded.spend WHERE o.spend IS NULL`);
}

/**
 * A replayed parked debit message: those of its debits still owed here are sent again, the rest
 * dropped. A debit no longer here was confirmed by the ledger — through another copy, perhaps
 * long ago — and the ledger may have forgotten it since: sending it would debit it twice.
 */
export async function unparkLedgerDebits(
  tx: Queryable,
  tenantId: string,
  message: LedgerDebitMessage,
): Promise<number> {
  const { rows } = await tx.execute<{ event_id: string }>(sql`
    UPDATE ${ledgerOutbox} SET parked_at = NULL, created_at = now()
    WHERE tenant_id = ${tenantId} AND event_id = ANY(${sql.param(message.debits.map((d) => d.eventId))}::text[]) AND parked_at IS NOT NULL
    RETURNING event_id`);
  return rows.length;
}

async function insertDebits(tx: Queryable, tenantId: string, debits: AccountDebit[]): Promise<number> {
  if (debits.length === 0) {
    return 0;
  }
  const column = <T>(pick: (d: AccountDebit) => T) => sql.param(debits.map(pick));
  await tx.execute(sql`
    INSERT INTO ${ledgerOutbox} (tenant_id, event_id, account_id, at, lines)
    SELECT ${tenantId}, * FROM unnest(${column((d) => d.eventId)}::text[], ${column((d) => d.accountId)}::text[],
      ${column((d) => d.at)}::bigint[], ${column((d) => JSON.stringify(d.lines))}::jsonb[])
    ON CONFLICT DO NOTHING`);
  return debits.length;
}

/** The debits among these events' that the ledger has not confirmed yet and are not parked, as ledger-queue messages. */
export async function pendingLedgerDebits(
  db: Queryable,
  tenantId: string,
  eventIds: string[],
): Promise<LedgerDebitMessage[]> {
  if (eventIds.length === 0) {
    return [];
  }
  const { rows } = await db.execute<OutboxRow>(sql`
    SELECT event_id, account_id, at, lines, spend FROM ${ledgerOutbox}
    WHERE tenant_id = ${tenantId} AND event_id = ANY(${sql.param(eventIds)}::text[]) AND parked_at IS NULL
    ORDER BY event_id`);
  const debits = rows.map(toDebit);
  return ledgerDebitMessages(tenantId, debits);
}

/**
 * Debits owed for longer than `olderThanMs`, oldest first, grouped into ledger-queue messages: the
 * ones no delivery of their event has brought to the ledger (a replayed event whose DedupShard
 * has let it go, a send lost after a replay).
 */
export async function staleLedgerDebits(
  db: Queryable,
  olderThanMs: number,
  limit: number,
): Promise<LedgerDebitMessage[]> {
  const { rows } = await db.execute<OutboxRow & { tenant_id: string }>(sql`
    SELECT tenant_id, event_id, account_id, at, lines, spend FROM ${ledgerOutbox}
    WHERE created_at < now() - make_interval(secs => ${olderThanMs / 1000}) AND parked_at IS NULL
    ORDER BY created_at LIMIT ${limit}`);
  const byTenant = new Map<string, AccountDebit[]>();
  for (const row of rows) {
    const debits = byTenant.get(row.tenant_id) ?? [];
    debits.push(toDebit(row));
    byTenant.set(row.tenant_id, debits);
  }
  return [...byTenant].flatMap(([tenantId, debits]) => ledgerDebitMessages(tenantId, debits));
}

type OutboxRow = { event_id: string; account_id: string; at: string | number; lines: unknown; spend: unknown };

function toDebit(row: OutboxRow): AccountDebit {
  return {
    accountId: row.account_id,
    eventId: row.event_id,
    at: Number(row.at),
    lines: linesSchema.parse(row.lines),
    ...(row.spend === null || row.spend === undefined ? {} : { spend: eventSpendSchema.parse(row.spend) }),
  };
}

/** The ledger recorded these events' debits: they leave the outbox. */
export async function settleLedgerDebits(db: Queryable, tenantId: string, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) {
    return 0;
  }
  const { rows } = await db.execute<{ event_id: string }>(sql`
    DELETE FROM ${ledgerOutbox} WHERE tenant_id = ${tenantId} AND event_id = ANY(${sql.param(eventIds)}::text[]) RETURNING event_id`);
  return rows.length;
}

/**
 * Before a REDO re-meters an event: its ledger-outbox row's spend as it stands (null: no row),
 * cleared, so what the row holds after the re-metering is only what that wrote — the first record
 * left in place would pass for the new rating when the event is not rated again.
 */
export async function takeOutboxSpend(tx: Queryable, tenantId: string, eventId: string): Promise<PriorRow> {
  const { rows } = await tx.execute<{ spend: unknown }>(sql`
    SELECT spend FROM ${ledgerOutbox} WHERE tenant_id = ${tenantId} AND event_id = ${eventId} FOR UPDATE`);
  if (rows.length === 0) {
    return null;
  }
  await tx.execute(
    sql`UPDATE ${ledgerOutbox} SET spend = NULL WHERE tenant_id = ${tenantId} AND event_id = ${eventId}`,
  );
  return { spend: rows[0]?.spend ?? null };
}
type PriorRow = { spend: unknown } | null;

/**
 * An event metered again — a REDO, or a FAILED event replayed after its zero record was sent: the
 * revenue its new rating wrote to the event's outbox row is a change of its account's cycle, not
 * the event's first record — the ledger may already hold that under the event's id and would skip
 * it — so it moves to a spend adjustment held back until the event's first record is in (the
 * UNDO's is too). The row gets back what it had, or goes if the re-metering made it for spend alone.
 */
export async function moveRedoneSpend(
  tx: Queryable,
  tenantId: string,
  event: { id: string; accountId: string },
  before: PriorRow,
): Promise<void> {
  const { rows } = await tx.execute<{ spend: unknown }>(sql`
    SELECT spend FROM ${ledgerOutbox} WHERE tenant_id = ${tenantId} AND event_id = ${event.id} FOR UPDATE`);
  const after = rows[0]?.spend;
  if (after === null || after === undefined) {
    return;
  }
  const spend = eventSpendSchema.parse(after);
  if (spend.cycleEnd > 0) {
    await queueSpendChanges(tx, tenantId, [{ accountId: event.accountId, ...spend }], event.id);
  }
  if (before === null) {
    // Made by the re-metering: it goes, unless it also carries a debit the re-metering owes.
    await tx.execute(sql`
      DELETE FROM ${ledgerOutbox} WHERE tenant_id = ${tenantId} AND event_id = ${event.id} AND lines = '[]'::jsonb`);
    await tx.execute(
      sql`UPDATE ${ledgerOutbox} SET spend = NULL WHERE tenant_id = ${tenantId} AND event_id = ${event.id}`,
    );
  } else {
    await tx.execute(sql`
      UPDATE ${ledgerOutbox} SET spend = ${before.spend === null ? null : JSON.stringify(before.spend)}::jsonb
       WHERE tenant_id = ${tenantId} AND event_id = ${event.id}`);
  }
}
