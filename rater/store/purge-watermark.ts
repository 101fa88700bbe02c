import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/connect';
import { jobCursors } from '../db/schema';

/**
 * The instant before which raw events may have been purged (pipeline/purge-raw-events.ts), kept in
 * job_cursors. A backdated association rates from the raw events, so it may only start at or after
 * it: usage before it can no longer be read, and would silently go unrated.
 */
const NAME = 'raw-events-purged-before';

/** Moves the watermark forward to `cutoff`, before the purge deletes anything below it; waits while an association holds it. */
export async function raisePurgeWatermark(db: Queryable, cutoff: Date): Promise<void> {
  const t = jobCursors;
  const value = JSON.stringify({ before: cutoff.toISOString() });
  await db.execute(sql`
    INSERT INTO ${t} (name, cursor, started_at, updated_at) VALUES (${NAME}, ${value}::jsonb, now(), now())
    ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = now()
    WHERE (${t.cursor}->>'before')::timestamptz < (excluded.cursor->>'before')::timestamptz`);
}

/**
 * The watermark, share-locked to the end of the caller's transaction: the purge cannot raise it
 * (so cannot delete above it) while an association reads the events it rates. Epoch when nothing
 * was ever purged (the row is made then, so the lock has a row to hold).
 */
export async function holdPurgeWatermark(tx: Queryable): Promise<number> {
  const t = jobCursors;
  const epoch = JSON.stringify({ before: new Date(0).toISOString() });
  await tx.execute(
    sql`INSERT INTO ${t} (name, cursor, started_at, updated_at) VALUES (${NAME}, ${epoch}::jsonb, now(), now()) ON CONFLICT (name) DO NOTHING`,
  );
  const { rows } = await tx.execute<{ before: string }>(
    sql`SELECT ${t.cursor}->>'before' AS before FROM ${t} WHERE name = ${NAME} FOR SHARE`,
  );
  return Date.parse(rows[0]!.before);
}
