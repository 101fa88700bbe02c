import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/connect';
import { ledgerOutbox, parkedMessages } from '../db/schema';
import type { MessageToPark } from '../../shared/queue/parked-message';
import { ledgerCorrectionMessageSchema, ledgerSpendAdjustmentMessageSchema } from '../../shared/queue/ledger-message';
import { parkCreditChanges } from './ledger-corrections';
import { parkSpendAdjustments } from './spend-adjustments';

export interface ParkedMessage {
  id: string;
  queue: string;
  body: unknown;
  reason: string;
  parkedAt: string;
}

/**
 * Parks messages in one transaction (a savepoint inside the caller's). A parked ledger message
 * marks its debits parked in the ledger outbox: they are now the admin's to replay, so the
 * DedupShards stop re-sending their events (which would only park the same debits again). They
 * stay there, owed, until the ledger confirms them, which tells a replay what is still owed.
 * A parked message of corrections marks its credit changes parked the same way, and one of spend
 * adjustments its adjustments.
 */
export async function parkMessages(db: Queryable, messages: MessageToPark[]): Promise<number> {
  if (messages.length === 0) {
    return 0;
  }
  await db.transaction(async (tx) => {
    await tx.insert(parkedMessages).values(
      messages.map((m) => ({
        queue: m.queue,
        tenantId: m.tenantId,
        body: JSON.stringify(m.body) ?? 'null',
        reason: m.reason.slice(0, 1000),
      })),
    );
    for (const m of messages) {
      const corrections = ledgerCorrectionMessageSchema.safeParse(m.body);
      if (m.tenantId !== null && corrections.success) {
        await parkCreditChanges(tx, m.tenantId, corrections.data);
      }
      const adjustments = ledgerSpendAdjustmentMessageSchema.safeParse(m.body);
      if (m.tenantId !== null && adjustments.success) {
        await parkSpendAdjustments(tx, m.tenantId, adjustments.data);
      }
      const ids = debitedEventIds(m.body);
      if (m.tenantId !== null && ids.length > 0) {
        await tx
          .update(ledgerOutbox)
          .set({ parkedAt: sql`now()` })
          .where(and(eq(ledgerOutbox.tenantId, m.tenantId), inArray(ledgerOutbox.eventId, ids)));
      }
    }
  });
  return messages.length;
}

/** The tenant's parked messages, oldest first, after the given id. */
export async function listParkedMessages(
  db: Queryable,
  tenantId: string,
  options: { afterId?: string | undefined; limit: number },
): Promise<ParkedMessage[]> {
  const rows = await db
    .select()
    .from(parkedMessages)
    .where(
      and(
        eq(parkedMessages.tenantId, tenantId),
        options.afterId === undefined ? undefined : sql`${parkedMessages.id} > ${options.afterId}::bigint`,
      ),
    )
    .orderBy(asc(parkedMessages.id))
    .limit(options.limit);
  return rows.map(toParkedMessage);
}

export async function hasParkedMessage(db: Queryable, tenantId: string, id: string): Promise<boolean> {
  if (!/^[0-9]{1,18}$/.test(id)) {
    return false;
  }
  const [row] = await db
    .select({ id: parkedMessages.id })
    .from(parkedMessages)
    .where(and(eq(parkedMessages.tenantId, tenantId), sql`${parkedMessages.id} = ${id}::bigint`));
  return row !== undefined;
}

/**
 * Takes parked messages out for a replay, in the caller's transaction: these ids, or the oldest
 * `limit`. Rows another replay holds are skipped, so two replays never send one message twice.
 */
export async function takeParkedMessages(
  tx: Queryable,
  tenantId: string,
  request: { ids?: string[] | undefined; limit: number },
): Promise<ParkedMessage[]> {
  // Compared as bigint in SQL, never through a JavaScript number.
  const ids = request.ids?.filter((id) => /^[0-9]{1,18}$/.test(id));
  if (ids?.length === 0) {
    return [];
  }
  const { rows } = await tx.execute<{
    id: string;
    queue: string;
    body: string;
    reason: string;
    parked_at: string | Date;
  }>(sql`
    DELETE FROM ${parkedMessages} WHERE id IN (
      SELECT id FROM ${parkedMessages}
      WHERE tenant_id = ${tenantId} ${ids ? sql`AND id = ANY(${sql.param(ids)}::bigint[])` : sql``}
      ORDER BY id LIMIT ${ids?.length ?? request.limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, queue, body, reason, parked_at`);
  return rows
    .map((row) =>
      toParkedMessage({
        id: Number(row.id),
        queue: row.queue,
        body: row.body,
        reason: row.reason,
        parkedAt: new Date(row.parked_at),
      }),
    )
    .sort((a, b) => Number(a.id) - Number(b.id));
}

function toParkedMessage(row: {
  id: number;
  queue: string;
  body: string;
  reason: string;
  parkedAt: Date;
}): ParkedMessage {
  return {
    id: String(row.id),
    queue: row.queue,
    body: JSON.parse(row.body) as unknown,
    reason: row.reason,
    parkedAt: row.parkedAt.toISOString(),
  };
}

/** The event ids a ledger debit message carries (none for anything else). */
function debitedEventIds(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || (body as { kind?: unknown }).kind !== 'debits') {
    return [];
  }
  const debits = (body as { debits?: unknown }).debits;
  if (!Array.isArray(debits)) {
    return [];
  }
  return debits.flatMap((d) =>
    typeof d === 'object' && d !== null && typeof (d as { eventId?: unknown }).eventId === 'string'
      ? [(d as { eventId: string }).eventId]
      : [],
  );
}
