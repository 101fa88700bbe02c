import { sql } from 'drizzle-orm';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { canonicalJson } from '../../shared/idempotency/payload-hash';
import type { EventOutcome } from '../../shared/metering/meter-event';
import { minuteBucket } from '../../shared/meter/rollup';
import type { CycleUsage, RatingAssociation } from '../../shared/pricing/rate-usage';
import type { AccountDebit } from '../../shared/queue/ledger-message';
import type { Queryable } from '../db/connect';
import { associationFingerprint } from '../store/metering-config';
import { planLockKey } from '../store/plan-associations';

/** A tenant's part of a batch, decided before any lock: what meterBatchStatement writes. */
export interface MeteringPlan {
  tenantId: string;
  outcomes: EventOutcome[];
  debits: AccountDebit[];
  /** The accounts with usage, sorted: locked shared, and their associations checked. */
  accounts: string[];
  /** Their associations as read (cached); the statement refuses the batch if Postgres differs. */
  associations: RatingAssociation[];
  /** Priced usage grouped by (association, rate card, cycle), each event in rating order. */
  groups: CycleUsage[];
}

export interface StatementResult {
  /** The ids this call inserted into event_ids: never seen before. */
  fresh: Set<string>;
}

/** The batch statement's refusal when associations changed since they were read (SQLSTATE ML001). */
export function isStaleAssociations(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return (error as { code?: string }).code === 'ML001' || cause?.code === 'ML001';
}

/**
 * One round trip: meterline_meter_batch (migrations/0019_rater_single_statement.sql) takes the
 * accounts' plan locks shared, checks their associations, claims the ids, and writes for the new
 * ones rollups (every aggregation), UNIQUE_COUNT's distinct values, raw events, owed debits,
 * cycle usage and revenue (priced by meterline_price from the cycle's usage returned under the
 * upsert's row lock) — in one implicit transaction unless the caller is in one. Columns travel as
 * arrays: one parse and plan per batch, whatever its size. Events go in id order, and every table
 * is written in key order, so concurrent batches wait on each other in one order and never deadlock.
 */
export async function meterBatchStatement(db: Queryable, plan: MeteringPlan): Promise<StatementResult> {
  const { tenantId } = plan;
  const outcomes = [...plan.outcomes].sort((a, b) => compare(a.event.id, b.event.id));
  const rollups: { event: AcceptedEvent; meterId: string; value: string }[] = [];
  const distinct: { event: AcceptedEvent; meterId: string; value: string }[] = [];
  for (const { event, contributions } of outcomes) {
    for (const { meterId, value, aggregation } of contributions) {
      (aggregation === 'UNIQUE_COUNT' ? distinct : rollups).push({ event, meterId, value });
    }
  }
  const groups = plan.groups;
  // In rating order within each group (groupPricedUsage sorted it): the statement rates in this order.
  const usage = groups.flatMap((g) =>
    g.usage.map((u) => ({
      group: g,
      eventId: u.eventId,
      quantity: u.quantity,
      bucket: minuteBucket(new Date(u.timestamp).toISOString()),
    })),
  );
  const p = <T>(values: T[]) => sql.param(values);
  const e = <T>(pick: (o: EventOutcome) => T) => p(outcomes.map(pick));
  const { rows } = await db.execute<{ result: { fresh: string[] } }>(sql`
    SELECT meterline_meter_batch(
      ${tenantId}, ${p(plan.accounts.map((a) => planLockKey(tenantId, a)).sort())}::text[],
      ${p(plan.accounts)}::text[], ${associationFingerprint(plan.associations)}::text,
      ${e((o) => o.event.id)}::text[], ${e((o) => o.event.timestamp)}::timestamptz[], ${e((o) => o.event.accountId)}::text[],
      ${e((o) => o.event.schemaName)}::text[], ${e((o) => o.event.schemaVersion)}::int[], ${e((o) => JSON.stringify(o.event.attributes))}::jsonb[],
      ${e((o) => JSON.stringify(o.event.units))}::jsonb[], ${e((o) => JSON.stringify(o.event.dimensions))}::jsonb[],
      ${e((o) => o.event.acceptedAt)}::timestamptz[], ${e((o) => o.status)}::text[], ${e((o) => JSON.stringify(o.detail))}::jsonb[],
      ${p(rollups.map((r) => r.event.id))}::text[], ${p(rollups.map((r) => r.meterId))}::text[],
      ${p(rollups.map((r) => minuteBucket(r.event.timestamp)))}::timestamptz[], ${p(rollups.map((r) => canonicalJson(r.event.dimensions)))}::text[],
      ${p(rollups.map((r) => r.value))}::numeric[],
      ${p(distinct.map((d) => d.event.id))}::text[], ${p(distinct.map((d) => d.meterId))}::text[],
      ${p(distinct.map((d) => minuteBucket(d.event.timestamp)))}::timestamptz[], ${p(distinct.map((d) => canonicalJson(d.event.dimensions)))}::text[],
      ${p(distinct.map((d) => d.value))}::text[],
      ${p(plan.debits.map((d) => d.eventId))}::text[], ${p(plan.debits.map((d) => d.accountId))}::text[],
      ${p(plan.debits.map((d) => d.at))}::bigint[], ${p(plan.debits.map((d) => JSON.stringify(d.lines)))}::jsonb[],
      ${p(usage.map((u) => u.eventId))}::text[], ${p(usage.map((u) => u.group.associationId))}::text[], ${p(usage.map((u) => u.group.meterId))}::text[],
      ${p(usage.map((u) => new Date(u.group.cycleStart).toISOString()))}::timestamptz[], ${p(usage.map((u) => new Date(u.group.cycleEnd).toISOString()))}::timestamptz[],
      ${p(usage.map((u) => u.group.accountId))}::text[], ${p(usage.map((u) => u.group.currency))}::text[], ${p(usage.map((u) => u.quantity))}::numeric[],
      ${p(usage.map((u) => u.bucket))}::timestamptz[],
      ${p(groups.map((g) => g.associationId))}::text[], ${p(groups.map((g) => g.meterId))}::text[],
      ${p(groups.map((g) => new Date(g.cycleStart).toISOString()))}::timestamptz[], ${p(groups.map((g) => g.card.pricingModel))}::text[],
      ${p(groups.map((g) => g.card.packageSize ?? null))}::numeric[], ${p(groups.map((g) => JSON.stringify(ratedSlabs(g))))}::jsonb[]
    ) AS result`);
  return { fresh: new Set(rows[0]!.result.fresh) };
}

/**
 * The slabs a group is priced with, as meterline_price reads them: start, rate and price type.
 * The one place where the rate card and the account's rating currency meet on the way to SQL —
 * the group's card and currency were chosen by groupPricedUsage (shared/pricing/rate-usage.ts);
 * with rates per currency, the rate for `group.currency` is picked here.
 */
export function ratedSlabs(group: CycleUsage): { startAfter: string; rate: string; priceType: string }[] {
  return group.card.slabs.map((slab) => ({ startAfter: slab.startAfter, rate: slab.rate, priceType: slab.priceType }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
