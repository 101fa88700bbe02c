import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { eventIds, events } from '../db/schema';

/** Rows deleted per statement, so a purge never holds one huge transaction. */
const PURGE_BATCH = 10_000;
/**
 * The shortest retention allowed: event_ids is also the exactly-once gate, and an event may be
 * delivered up to 45 days late (the grace window) plus the queue's retries.
 */
export const MIN_RETENTION_DAYS = 60;
export const DEFAULT_RETENTION_DAYS = 400;

/** RAW_EVENT_RETENTION_DAYS, checked: a whole number of days, at least MIN_RETENTION_DAYS. */
export function retentionDays(setting: string | undefined): number {
  if (setting === undefined || setting === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(setting);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) {
    throw new Error(`RAW_EVENT_RETENTION_DAYS must be a whole number of days, at least ${MIN_RETENTION_DAYS} (got '${setting}')`);
  }
  return days;
}

/**
 * Deletes raw events (and their status rows) dated more than `days` before `now`. Usage rollups —
 * what is billed — are kept: usage and metrics over old ranges still answer, GET /events does not.
 */
export async function purgeRawEvents(db: Database, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  // By primary key, not ctid: on a TimescaleDB hypertable a ctid is only unique within a chunk.
  const statements = [
    sql`DELETE FROM ${events} WHERE (tenant_id, event_id, event_time) IN (
          SELECT tenant_id, event_id, event_time FROM ${events} WHERE ${lt(events.eventTime, cutoff)} LIMIT ${PURGE_BATCH})`,
    sql`DELETE FROM ${eventIds} WHERE (tenant_id, event_id) IN (
          SELECT tenant_id, event_id FROM ${eventIds} WHERE ${lt(eventIds.eventTime, cutoff)} LIMIT ${PURGE_BATCH})`,
  ];
  let purged = 0;
  for (const [index, statement] of statements.entries()) {
    for (;;) {
      const { rowCount } = await db.execute(statement);
      if (index === 0) purged += rowCount ?? 0;
      if (!rowCount || rowCount < PURGE_BATCH) break;
    }
  }
  return purged;
}
