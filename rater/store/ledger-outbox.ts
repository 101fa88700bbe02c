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
import { ledgerOutbox } from '../db/schema';
import { activeFeaturesForSchemas } from './features';

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
