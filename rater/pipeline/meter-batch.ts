import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { splitByAccount } from '../../shared/metering/account-not-found';
import { meterEvent, type EventOutcome } from '../../shared/metering/meter-event';
import type { EventBatchMessage } from '../../shared/queue/event-batch-message';
import type { Database, Queryable } from '../db/connect';
import { eventIds, eventSchemas, events } from '../db/schema';
import { toEventSchema } from '../store/event-schemas';
import { knownAccountIds } from '../store/accounts';
import { unknownAccountsOf } from '../store/unknown-accounts';
import { queueLedgerDebits } from '../store/ledger-outbox';
import { activeMetersBySchema } from '../store/usage-meters';
import { writeDistinctValues } from './write-distinct-values';
import { writeRevenue } from './write-revenue';
import { writeRollups } from './write-rollups';

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

/**
 * Meters one tenant's events inside the caller's transaction; returns how many were new. Their
 * debits become owed, unless `owesDebits` is false: a replayed FAILED event's debit was owed
 * when it was recorded FAILED, and may be long settled (owing it again could debit it twice).
 */
export async function meterTenantEvents(tx: Queryable, tenantId: string, batch: AcceptedEvent[], { owesDebits = true } = {}): Promise<number> {
  const { meter, notFound } = await splitUnknownAccounts(tx, tenantId, batch);
  const outcomes = [...(meter.length > 0 ? await planTenant(tx, tenantId, meter) : []), ...notFound];
  const fresh = await claimIds(tx, tenantId, outcomes);
  const freshOutcomes = outcomes.filter((o) => fresh.has(o.event.id));
  await writeRollups(tx, tenantId, freshOutcomes);
  await writeDistinctValues(tx, tenantId, freshOutcomes);
  await writeRevenue(tx, tenantId, freshOutcomes);
  await writeRawEvents(tx, tenantId, freshOutcomes);
  // As received, not enriched: the same amounts /entitled debited at the edge.
  // An ACCOUNT_NOT_FOUND event is not processed (Togai's behaviour): it owes nothing until replayed.
  if (owesDebits) await queueLedgerDebits(tx, tenantId, meter.filter((e) => fresh.has(e.id)));
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
    // Credits follow usage, not metering: a FAILED event consumed what it consumed.
    await queueLedgerDebits(tx, tenantId, failed.filter((e) => fresh.has(e.id)));
    return fresh.size;
  });
}

/** The tenant's policy for events of accounts never created, read from its home row (tenant-settings.ts). */
async function splitUnknownAccounts(tx: Queryable, tenantId: string, batch: AcceptedEvent[]) {
  const policy = await unknownAccountsOf(tx, tenantId);
  const known = policy === 'FAIL' ? await knownAccountIds(tx, tenantId, [...new Set(batch.map((e) => e.accountId))]) : new Set<string>();
  return splitByAccount(batch, policy, known);
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

/**
 * The exactly-once gate: returns the ids this transaction inserted, i.e. never seen before. Ids go
 * in sorted, so two consumers inserting overlapping batches wait on each other in one order and
 * cannot deadlock. Each statement sends its columns as arrays (unnest): one parse and plan per
 * batch instead of one parameter per field.
 */
async function claimIds(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const sorted = [...outcomes].sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  const column = <T>(pick: (o: EventOutcome) => T) => sql.param(sorted.map(pick));
  const { rows } = await db.execute<{ event_id: string }>(sql`
    INSERT INTO ${eventIds} (tenant_id, event_id, event_time, status, detail)
    SELECT ${tenantId}, event_id, event_time, status, detail
    FROM unnest(${column((o) => o.event.id)}::text[], ${column((o) => o.event.timestamp)}::timestamptz[],
                ${column((o) => o.status)}::text[], ${column((o) => JSON.stringify(o.detail))}::jsonb[])
         WITH ORDINALITY AS r (event_id, event_time, status, detail, position)
    ORDER BY position
    ON CONFLICT DO NOTHING
    RETURNING event_id`);
  return new Set(rows.map((row) => row.event_id));
}

async function writeRawEvents(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const column = <T>(pick: (e: AcceptedEvent) => T) => sql.param(outcomes.map((o) => pick(o.event)));
  await db.execute(sql`
    INSERT INTO ${events} (tenant_id, event_id, event_time, account_id, schema_name, schema_version, attributes, units, dimensions, accepted_at)
    SELECT ${tenantId}, * FROM unnest(
      ${column((e) => e.id)}::text[], ${column((e) => e.timestamp)}::timestamptz[], ${column((e) => e.accountId)}::text[],
      ${column((e) => e.schemaName)}::text[], ${column((e) => e.schemaVersion)}::int[], ${column((e) => JSON.stringify(e.attributes))}::jsonb[],
      ${column((e) => JSON.stringify(e.units))}::jsonb[], ${column((e) => JSON.stringify(e.dimensions))}::jsonb[],
      ${column((e) => e.acceptedAt)}::timestamptz[])`);
}
