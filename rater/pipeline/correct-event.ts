import { and, eq, sql } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import type { WireEvent } from '../../shared/event/event-wire';
import { validateEvent } from '../../shared/event/validate-event';
import { AppError, invalid } from '../../shared/errors/app-error';
import type { CorrectionAction } from '../../shared/api/event-correction-routes';
import type { EventStatus } from '../../shared/metering/meter-event';
import type { Database, Queryable } from '../db/connect';
import { eventIds, events } from '../db/schema';
import { findEventSchema } from '../store/event-schemas';
import { activeFeaturesForSchemas } from '../store/features';
import { queueCreditChanges } from '../store/ledger-corrections';
import { moveRedoneSpend, takeOutboxSpend } from '../store/ledger-outbox';
import { creditChanges, heldCredits } from '../../shared/entitlement/correction-credits';
import { holdPurgeWatermark } from '../store/purge-watermark';
import { minuteBucket } from '../../shared/meter/rollup';
import { meterTenantEvents } from './meter-batch';
import { lockEvent, undoLockedEvent } from './undo-event';

/** One correction, as kept in the event's record (event_ids.detail.corrections) and shown by GET /events/{id}. */
export interface CorrectionRecord {
  action: CorrectionAction;
  at: string;
  /** The status the event had before the correction. */
  from: EventStatus;
}

export interface CorrectionOutcome {
  eventId: string;
  /** The status before the correction, and after. */
  from: EventStatus;
  to: EventStatus;
  /** False when there was nothing to change: an UNDO of an event already REVERTED. */
  changed: boolean;
  /** The accounts whose spend it may have changed: the event's, and a REDO_EVENT's new one. */
  accountIds: string[];
}

/**
 * Togai's event correction (POST /events/correction), in one transaction under lockEvent's locks:
 * UNDO removes everything the event added and records it REVERTED; REDO undoes it (if it still
 * counts) and meters the same payload again, as it was first accepted; REDO_EVENT undoes it and
 * meters `replacement` under the same id. Retried, a correction leaves the same state: an UNDO of
 * a REVERTED event changes nothing, a REDO or REDO_EVENT meters once from a clean slate. Its
 * history travels with the event: the record a re-metering writes carries the earlier corrections.
 *
 * Feature credits follow (correction-credits.ts): what the event consumed is given back, what it
 * consumes after the correction is debited, as numbered rows of the ledger outbox of corrections
 * written in this transaction — so they exist exactly when the correction does. The caller sends
 * them once committed (sendCreditChanges); the AccountLedger applies each once. Spend follows the
 * same way (shared/spend/README.md): the revenue the UNDO takes back and the re-metering adds go
 * to the account's ledger as spend adjustments written here, sent once committed.
 */
export async function correctEvent(
  db: Database,
  tenantId: string,
  action: CorrectionAction,
  wire: WireEvent & { id: string },
  now: Date,
): Promise<CorrectionOutcome> {
  const replacement = action === 'REDO_EVENT' ? await checkedReplacement(db, tenantId, wire, now) : undefined;
  return db.transaction(async (tx) => {
    const locked = await lockEvent(tx, tenantId, wire.id, replacement?.accountId);
    if (!locked) {
      throw new AppError(
        'not_found',
        'event_not_found',
        `No event '${wire.id}' has been processed; only a processed event can be corrected.`,
      );
    }
    // An UNDO recomputes the event's minute from raw events: all of them must still be there.
    const purgedBefore = await holdPurgeWatermark(tx);
    if (Date.parse(minuteBucket(locked.event.timestamp)) < purgedBefore) {
      throw new AppError(
        'conflict',
        'raw_events_purged',
        `Event '${wire.id}' is older than the raw events kept (purged before ${new Date(purgedBefore).toISOString()}): it can no longer be corrected.`,
      );
    }
    const history = corrections(locked.detail);
    const lastSeq = creditSeq(locked.detail);
    const schemas = [...new Set([locked.event.schemaName, ...(replacement ? [replacement.schemaName] : [])])];
    const features = await activeFeaturesForSchemas(tx, tenantId, schemas);
    const before = heldCredits(locked.event, locked.status, features);
    const from = await undoLockedEvent(tx, tenantId, locked);
    const record: CorrectionRecord = { action, at: now.toISOString(), from: locked.status };
    if (action === 'UNDO') {
      if (locked.status === 'REVERTED') {
        return { eventId: wire.id, from, to: 'REVERTED', changed: false, accountIds: [] };
      }
      const seq = await queueCreditChanges(tx, tenantId, wire.id, lastSeq, creditChanges(before, null));
      await recordCorrections(tx, tenantId, wire.id, [...history, record], seq);
      return { eventId: wire.id, from, to: 'REVERTED', changed: true, accountIds: [locked.event.accountId] };
    }
    const event: AcceptedEvent = replacement
      ? { ...replacement, id: wire.id, acceptedAt: now.toISOString() }
      : locked.event;
    await tx.delete(eventIds).where(and(eq(eventIds.tenantId, tenantId), eq(eventIds.eventId, wire.id)));
    await tx
      .delete(events)
      .where(
        and(
          eq(events.tenantId, tenantId),
          eq(events.eventId, wire.id),
          eq(events.eventTime, new Date(locked.event.timestamp)),
        ),
      );
    const outboxBefore = await takeOutboxSpend(tx, tenantId, wire.id);
    await meterTenantEvents(tx, tenantId, [event], { owesDebits: false });
    await moveRedoneSpend(tx, tenantId, event, outboxBefore);
    const to = await eventStatus(tx, tenantId, wire.id);
    const seq = await queueCreditChanges(
      tx,
      tenantId,
      wire.id,
      lastSeq,
      creditChanges(before, heldCredits(event, to, features)),
    );
    await recordCorrections(tx, tenantId, wire.id, [...history, record], seq);
    return {
      eventId: wire.id,
      from,
      to,
      changed: true,
      accountIds: [...new Set([locked.event.accountId, event.accountId])],
    };
  });
}

/** A REDO_EVENT's payload, checked against its schema's ACTIVE version as the edge checks an ingested one. */
async function checkedReplacement(db: Queryable, tenantId: string, wire: WireEvent, now: Date) {
  const schema = await findEventSchema(db, tenantId, wire.schemaName);
  if (!schema || schema.status !== 'ACTIVE') {
    throw invalid('invalid_event', [
      { path: 'event.schemaName', message: `no ACTIVE event schema named '${wire.schemaName}'` },
    ]);
  }
  const checked = validateEvent(wire, schema, now);
  if (!checked.ok) {
    throw invalid('invalid_event', checked.issues);
  }
  return checked.event;
}

function corrections(detail: Record<string, unknown>): CorrectionRecord[] {
  return Array.isArray(detail.corrections) ? (detail.corrections as CorrectionRecord[]) : [];
}

/** The number of the event's last credit change (ledger-corrections.ts), kept in its record: 0 before any. */
function creditSeq(detail: Record<string, unknown>): number {
  return typeof detail.creditSeq === 'number' ? detail.creditSeq : 0;
}

async function eventStatus(tx: Queryable, tenantId: string, eventId: string): Promise<EventStatus> {
  const { rows } = await tx.execute<{ status: EventStatus }>(
    sql`SELECT status FROM event_ids WHERE tenant_id = ${tenantId} AND event_id = ${eventId}`,
  );
  return rows[0]!.status;
}

/** The history and the last credit change's number travel with the event, across re-meterings. */
async function recordCorrections(
  tx: Queryable,
  tenantId: string,
  eventId: string,
  history: CorrectionRecord[],
  creditSeq: number,
): Promise<void> {
  await tx.execute(sql`
    UPDATE event_ids SET detail = detail || jsonb_build_object('corrections', ${JSON.stringify(history)}::jsonb, 'creditSeq', ${creditSeq}::int)
     WHERE tenant_id = ${tenantId} AND event_id = ${eventId}`);
}
