import type { LedgerMessage } from '../../shared/queue/ledger-message';
import type { Queryable } from '../db/connect';
import { clearJobCursor, readJobCursor, saveJobCursor } from '../store/job-cursors';
import { openAssociations, type AssociationKey } from '../store/plan-associations';
import { grantPlanCredits } from './grant-plan-credits';

/** Associations per page: at most 5 queue sends (100 messages each) and one query. */
export const GRANT_PAGE_SIZE = 500;
/**
 * Pages per invocation: 40 × 500 = 20 000 associations, ≤ 200 queue sends and 40 queries — well
 * inside a Worker invocation's subrequest and CPU limits, however many associations there are.
 * A pass that needs more goes on at the next ten-minute cron, from where it stopped.
 */
export const GRANT_PAGES_PER_RUN = 40;
/** An association ended this long ago still gets its credits cut, should that send have been missed. */
const LOOKBACK_MS = 62 * 24 * 3600_000;

type Cursor = { after: AssociationKey | null };

/**
 * The daily pass over every open plan association, sending the credits of its current and next
 * cycles to the ledger queue (idempotent: entry ids are stable), in bounded pages. `start` begins
 * a new pass at `now`; otherwise an unfinished pass, if any, goes on at the instant it began.
 */
export async function grantAllPlanCredits(
  queue: Queue<LedgerMessage>,
  db: Queryable,
  options: { start?: Date; pagesPerRun?: number; job?: string } = {},
): Promise<{ associations: number; messages: number; done: boolean }> {
  const job = options.job ?? 'plan-grants';
  const pass = options.start
    ? { cursor: { after: null } as Cursor, startedAt: options.start }
    : await readJobCursor<Cursor>(db, job);
  if (!pass) {
    return { associations: 0, messages: 0, done: true };
  }
  const now = pass.startedAt.getTime();
  let after = pass.cursor.after;
  let associations = 0;
  let messages = 0;
  for (let page = 0; page < (options.pagesPerRun ?? GRANT_PAGES_PER_RUN); page++) {
    const open = await openAssociations(db, new Date(now - LOOKBACK_MS), { after, limit: GRANT_PAGE_SIZE });
    messages += await grantPlanCredits(queue, open, now);
    associations += open.length;
    if (open.length < GRANT_PAGE_SIZE) {
      await clearJobCursor(db, job);
      return { associations, messages, done: true };
    }
    const last = open.at(-1)!;
    after = { tenantId: last.tenantId, id: last.id };
    // Saved after each page: a run cut short resumes here, re-sending at most one page (harmless).
    await saveJobCursor(db, job, { cursor: { after }, startedAt: pass.startedAt });
  }
  return { associations, messages, done: false };
}
