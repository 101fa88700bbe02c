import { sql } from 'drizzle-orm';
import { canonicalJson } from '../../shared/idempotency/payload-hash';
import type { EventOutcome } from '../../shared/metering/meter-event';
import { mergeRollups, minuteBucket, rollupKeyText, rollupOf, type Rollup, type RollupKey } from '../../shared/meter/rollup';
import type { Queryable } from '../db/connect';
import { usageRollups } from '../db/schema';

/** Rows per INSERT: well under Postgres' 65 535 bind parameters. */
const CHUNK = 500;

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
  const t = usageRollups;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insert(t)
      .values(
        rows.slice(i, i + CHUNK).map(({ key, rollup }) => ({
          tenantId: key.tenantId,
          meterId: key.meterId,
          accountId: key.accountId,
          bucket: new Date(key.bucket),
          dimensionsKey: canonicalJson(key.dimensions),
          dimensions: key.dimensions,
          eventCount: rollup.count,
          valueSum: rollup.sum,
          valueMin: rollup.min,
          valueMax: rollup.max,
          latestValue: rollup.latestValue,
          latestAt: new Date(rollup.latestAt),
          latestEventId: rollup.latestEventId,
        })),
      )
      .onConflictDoUpdate({
        target: [t.tenantId, t.meterId, t.accountId, t.dimensionsKey, t.bucket],
        set: {
          eventCount: sql`${t.eventCount} + excluded.event_count`,
          valueSum: sql`${t.valueSum} + excluded.value_sum`,
          valueMin: sql`least(${t.valueMin}, excluded.value_min)`,
          valueMax: sql`greatest(${t.valueMax}, excluded.value_max)`,
          latestValue: sql`case when ${laterThanStored} then excluded.latest_value else ${t.latestValue} end`,
          latestAt: sql`case when ${laterThanStored} then excluded.latest_at else ${t.latestAt} end`,
          latestEventId: sql`case when ${laterThanStored} then excluded.latest_event_id else ${t.latestEventId} end`,
        },
      });
  }
}

// COLLATE "C": ids compare by code point, as mergeRollups compares them in TypeScript, whatever
// the database's default collation — so the LATEST tie-break is the same on every path.
const laterThanStored = sql`(excluded.latest_at, excluded.latest_event_id collate "C") > (${usageRollups.latestAt}, ${usageRollups.latestEventId} collate "C")`;
