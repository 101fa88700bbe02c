import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { eventIds, events } from '../db/schema';
import { raisePurgeWatermark } from '../store/purge-watermark';

/** Rows deleted per statement, so a purge never holds one huge transaction. */
const PURGE_BATCH = 10_000;
/**
 * Statements per table per invocation: at most 1 M rows, well inside a Worker invocation's
 * limits. What is left is deleted by the next run (the ten-minute cron runs the purge too).
 */
export const PURGE_BATCHES_PER_RUN = 100;
/**
 * The shortest retention allowed: event_ids is also the exactly-once gate, and an event may be
 * delivered up to 45 days late (the grace window) plus the queue's retries.
 */
export const MIN_RETENTION_DAYS = 60;
export const DEFAULT_RETENTION_DAYS = 400;

/** RAW_EVENT_RETENTION_DAYS, checked: a whole number of days, at least MIN_RETENTION_DAYS. */
export function retentionDays(setting: string | undefined): number {
  if (setting === undefined || setting === '') {
    return DEFAULT_RETENTION_DAYS;
  }
  const days = Number(setting);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) {
    throw new Error(
      `RAW_EVENT_RETENTION_DAYS must be a whole number of days, at least ${MIN_RETENTION_DAYS} (got '${setting}')`,
    );
  }
  return days;
}

/**
 * Deletes raw events (and their status rows) dated more than `days` before `now`. Usage rollups —
 * what is billed — are kept: usage and metrics over old ranges still answer, GET /events does not.
 */
export async function purgeRawEvents(
  db: Database,
  now: Date,
  days: number,
  { batchSize = PURGE_BATCH, batchesPerRun = PURGE_BATCHES_PER_RUN } = {},
): Promise<{ purged: number; done: boolean }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  // First: from here on, no backdated association may start before the cutoff (it could not rate what is deleted).
  await raisePurgeWatermark(db, cutoff);
  // Where events is a TimescaleDB hypertable, whole chunks older than the cutoff are dropped at
  // once (no row-by-row DELETE); the rows of the chunk the cutoff falls in are deleted below.
  if (await isHypertable(db, 'events')) {
    await db.execute(sql`SELECT drop_chunks('events', older_than => ${cutoff.toISOString()}::timestamptz)`);
  }
  // By primary key, not ctid: on a TimescaleDB hypertable a ctid is only unique within a chunk.
  const statements = [
    sql`DELETE FROM ${events} WHERE (tenant_id, event_id, event_time) IN (
          SELECT tenant_id, event_id, event_time FROM ${events} WHERE ${lt(events.eventTime, cutoff)} LIMIT ${batchSize})`,
    sql`DELETE FROM ${eventIds} WHERE (tenant_id, event_id) IN (
          SELECT tenant_id, event_id FROM ${eventIds} WHERE ${lt(eventIds.eventTime, cutoff)} LIMIT ${batchSize})`,
  ];
  let purged = 0;
  let done = true;
  for (const [index, statement] of statements.entries()) {
    for (let batch = 0; ; batch++) {
      if (batch === batchesPerRun) {
        done = false;
        break;
      }
      const { rowCount } = await db.execute(statement);
      if (index === 0) {
        purged += rowCount ?? 0;
      }
      if (!rowCount || rowCount < batchSize) {
        break;
      }
    }
  }
  return { purged, done };
}

async function isHypertable(db: Database, table: string): Promise<boolean> {
  const { rows } = await db.execute<{ found: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS found`);
  if (!rows[0]?.found) {
    return false;
  }
  const hypertables = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM timescaledb_information.hypertables WHERE hypertable_name = ${table}`);
  return (hypertables.rows[0]?.n ?? 0) > 0;
}
