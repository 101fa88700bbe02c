import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CreditChange } from '../../shared/entitlement/correction-credits';
import type { LedgerCorrection, LedgerCorrectionMessage } from '../../shared/queue/ledger-message';
import { chunkBySize } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { ledgerCorrections, ledgerOutbox } from '../db/schema';

/** Rows per send: far more than one event's corrections ever make. */
const MAX_SENT_ROWS = 10_000;

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
export async function queueCreditChanges(
  tx: Queryable,
  tenantId: string,
  eventId: string,
  lastSeq: number,
  changes: CreditChange[],
): Promise<number> {
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
 * The rows the ledger may take now: an event's rows still owed, all of them, in order, once its
 * debit has left the ledger outbox (the ledger recorded it) and none of them is parked. Each
 * message thus starts at the event's first change not yet confirmed: however copies overtake one
 * another, the ledger meets an event's changes in order (a copy repeating applied ones skips
 * them), never one before what it corrects. A LIMIT cuts in creditSeq order, so a prefix is sent.
 */
async function sendableRows(db: Queryable, where: ReturnType<typeof sql>, limit: number) {
  const { rows } = await db.execute(sql`
    SELECT c.tenant_id, c.event_id, c.seq, c.account_id, c.effect, c.at, c.lines
      FROM ${ledgerCorrections} c
     WHERE ${where}
       AND NOT EXISTS (SELECT 1 FROM ${ledgerOutbox} o WHERE o.tenant_id = c.tenant_id AND o.event_id = c.event_id)
       AND NOT EXISTS (SELECT 1 FROM ${ledgerCorrections} p WHERE p.tenant_id = c.tenant_id AND p.event_id = c.event_id AND p.parked_at IS NOT NULL)
     ORDER BY c.created_at, c.tenant_id, c.event_id, c.seq LIMIT ${limit}`);
  return rows.map((row) => rowSchema.parse(row));
}

/** These events' corrections the ledger may take now, as ledger-queue messages. */
export async function pendingCreditChanges(
  db: Queryable,
  tenantId: string,
  eventIds: string[],
): Promise<LedgerCorrectionMessage[]> {
  if (eventIds.length === 0) {
    return [];
  }
  const rows = await sendableRows(
    db,
    sql`c.tenant_id = ${tenantId} AND c.event_id = ANY(${sql.param(eventIds)}::text[])`,
    MAX_SENT_ROWS,
  );
  return correctionMessages(rows);
}

/** Corrections owed for longer than `olderThanMs` that the ledger may take, oldest first (the backstop sweep). */
export async function staleCreditChanges(
  db: Queryable,
  olderThanMs: number,
  limit: number,
): Promise<LedgerCorrectionMessage[]> {
  const rows = await sendableRows(db, sql`c.created_at < now() - make_interval(secs => ${olderThanMs / 1000})`, limit);
  return correctionMessages(rows);
}

/** The ledger applied these corrections: they leave the outbox. Returns how many were still here. */
export async function settleCreditChanges(
  db: Queryable,
  tenantId: string,
  corrections: { eventId: string; seq: number }[],
): Promise<number> {
  if (corrections.length === 0) {
    return 0;
  }
  const { rows } = await db.execute<{ event_id: string }>(sql`
    DELETE FROM ${ledgerCorrections} c
     USING unnest(${sql.param(corrections.map((c) => c.eventId))}::text[], ${sql.param(corrections.map((c) => c.seq))}::int[]) AS s (event_id, seq)
     WHERE c.tenant_id = ${tenantId} AND c.event_id = s.event_id AND c.seq = s.seq
    RETURNING c.event_id`);
  return rows.length;
}

/** Marks the corrections a parked message carried as parked (parked-messages.ts). */
export async function parkCreditChanges(
  tx: Queryable,
  tenantId: string,
  message: LedgerCorrectionMessage,
): Promise<void> {
  await setParked(tx, tenantId, message, sql`now()`);
}

/** A replayed parked correction message: those of its corrections still owed are sendable again. */
export async function unparkCreditChanges(
  tx: Queryable,
  tenantId: string,
  message: LedgerCorrectionMessage,
): Promise<void> {
  await setParked(tx, tenantId, message, sql`NULL`);
}

async function setParked(
  tx: Queryable,
  tenantId: string,
  message: LedgerCorrectionMessage,
  value: ReturnType<typeof sql>,
): Promise<void> {
  await tx.execute(sql`
    UPDATE ${ledgerCorrections} c SET parked_at = ${value}
      FROM unnest(${sql.param(message.corrections.map((c) => c.eventId))}::text[], ${sql.param(message.corrections.map((c) => c.seq))}::int[]) AS s (event_id, seq)
     WHERE c.tenant_id = ${tenantId} AND c.event_id = s.event_id AND c.seq = s.seq`);
}

function correctionMessages(rows: z.infer<typeof rowSchema>[]): LedgerCorrectionMessage[] {
  // Per account, per event: an event's changes travel in one message, in order.
  const byAccount = new Map<string, { tenantId: string; accountId: string; events: Map<string, LedgerCorrection[]> }>();
  for (const row of rows) {
    const key = JSON.stringify([row.tenant_id, row.account_id]);
    const group = byAccount.get(key) ?? { tenantId: row.tenant_id, accountId: row.account_id, events: new Map() };
    const event = group.events.get(row.event_id) ?? [];
    event.push({ eventId: row.event_id, seq: row.seq, effect: row.effect, at: row.at, lines: row.lines });
    group.events.set(row.event_id, event);
    byAccount.set(key, group);
  }
  return [...byAccount.values()].flatMap(({ tenantId, accountId, events }) =>
    chunkBySize([...events.values()]).map((chunk) => ({
      kind: 'corrections' as const,
      tenantId,
      accountId,
      corrections: chunk.flat(),
    })),
  );
}
