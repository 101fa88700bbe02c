import { canonicalJson } from '../../shared/idempotency/payload-hash';
import type { EventOutcome } from '../../shared/metering/meter-event';
import { minuteBucket } from '../../shared/meter/rollup';
import type { Queryable } from '../db/connect';
import { usageDistinct } from '../db/schema';

const CHUNK = 500;

/**
 * UNIQUE_COUNT's state: each distinct value per meter, account, dimension set and minute, kept
 * once (a repeat is a no-op). Written in key order, like the rollups, so writers never deadlock.
 */
export async function writeDistinctValues(db: Queryable, tenantId: string, outcomes: EventOutcome[]): Promise<void> {
  const rows = new Map<string, typeof usageDistinct.$inferInsert>();
  for (const { event, contributions } of outcomes) {
    for (const { meterId, value, aggregation } of contributions) {
      if (aggregation !== 'UNIQUE_COUNT') continue;
      const bucket = minuteBucket(event.timestamp);
      const dimensionsKey = canonicalJson(event.dimensions);
      const key = [meterId, event.accountId, dimensionsKey, bucket, value].join('\u0000');
      rows.set(key, { tenantId, meterId, accountId: event.accountId, bucket: new Date(bucket), dimensionsKey, dimensions: event.dimensions, value });
    }
  }
  const ordered = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (let i = 0; i < ordered.length; i += CHUNK) {
    await db.insert(usageDistinct).values(ordered.slice(i, i + CHUNK)).onConflictDoNothing();
  }
}
