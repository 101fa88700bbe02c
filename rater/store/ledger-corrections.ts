import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CreditChange } from '../../shared/entitlement/correction-credits';
import type { LedgerCorrection, LedgerCorrectionMessage } from '../../shared/queue/ledger-message';
import { chunkBySize } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { ledgerCorrections, ledgerOutbox } from '../db/schema';

const rowSchema = z.object({
  tenant_id: z.string(),
  event_id: z.string(),
  seq: z.coerce.number().int(),
  account_id: z.string(),
  effect: z.enum(['REFUND', 'DEBIT']),
  at: z.coerce.number().int(),
  lines: z.array(z.object({ featureId: z.string(), amount: z.string() })),
});

/**
 * Writes a correction's credit changes in its transaction, numbered on from `lastSeq` (the
 * event's last number, kept in its record): returns the new last number.
 */
export async function queueCreditChanges(tx: Queryable, tenantId: string, eventId: string, lastSeq: number, changes: CreditChange[]): Promise<number> {
  let seq = lastSeq;
  for (const change of changes) {
    seq++;
    await tx.execute(sql`
      INSERT INTO ${ledgerCorrections} (tenant_id, event_id, seq, account_id, effect, at, lines)
      VALUES (${tenantId}, ${eventId}, ${seq}, ${change.accountId}, ${change.effect}, ${change.at}, ${JSON.stringify(change.lines)}::jsonb)`);
  }
  return seq;
}

/**
 * The rows the ledger may take now: per event, its lowest-numbered row, if its debit has left the
 * ledger outbox (the ledger recorded it) and the row is not parked. So the ledger receives an
 * event's changes one after another, each after what it corrects.
 */
function sendable(where: ReturnType<typeof sql>) {
  return sql`
    SELECT DISTINCT ON (c.tenant_id, c.event_id) c.tenant_id, c.event_id, c.seq, c.account_id, c.effect, c.at, c.lines, c.parked_at, c.created_at
      FROM ${ledgerCorrections} c
     WHERE ${where}
     ORDER BY c.tenant_id, c.event_id, c.seq`;
}

async function sendableRows(db: Queryable, where: ReturnType<typeof sql>, limit: number) {
  const { rows } = await db.execute(sql`
    SELECT s.tenant_id, s.event_id, s.seq, s.account_id, s.effect, s.at, s.lines FROM (${sendable(where)}) s
     WHERE s.parked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM ${ledgerOutbox} o WHERE o.tenant_id = s.tenant_id AND o.event_id = s.event_id)
     ORDER BY s.created_at LIMIT ${limit}`);
  return rows.map((row) => rowSchema.parse(row));
}

/** These events' corrections the ledger may take now, as ledger-queue messages. */
export async function pendingCreditChanges(db: Queryable, tenantId: string, eventIds: string[]): Promise<LedgerCorrectionMessage[]> {
  if (eventIds.length === 0) return [];
  const rows = await sendableRows(db, sql`c.tenant_id = ${tenantId} AND c.event_id = ANY(${sql.param(eventIds)}::text[])`, eventIds.length);
  return correctionMessages(rows);
}

/** Corrections owed for longer than `olderThanMs` that the ledger may take, oldest first (the backstop sweep). */
export async function staleCreditChanges(db: Queryable, olderThanMs: number, limit: number): Promise<LedgerCorrectionMessage[]> {
  const rows = await sendableRows(db, sql`c.created_at < now() - make_interval(secs => ${olderThanMs / 1000})`, limit);
  return correctionMessages(rows);
}

/** The ledger applied these corrections: they leave the outbox. Returns how many were still here. */
export async function settleCreditChanges(db: Queryable, tenantId: string, corrections: { eventId: string; seq: number }[]): Promise<number> {
  if (corrections.length === 0) return 0;
  const { rows } = await db.execute<{ event_id: string }>(sql`
    DELETE FROM ${ledgerCorrections} c
     USING unnest(${sql.param(corrections.map((c) => c.eventId))}::text[], ${sql.param(corrections.map((c) => c.seq))}::int[]) AS s (event_id, seq)
     WHERE c.tenant_id = ${tenantId} AND c.event_id = s.event_id AND c.seq = s.seq
    RETURNING c.event_id`);
  return rows.length;
}

/** Marks the corrections a parked message carried as parked (parked-messages.ts). */
export async function parkCreditChanges(tx: Queryable, tenantId: string, message: LedgerCorrectionMessage): Promise<void> {
  await setParked(tx, tenantId, message, sql`now()`);
}

/** A replayed parked correction message: those of its corrections still owed are sendable again. */
export async function unparkCreditChanges(tx: Queryable, tenantId: string, message: LedgerCorrectionMessage): Promise<void> {
  await setParked(tx, tenantId, message, sql`NULL`);
}

async function setParked(tx: Queryable, tenantId: string, message: LedgerCorrectionMessage, value: ReturnType<typeof sql>): Promise<void> {
  await tx.execute(sql`
    UPDATE ${ledgerCorrections} c SET parked_at = ${value}
      FROM unnest(${sql.param(message.corrections.map((c) => c.eventId))}::text[], ${sql.param(message.corrections.map((c) => c.seq))}::int[]) AS s (event_id, seq)
     WHERE c.tenant_id = ${tenantId} AND c.event_id = s.event_id AND c.seq = s.seq`);
}

function correctionMessages(rows: z.infer<typeof rowSchema>[]): LedgerCorrectionMessage[] {
  const byAccount = new Map<string, { tenantId: string; accountId: string; corrections: LedgerCorrection[] }>();
  for (const row of rows) {
    const key = JSON.stringify([row.tenant_id, row.account_id]);
    const group = byAccount.get(key) ?? { tenantId: row.tenant_id, accountId: row.account_id, corrections: [] };
    group.corrections.push({ eventId: row.event_id, seq: row.seq, effect: row.effect, at: row.at, lines: row.lines });
    byAccount.set(key, group);
  }
  return [...byAccount.values()].flatMap(({ tenantId, accountId, corrections }) =>
    chunkBySize(corrections).map((chunk) => ({ kind: 'corrections' as const, tenantId, accountId, corrections: chunk })),
  );
}
