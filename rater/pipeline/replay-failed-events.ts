import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import type { EventStatus } from '../../shared/metering/meter-event';
import { causeMessage, type Database } from '../db/connect';
import { eventIds, events } from '../db/schema';
import { meterTenantEvents } from './meter-batch';

export interface ReplayRequest {
  /** These FAILED events; otherwise the oldest FAILED events, up to `limit`. */
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
export async function replayFailedEvents(db: Database, tenantId: string, request: ReplayRequest): Promise<ReplayedEvent[]> {
  const failed = await db
    .select()
    .from(eventIds)
    .innerJoin(events, and(eq(events.tenantId, eventIds.tenantId), eq(events.eventId, eventIds.eventId), eq(events.eventTime, eventIds.eventTime)))
    .where(
      and(
        eq(eventIds.tenantId, tenantId),
        eq(eventIds.status, 'FAILED'),
        request.eventIds ? inArray(eventIds.eventId, request.eventIds) : undefined,
      ),
    )
    .orderBy(asc(eventIds.processedAt), asc(eventIds.eventId))
    .limit(request.eventIds?.length ?? request.limit);

  const replayed: ReplayedEvent[] = [];
  for (const { events: row } of failed) {
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
    const outcome = await replayOne(db, tenantId, event);
    if (outcome) replayed.push(outcome);
  }
  return replayed;
}

/** What became of the event, or null when another request replayed it first. */
async function replayOne(db: Database, tenantId: string, event: AcceptedEvent): Promise<ReplayedEvent | null> {
  const key = and(eq(eventIds.tenantId, tenantId), eq(eventIds.eventId, event.id));
  try {
    const taken = await db.transaction(async (tx) => {
      const released = await tx.delete(eventIds).where(and(key, eq(eventIds.status, 'FAILED'))).returning({ id: eventIds.eventId });
      if (released.length === 0) return false;
      await tx.delete(events).where(and(eq(events.tenantId, tenantId), eq(events.eventId, event.id), eq(events.eventTime, new Date(event.timestamp))));
      await meterTenantEvents(tx, tenantId, [event], { owesDebits: false });
      return true;
    });
    if (!taken) return null;
    const [row] = await db.select({ status: eventIds.status }).from(eventIds).where(key);
    return { id: event.id, status: row!.status as EventStatus };
  } catch (error) {
    const reason = `replay failed: ${causeMessage(error)}`.slice(0, 1000);
    await db
      .update(eventIds)
      .set({ detail: sql`jsonb_build_object('reason', ${reason}::text)`, processedAt: new Date() })
      .where(and(key, eq(eventIds.status, 'FAILED')));
    return { id: event.id, status: 'FAILED', reason };
  }
}
