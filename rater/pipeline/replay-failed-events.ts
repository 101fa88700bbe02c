import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import type { EventStatus } from '../../shared/metering/meter-event';
import { causeMessage, type Database } from '../db/connect';
import { eventIds, events } from '../db/schema';
import { meterTenantEvents } from './meter-batch';
import { moveRedoneSpend, takeOutboxSpend } from '../store/ledger-outbox';

/** What a replay meters again: FAILED events, and ACCOUNT_NOT_FOUND ones named by id (after their account was created). */
const REPLAYABLE = ['FAILED', 'ACCOUNT_NOT_FOUND'] as const;

export interface ReplayRequest {
  /** These FAILED or ACCOUNT_NOT_FOUND events; otherwise the oldest FAILED events, up to `limit`. */
  eventIds?: string[];
  limit: number;
}

export interface ReplayedEvent {
  id: string;
  status: EventStatus;
  reason?: string;
}

/**
 * Meters FAILED events again (dead-lettered, or refused by the database), each in its own
 * transaction: its FAILED record is removed and it is metered as if it had just arrived, so it
 * counts exactly once. If it fails again it stays FAILED, with the new reason. Two replays racing
 * for one event are serialised by the row lock: the second finds nothing left to replay.
 */
export async function replayFailedEvents(
  db: Database,
  tenantId: string,
  request: ReplayRequest,
): Promise<ReplayedEvent[]> {
  const failed = await db
    .select()
    .from(eventIds)
    .innerJoin(
      events,
      and(
        eq(events.tenantId, eventIds.tenantId),
        eq(events.eventId, eventIds.eventId),
        eq(events.eventTime, eventIds.eventTime),
      ),
    )
    .where(
      and(
        eq(eventIds.tenantId, tenantId),
        // ACCOUNT_NOT_FOUND events only when named: until their account exists they would fail
        // again, and take the place of FAILED events in every replay of the oldest.
        request.eventIds ? inArray(eventIds.status, REPLAYABLE) : eq(eventIds.status, 'FAILED'),
        request.eventIds ? inArray(eventIds.eventId, request.eventIds) : undefined,
      ),
    )
    .orderBy(asc(eventIds.processedAt), asc(eventIds.eventId))
    .limit(request.eventIds?.length ?? request.limit);

  const replayed: ReplayedEvent[] = [];
  for (const { events: row, event_ids: record } of failed) {
    const event: AcceptedEvent = {
      id: row.eventId,
      schemaName: row.schemaName,
      schemaVersion: row.schemaVersion,
      timestamp: row.eventTime.toISOString(),
      accountId: row.accountId,
      attributes: row.attributes as Record<string, string>,
      units: row.units as Record<string, string>,
      dimensions: row.dimensions as Record<string, string>,
      acceptedAt: row.acceptedAt.toISOString(),
    };
    const status = record.status as (typeof REPLAYABLE)[number];
    // A FAILED event's debit was queued when it was recorded. An ACCOUNT_NOT_FOUND one's is owed
    // only as its record says: the edge may have debited it, or it may be a FAILED event replayed
    // before its account existed. The stored event keeps neither, so its status cannot tell.
    const owesDebits = status === 'ACCOUNT_NOT_FOUND' && (record.detail as { debitOwed?: unknown }).debitOwed === true;
    const outcome = await replayOne(db, tenantId, event, status, owesDebits);
    if (outcome) {
      replayed.push(outcome);
    }
  }
  return replayed;
}

/** What became of the event, or null when another request replayed it first. */
async function replayOne(
  db: Database,
  tenantId: string,
  event: AcceptedEvent,
  status: (typeof REPLAYABLE)[number],
  owesDebits: boolean,
): Promise<ReplayedEvent | null> {
  const key = and(eq(eventIds.tenantId, tenantId), eq(eventIds.eventId, event.id));
  try {
    const taken = await db.transaction(async (tx) => {
      const released = await tx
        .delete(eventIds)
        .where(and(key, eq(eventIds.status, status)))
        .returning({ id: eventIds.eventId });
      if (released.length === 0) {
        return false;
      }
      await tx
        .delete(events)
        .where(
          and(
            eq(events.tenantId, tenantId),
            eq(events.eventId, event.id),
            eq(events.eventTime, new Date(event.timestamp)),
          ),
        );
      // Recorded ACCOUNT_NOT_FOUND again (account still missing), it carries `owesDebits` forward.
      // Its first record (the zero of an unrated event) may be in the ledger already: the
      // rating this replay makes reaches it as a change of the cycle, not under the event's id.
      const outboxBefore = await takeOutboxSpend(tx, tenantId, event.id);
      await meterTenantEvents(tx, tenantId, [event], { owesDebits });
      await moveRedoneSpend(tx, tenantId, event, outboxBefore);
      return true;
    });
    if (!taken) {
      return null;
    }
    const [row] = await db.select({ status: eventIds.status }).from(eventIds).where(key);
    return { id: event.id, status: row!.status as EventStatus };
  } catch (error) {
    const reason = `replay failed: ${causeMessage(error)}`.slice(0, 1000);
    await db
      .update(eventIds)
      // Merged, not replaced: an ACCOUNT_NOT_FOUND record's `debitOwed` must survive a failed replay.
      .set({
        detail: sql`${eventIds.detail} || jsonb_build_object('reason', ${reason}::text)`,
        processedAt: new Date(),
      })
      .where(and(key, eq(eventIds.status, status)));
    return { id: event.id, status, reason };
  }
}
