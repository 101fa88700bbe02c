import { and, eq, inArray } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { meterEvent, type EventOutcome } from '../../shared/metering/meter-event';
import type { EventBatchMessage } from '../../shared/queue/event-batch-message';
import type { Database, Queryable } from '../db/connect';
import { eventIds, eventSchemas, events } from '../db/schema';
import { toEventSchema } from '../store/event-schemas';
import { activeMetersBySchema } from '../store/usage-meters';
import { writeDistinctValues } from './write-distinct-values';
import { writeRollups } from './write-rollups';

/** Rows per INSERT: well under Postgres' 65 535 bind parameters for the widest table. */
const CHUNK = 500;

export interface BatchResult {
  received: number;
  /** Events seen for the first time and written. */
  processed: number;
  /** Events already processed by an earlier delivery: skipped, changing nothing. */
  alreadyProcessed: number;
}

/**
 * Meters a queue batch exactly once, in one transaction: the ids are inserted into event_ids
 * first and only the ones that were new go on to rollups and raw storage. A redelivered batch, or
 * two consumers racing on overlapping batches, therefore count every event once.
 */
export async function meterBatch(db: Database, messages: EventBatchMessage[]): Promise<BatchResult> {
  const byTenant = new Map<string, Map<string, AcceptedEvent>>();
  let received = 0;
  for (const message of messages) {
    const tenantEvents = byTenant.get(message.tenantId) ?? new Map<string, AcceptedEvent>();
    for (const event of message.events) {
      received++;
      if (!tenantEvents.has(event.id)) tenantEvents.set(event.id, event);
    }
    byTenant.set(message.tenantId, tenantEvents);
  }

  return db.transaction(async (tx) => {
    let processed = 0;
    for (const [tenantId, tenantEvents] of byTenant) processed += await meterTenantEvents(tx, tenantId, [...tenantEvents.values()]);
    return { received, processed, alreadyProcessed: received - processed };
  });
}

/** Meters one tenant's events inside the caller's transaction; returns how many were new. */
export async function meterTenantEvents(tx: Queryable, tenantId: string, batch: AcceptedEvent[]): Promise<number> {
  const outcomes = await planTenant(tx, tenantId, batch);
  const fresh = await claimIds(tx, tenantId, outcomes);
  const freshOutcomes = outcomes.filter((o) => fresh.has(o.event.id));
  await writeRollups(tx, tenantId, freshOutcomes);
  await writeDistinctValues(tx, tenantId, freshOutcomes);
  await writeRawEvents(tx, tenantId, freshOutcomes);
  return freshOutcomes.length;
}

/**
 * Records events that could not be metered as FAILED, with the reason, and stores them as received
 * so they can be read and replayed. Only ids never seen before: a metered event stays metered.
 */
export async function recordFailedEvents(db: Database, tenantId: string, failed: AcceptedEvent[], reason: string): Promise<number> {
  return db.transaction(async (tx) => {
    const outcomes: EventOutcome[] = failed.map((event) => ({ event, status: 'FAILED', contributions: [], detail: { reason } }));
    const fresh = await claimIds(tx, tenantId, outcomes);
    await writeRawEvents(tx, tenantId, outcomes.filter((o) => fresh.has(o.event.id)));
    return fresh.size;
  });
}

async function planTenant(db: Queryable, tenantId: string, batch: AcceptedEvent[]): Promise<EventOutcome[]> {
  const names = [...new Set(batch.map((e) => e.schemaName))];
  const schemaRows = await db
    .select()
    .from(eventSchemas)
    .where(and(eq(eventSchemas.tenantId, tenantId), inArray(eventSchemas.name, names)));
  const schemas = new Map(schemaRows.map((row) => [row.name, toEventSchema(row)]));
  const meters = await activeMetersBySchema(db, tenantId, names);
  return batch.map((event) =>
    meterEvent(event, schemas.get(event.schemaName), meters.filter((m) => m.eventSchemaName === event.schemaName)),
  );
}

/** The exactly-once gate: returns the ids this transaction inserted, i.e. never seen before. */
async function claimIds(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (let i = 0; i < outcomes.length; i += CHUNK) {
    const rows = await db
      .insert(eventIds)
      .values(
        outcomes.slice(i, i + CHUNK).map((o) => ({
          tenantId,
          eventId: o.event.id,
          eventTime: new Date(o.event.timestamp),
          status: o.status,
          detail: o.detail,
        })),
      )
      .onConflictDoNothing()
      .returning({ eventId: eventIds.eventId });
    for (const row of rows) fresh.add(row.eventId);
  }
  return fresh;
}

async function writeRawEvents(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<void> {
  for (let i = 0; i < outcomes.length; i += CHUNK) {
    const slice = outcomes.slice(i, i + CHUNK);
    if (slice.length === 0) continue;
    await db.insert(events).values(
      slice.map(({ event }) => ({
        tenantId,
        eventId: event.id,
        eventTime: new Date(event.timestamp),
        accountId: event.accountId,
        schemaName: event.schemaName,
        schemaVersion: event.schemaVersion,
        attributes: event.attributes,
        units: event.units,
        dimensions: event.dimensions,
        acceptedAt: new Date(event.acceptedAt),
      })),
    );
  }
}
