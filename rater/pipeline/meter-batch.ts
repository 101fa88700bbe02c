import { sql } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { splitByAccount } from '../../shared/metering/account-not-found';
import { meterEvent, type EventOutcome } from '../../shared/metering/meter-event';
import type { EventBatchMessage } from '../../shared/queue/event-batch-message';
import type { Database, Queryable } from '../db/connect';
import { groupPricedUsage } from '../../shared/pricing/rate-usage';
import { eventDebits } from '../../shared/queue/ledger-message';
import { eventIds, events } from '../db/schema';
import { knownAccountIds } from '../store/accounts';
import { queueLedgerDebits, queueUnratedSpend } from '../store/ledger-outbox';
import {
  cachedAssociations,
  cachedUnknownAccounts,
  forgetAssociations,
  meteringConfig,
} from '../store/metering-config';
import { lockAccountsForRating } from '../store/plan-associations';
import { isStaleAssociations, meterBatchStatement, type MeteringPlan } from './meter-batch-statement';

export interface BatchResult {
  received: number;
  /** Events seen for the first time and written. */
  processed: number;
  /** Events already processed by an earlier delivery: skipped, changing nothing. */
  alreadyProcessed: number;
}

/**
 * Meters a queue batch exactly once. Per tenant, one SQL function call (meterBatchStatement) does
 * all of it in one implicit transaction: the plan locks, the association check, the id gate and,
 * for the ids that were new, rollups, distinct values, raw events, owed debits, cycle usage and
 * revenue. A redelivered batch, or two consumers racing on overlapping batches, count every event
 * once; row locks are held for that one statement only.
 */
export async function meterBatch(db: Database, messages: EventBatchMessage[]): Promise<BatchResult> {
  const byTenant = new Map<string, Map<string, AcceptedEvent>>();
  let received = 0;
  for (const message of messages) {
    const tenantEvents = byTenant.get(message.tenantId) ?? new Map<string, AcceptedEvent>();
    for (const event of message.events) {
      received++;
      if (!tenantEvents.has(event.id)) {
        tenantEvents.set(event.id, event);
      }
    }
    byTenant.set(message.tenantId, tenantEvents);
  }
  let processed = 0;
  // Each tenant's part commits alone: a retry after a later part failed finds the earlier ones done.
  for (const [tenantId, tenantEvents] of byTenant) {
    processed += await meterTenantBatch(db, tenantId, [...tenantEvents.values()]);
  }
  return { received, processed, alreadyProcessed: received - processed };
}

/** How often a batch is planned again when its accounts' associations changed under it. */
const STALE_ATTEMPTS = 5;

async function meterTenantBatch(db: Database, tenantId: string, batch: AcceptedEvent[]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const plan = await planTenant(db, tenantId, batch, { owesDebits: true });
    try {
      return (await meterBatchStatement(db, plan)).fresh.size;
    } catch (error) {
      if (!isStaleAssociations(error) || attempt >= STALE_ATTEMPTS) {
        throw error;
      }
      forgetAssociations(tenantId);
    }
  }
}

/**
 * Meters one tenant's events inside the caller's transaction (a replay); returns how many were
 * new. Their debits become owed, unless `owesDebits` is false: a replayed FAILED event's debit was
 * owed when it was recorded FAILED, and may be long settled (owing it again could debit it twice).
 * The plan locks are taken before associations are read, so the batch statement's check passes.
 */
export async function meterTenantEvents(
  tx: Queryable,
  tenantId: string,
  batch: AcceptedEvent[],
  { owesDebits = true } = {},
): Promise<number> {
  const accounts = [...new Set(batch.map((e) => e.accountId))];
  await lockAccountsForRating(tx, tenantId, accounts);
  forgetAssociations(tenantId);
  const plan = await planTenant(tx, tenantId, batch, { owesDebits });
  return (await meterBatchStatement(tx, plan)).fresh.size;
}

/**
 * Records events that could not be metered as FAILED, with the reason, and stores them as received
 * so they can be read and replayed. Only ids never seen before: a metered event stays metered.
 */
export async function recordFailedEvents(
  db: Database,
  tenantId: string,
  failed: AcceptedEvent[],
  reason: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const outcomes: EventOutcome[] = failed.map((event) => ({
      event,
      status: 'FAILED',
      contributions: [],
      detail: { reason },
    }));
    const fresh = await claimIds(tx, tenantId, outcomes);
    await writeRawEvents(
      tx,
      tenantId,
      outcomes.filter((o) => fresh.has(o.event.id)),
    );
    // Credits follow usage, not metering: a FAILED event consumed what it consumed.
    const recorded = failed.filter((e) => fresh.has(e.id));
    await queueLedgerDebits(tx, tenantId, recorded);
    await queueUnratedSpend(tx, tenantId, recorded);
    return fresh.size;
  });
}

/**
 * The tenant's policy for events of accounts never created (shared/account/unknown-accounts.ts),
 * cached like the rest of metering's configuration; under FAIL, which accounts exist is read per batch.
 */
async function splitUnknownAccounts(db: Queryable, tenantId: string, batch: AcceptedEvent[], owesDebits: boolean) {
  const policy = await cachedUnknownAccounts(db, tenantId);
  const known =
    policy === 'FAIL'
      ? await knownAccountIds(db, tenantId, [...new Set(batch.map((e) => e.accountId))])
      : new Set<string>();
  return splitByAccount(batch, policy, known, { owesDebits });
}

/**
 * Everything about the batch that needs no lock: each event's outcome (configuration from the
 * isolate's cache), its debits, and its priced usage under the associations as last read.
 */
async function planTenant(
  db: Queryable,
  tenantId: string,
  batch: AcceptedEvent[],
  { owesDebits }: { owesDebits: boolean },
): Promise<MeteringPlan> {
  const { meter, notFound } = await splitUnknownAccounts(db, tenantId, batch, owesDebits);
  const names = [...new Set(meter.map((e) => e.schemaName))];
  const config = await meteringConfig(db, tenantId, names, { needFeatures: owesDebits });
  const outcomes = [
    ...meter.map((event) =>
      meterEvent(event, config.schemas.get(event.schemaName), config.meters.get(event.schemaName) ?? []),
    ),
    ...notFound,
  ];
  // As received, not enriched: the same amounts /entitled debited at the edge. An
  // ACCOUNT_NOT_FOUND event is not processed (Togai's behaviour): it owes nothing until replayed,
  // and its detail's `debitOwed` says whether the replay will owe it.
  const debits = owesDebits
    ? eventDebits(
        meter.filter((e) => !e.debitedAtEdge),
        config.features,
      )
    : [];
  // Every account with usage is locked and checked, fresh or not: the statement decides freshness.
  const accounts = [
    ...new Set(outcomes.filter((o) => o.contributions.length > 0).map((o) => o.event.accountId)),
  ].sort();
  const associations = accounts.length === 0 ? [] : await cachedAssociations(db, tenantId, accounts);
  const groups = associations.length === 0 ? [] : groupPricedUsage(outcomes, associations);
  return { tenantId, outcomes, debits, accounts, associations, groups };
}

/**
 * The exactly-once gate: returns the ids this transaction inserted, i.e. never seen before. Ids go
 * in sorted, so two consumers inserting overlapping batches wait on each other in one order and
 * cannot deadlock. Each statement sends its columns as arrays (unnest): one parse and plan per
 * batch instead of one parameter per field.
 */
async function claimIds(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<Set<string>> {
  if (outcomes.length === 0) {
    return new Set();
  }
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
  if (outcomes.length === 0) {
    return;
  }
  const column = <T>(pick: (e: AcceptedEvent) => T) => sql.param(outcomes.map((o) => pick(o.event)));
  await db.execute(sql`
    INSERT INTO ${events} (tenant_id, event_id, event_time, account_id, schema_name, schema_version, attributes, units, dimensions, accepted_at)
    SELECT ${tenantId}, * FROM unnest(
      ${column((e) => e.id)}::text[], ${column((e) => e.timestamp)}::timestamptz[], ${column((e) => e.accountId)}::text[],
      ${column((e) => e.schemaName)}::text[], ${column((e) => e.schemaVersion)}::int[], ${column((e) => JSON.stringify(e.attributes))}::jsonb[],
      ${column((e) => JSON.stringify(e.units))}::jsonb[], ${column((e) => JSON.stringify(e.dimensions))}::jsonb[],
      ${column((e) => e.acceptedAt)}::timestamptz[])`);
}
