import { sql } from 'drizzle-orm';
import { canonicalJson } from '../../shared/idempotency/payload-hash';
import type { EventOutcome } from '../../shared/metering/meter-event';
import { mergeRollups, minuteBucket, rollupKeyText, rollupOf, type Rollup, type RollupKey } from '../../shared/meter/rollup';
import type { Queryable } from '../db/connect';
import { usageRollups } from '../db/schema';

/**
 * Adds the batch's new events to the per-minute rollups: merged in memory first (one row per
 * meter, account, dimension set and minute), then upserted — each aggregation's state merged in
 * SQL exactly as mergeRollups merges it in TypeScript.
 */
export async function writeRollups(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<void> {
  const merged = new Map<string, { key: RollupKey; rollup: Rollup }>();
  for (const { event, contributions } of outcomes) {
    for (const { meterId, value, aggregation } of contributions) {
      if (aggregation === 'UNIQUE_COUNT') continue; // kept as distinct values instead
      const key: RollupKey = { tenantId, meterId, accountId: event.accountId, bucket: minuteBucket(event.timestamp), dimensions: event.dimensions };
      const text = rollupKeyText(key);
      const rollup = rollupOf(value, event.timestamp, event.id);
      const existing = merged.get(text);
      merged.set(text, { key, rollup: existing ? mergeRollups(existing.rollup, rollup) : rollup });
    }
  }
  // A fixed key order: two transactions touching the same rows lock them in the same order.
  const rows = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  if (rows.length === 0) return;
  // One statement for the whole batch, its columns sent as 13 arrays (unnest) rather than 13
  // parameters per row: Postgres parses and plans it once, whatever the number of rows.
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  const t = usageRollups;
  await db.execute(sql`
    INSERT INTO ${t} (tenant_id, meter_id, account_id, bucket, dimensions_key, dimensions, event_count,
                      value_sum, value_min, value_max, latest_value, latest_at, latest_event_id)
    SELECT tenant_id, meter_id, account_id, bucket, dimensions_key, dimensions, event_count,
           value_sum, value_min, value_max, latest_value, latest_at, latest_event_id
    FROM unnest(
      ${column((r) => r.key.tenantId)}::text[], ${column((r) => r.key.meterId)}::text[],
      ${column((r) => r.key.accountId)}::text[], ${column((r) => r.key.bucket)}::timestamptz[],
      ${column((r) => canonicalJson(r.key.dimensions))}::text[], ${column((r) => JSON.stringify(r.key.dimensions))}::jsonb[],
      ${column((r) => r.rollup.count)}::bigint[], ${column((r) => r.rollup.sum)}::numeric[],
      ${column((r) => r.rollup.min)}::numeric[], ${column((r) => r.rollup.max)}::numeric[],
      ${column((r) => r.rollup.latestValue)}::numeric[], ${column((r) => r.rollup.latestAt)}::timestamptz[],
      ${column((r) => r.rollup.latestEventId)}::text[]
    ) WITH ORDINALITY AS r (tenant_id, meter_id, account_id, bucket, dimensions_key, dimensions, event_count,
                            value_sum, value_min, value_max, latest_value, latest_at, latest_event_id, position)
    ORDER BY position
    ON CONFLICT (tenant_id, meter_id, account_id, dimensions_key, bucket) DO UPDATE SET
      event_count = ${t.eventCount} + excluded.event_count,
      value_sum = ${t.valueSum} + excluded.value_sum,
      value_min = least(${t.valueMin}, excluded.value_min),
      value_max = greatest(${t.valueMax}, excluded.value_max),
      latest_value = case when ${laterThanStored} then excluded.latest_value else ${t.latestValue} end,
      latest_at = case when ${laterThanStored} then excluded.latest_at else ${t.latestAt} end,
      latest_event_id = case when ${laterThanStored} then excluded.latest_event_id else ${t.latestEventId} end
  `);
}

// COLLATE "C": ids compare by code point, as mergeRollups compares them in TypeScript, whatever
// the database's default collation — so the LATEST tie-break is the same on every path.
const laterThanStored = sql`(excluded.latest_at, excluded.latest_event_id collate "C") > (${usageRollups.latestAt}, ${usageRollups.latestEventId} collate "C")`;
