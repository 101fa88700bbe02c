import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { Decimal } from '../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { canonicalJson } from '../../shared/idempotency/payload-hash';
import { eventStatuses, type EventStatus, type MeterContribution } from '../../shared/metering/meter-event';
import { minuteBucket } from '../../shared/meter/rollup';
import { aggregationSchema } from '../../shared/meter/usage-meter';
import { groupPricedUsage } from '../../shared/pricing/rate-usage';
import type { Queryable } from '../db/connect';
import { planLockKey, ratingAssociationsFor } from '../store/plan-associations';
import { rateGroups } from './write-revenue';

const storedSchema = z.object({
  status: z.enum(eventStatuses),
  detail: z.record(z.string(), z.unknown()),
  account_id: z.string(),
  event_time: z.string(),
  schema_name: z.string(),
  schema_version: z.number().int(),
  attributes: z.record(z.string(), z.string()),
  units: z.record(z.string(), z.string()),
  dimensions: z.record(z.string(), z.string()),
  accepted_at: z.string(),
});
const metersSchema = z
  .array(z.object({ meterId: z.string(), value: z.string(), aggregation: aggregationSchema }))
  .default([]);

/** An event as stored, under the locks a correction holds. */
export interface LockedEvent {
  event: AcceptedEvent;
  status: EventStatus;
  detail: Record<string, unknown>;
}

/**
 * Locks an event for a correction, or returns null when the tenant has no such event. First its
 * account's plan lock, exclusively — the lock every batch metering that account holds shared to
 * its commit, and a new association exclusively — then its event_ids row. So no batch writes the
 * account's rollups, distinct values or cycles while a correction recomputes them from raw events,
 * and concurrent corrections of one account run one after another. `alsoAccount` (a REDO_EVENT's
 * new account) is locked with it, in key order, as batches take them (no deadlock); should a
 * REDO_EVENT have moved the event to another account in between, that one is locked too, and the
 * row read again.
 */
export async function lockEvent(
  tx: Queryable,
  tenantId: string,
  eventId: string,
  alsoAccount?: string,
): Promise<LockedEvent | null> {
  const locked = new Set<string>();
  for (;;) {
    const row = await readEvent(tx, tenantId, eventId, locked.size > 0);
    if (!row) {
      return null;
    }
    if (locked.has(row.account_id)) {
      return toLocked(eventId, row);
    }
    const keys = [...new Set([row.account_id, alsoAccount ?? row.account_id])]
      .filter((a) => !locked.has(a))
      .map((a) => planLockKey(tenantId, a))
      .sort();
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sql.param(keys)}::text[]) with ordinality as u (k, n) order by n`,
    );
    locked.add(row.account_id);
    if (alsoAccount !== undefined) {
      locked.add(alsoAccount);
    }
  }
}

async function readEvent(tx: Queryable, tenantId: string, eventId: string, forUpdate: boolean) {
  const { rows } = await tx.execute(sql`
    SELECT k.status, k.detail, e.account_id, to_json(e.event_time)#>>'{}' AS event_time, e.schema_name, e.schema_version,
           e.attributes, e.units, e.dimensions, to_json(e.accepted_at)#>>'{}' AS accepted_at
      FROM event_ids k JOIN events e ON e.tenant_id = k.tenant_id AND e.event_id = k.event_id AND e.event_time = k.event_time
     WHERE k.tenant_id = ${tenantId} AND k.event_id = ${eventId}
     ${forUpdate ? sql`FOR UPDATE OF k` : sql``}`);
  return rows.length === 0 ? null : storedSchema.parse(rows[0]);
}

function toLocked(eventId: string, row: z.infer<typeof storedSchema>): LockedEvent {
  return {
    status: row.status,
    detail: row.detail,
    event: {
      id: eventId,
      schemaName: row.schema_name,
      schemaVersion: row.schema_version,
      timestamp: new Date(row.event_time).toISOString(),
      accountId: row.account_id,
      attributes: row.attributes,
      units: row.units,
      dimensions: row.dimensions,
      acceptedAt: new Date(row.accepted_at).toISOString(),
    },
  };
}

/**
 * Removes everything a METERED event added (docs/design.md §15), inside the caller's transaction and
 * under lockEvent's locks, and records it REVERTED. Usage: each rollup row it fed is recomputed
 * from the raw events of that minute still METERED (exact for every aggregation, MIN, MAX and
 * LATEST included, which subtraction cannot undo), and each UNIQUE_COUNT value it added is dropped
 * unless another METERED event of that minute carries it too. Revenue: its quantity leaves each
 * cycle it was rated in, and the price change that causes is written at its minute, so each
 * cycle's revenue stays the price of the cycle's usage, tiers and volume breaks included.
 * An event that is not METERED added nothing: it is only marked. Returns the status it had.
 */
export async function undoLockedEvent(tx: Queryable, tenantId: string, locked: LockedEvent): Promise<EventStatus> {
  const { event, status } = locked;
  if (status === 'REVERTED') {
    return status;
  }
  await tx.execute(sql`
    UPDATE event_ids SET status = 'REVERTED', processed_at = now(),
           detail = detail || jsonb_build_object('revertedFrom', ${status}::text)
     WHERE tenant_id = ${tenantId} AND event_id = ${event.id}`);
  if (status !== 'METERED') {
    return status;
  }

  const contributions: MeterContribution[] = metersSchema.parse(locked.detail.meters);
  const sorted = [...contributions].sort((a, b) => (a.meterId < b.meterId ? -1 : a.meterId > b.meterId ? 1 : 0));
  const key = {
    account: event.accountId,
    bucket: minuteBucket(event.timestamp),
    dimsKey: canonicalJson(event.dimensions),
    dims: JSON.stringify(event.dimensions),
  };
  for (const contribution of sorted) {
    if (contribution.aggregation === 'UNIQUE_COUNT') {
      await dropDistinctValue(tx, tenantId, contribution, key);
    } else {
      await recomputeRollup(tx, tenantId, contribution.meterId, key);
    }
  }

  const associations = await ratingAssociationsFor(tx, tenantId, [event.accountId]);
  const groups = groupPricedUsage([{ event, contributions }], associations).map((group) => ({
    ...group,
    quantity: new Decimal(group.quantity).negated().toFixed(),
    usage: group.usage.map((u) => ({ ...u, quantity: new Decimal(u.quantity).negated().toFixed() })),
  }));
  await rateGroups(tx, tenantId, groups, { spendAfter: event.id });
  return status;
}

type RollupKey = { account: string; bucket: string; dimsKey: string; dims: string };

/** The METERED events of one rollup row's minute, account and dimensions, with what each counted for the meter. */
function meteredValues(tenantId: string, meterId: string, key: RollupKey) {
  return sql`
    SELECT e.event_id, e.event_time, (m->>'value') AS value
      FROM events e
      JOIN event_ids k ON k.tenant_id = e.tenant_id AND k.event_id = e.event_id AND k.event_time = e.event_time
      CROSS JOIN LATERAL jsonb_array_elements(k.detail->'meters') AS m
     WHERE e.tenant_id = ${tenantId} AND e.account_id = ${key.account}
       AND e.event_time >= ${key.bucket}::timestamptz AND e.event_time < ${key.bucket}::timestamptz + interval '1 minute'
       AND e.dimensions = ${key.dims}::jsonb AND k.status = 'METERED' AND m->>'meterId' = ${meterId}`;
}

/** The rollup row as the batch statement would have written it from the events left; gone when none is. */
async function recomputeRollup(tx: Queryable, tenantId: string, meterId: string, key: RollupKey): Promise<void> {
  const where = sql`tenant_id = ${tenantId} AND meter_id = ${meterId} AND account_id = ${key.account}
                    AND dimensions_key = ${key.dimsKey} AND bucket = ${key.bucket}::timestamptz`;
  const { rows } = await tx.execute<{ n: string }>(sql`
    WITH v AS (SELECT event_id, event_time, value::numeric AS value FROM (${meteredValues(tenantId, meterId, key)}) s),
    agg AS (
      SELECT count(*) AS n,
             CASE WHEN count(*) = 1 THEN sum(value) ELSE trim_scale(sum(value)) END AS s,
             CASE WHEN count(*) = 1 THEN min(value) ELSE trim_scale(min(value)) END AS lo,
             CASE WHEN count(*) = 1 THEN max(value) ELSE trim_scale(max(value)) END AS hi,
             (array_agg(value ORDER BY event_time DESC, event_id COLLATE "C" DESC))[1] AS latest,
             max(event_time) AS latest_at,
             (array_agg(event_id ORDER BY event_time DESC, event_id COLLATE "C" DESC))[1] AS latest_id
        FROM v)
    UPDATE usage_rollups r SET event_count = agg.n, value_sum = agg.s, value_min = agg.lo, value_max = agg.hi,
           latest_value = agg.latest, latest_at = agg.latest_at, latest_event_id = agg.latest_id
      FROM agg WHERE agg.n > 0 AND ${where}
    RETURNING agg.n::text AS n`);
  if (rows.length === 0) {
    await tx.execute(sql`DELETE FROM usage_rollups WHERE ${where}`);
  }
}

async function dropDistinctValue(
  tx: Queryable,
  tenantId: string,
  contribution: MeterContribution,
  key: RollupKey,
): Promise<void> {
  await tx.execute(sql`
    DELETE FROM usage_distinct
     WHERE tenant_id = ${tenantId} AND meter_id = ${contribution.meterId} AND account_id = ${key.account}
       AND dimensions_key = ${key.dimsKey} AND bucket = ${key.bucket}::timestamptz AND value = ${contribution.value}
       AND NOT EXISTS (SELECT 1 FROM (${meteredValues(tenantId, contribution.meterId, key)}) s WHERE s.value = ${contribution.value})`);
}
