import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/connect';
import { jobCursors } from '../db/schema';

export interface JobCursor<C> {
  cursor: C;
  startedAt: Date;
}

export async function readJobCursor<C>(db: Queryable, name: string): Promise<JobCursor<C> | null> {
  const [row] = await db.select().from(jobCursors).where(eq(jobCursors.name, name));
  return row ? { cursor: row.cursor as C, startedAt: row.startedAt } : null;
}

export async function saveJobCursor<C>(db: Queryable, name: string, value: JobCursor<C>): Promise<void> {
  await db
    .insert(jobCursors)
    .values({ name, cursor: value.cursor, startedAt: value.startedAt, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: jobCursors.name,
      set: { cursor: value.cursor, startedAt: value.startedAt, updatedAt: new Date() },
    });
}

export async function clearJobCursor(db: Queryable, name: string): Promise<void> {
  await db.delete(jobCursors).where(eq(jobCursors.name, name));
}
