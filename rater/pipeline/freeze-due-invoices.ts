import type { Database } from '../db/connect';
import { freezeAccountInvoices } from '../services/freeze-invoices';
import { readJobCursor, saveJobCursor } from '../store/job-cursors';
import { accountsWithPlans, type AccountKey } from '../store/plan-associations';

/** Accounts per page: one query for the page, a few per account (more for an account with cycles to freeze). */
export const FREEZE_PAGE_SIZE = 200;
/** Pages per invocation: 10 × 200 accounts; a pass that needs more goes on at the next cron. */
export const FREEZE_PAGES_PER_RUN = 10;
/**
 * Invoices per invocation, about: each recomputes the account's earlier invoiced cycles, so a
 * first pass over accounts with years of cycles behind them is spread over several runs
 * (checked after each account, which may add up to MAX_CYCLES_PER_CALL).
 */
export const FREEZE_INVOICES_PER_RUN = 1000;
/**
 * A plan ended this long before a pass still has its accounts visited: its last cycle may run a
 * year past its end (an annual cycle), then the grace period (at most 60 days).
 */
const ENDED_LOOKBACK_MS = 430 * 86_400_000;
/** Where no cron runs (the local stack), queue traffic starts a pass at most this often. */
export const FREEZE_RESTART_MS = 3600_000;

/** The pass's cursor: kept when done, so `startedAt` says when the last pass began. */
type Cursor = { after: AccountKey | null; done: boolean };

export interface FreezeOutcome {
  accounts: number;
  invoices: number;
  /** Accounts whose freezing failed this run (logged; the next pass tries them again). */
  failed: number;
  done: boolean;
}

/**
 * The pass that freezes every account's cycles whose grace period has ended into invoices
 * (services/freeze-invoices.ts), in bounded pages over the accounts with a plan. `start` begins a
 * new pass at that instant — the daily cron (with `pagesPerRun: 0`: the ten-minute cron does the
 * work, away from the daily one's), or, with `unlessStartedWithin`, queue traffic where no cron
 * fires; otherwise an unfinished pass goes on, freezing as of the instant it began, so a pass and
 * its invoices never depend on when its pages ran. Idempotent: running it twice, or twice at once,
 * makes no invoice twice.
 */
export async function freezeDueInvoices(
  db: Database,
  options: {
    start?: Date;
    unlessStartedWithin?: number;
    pagesPerRun?: number;
    invoicesPerRun?: number;
    job?: string;
  } = {},
): Promise<FreezeOutcome> {
  const job = options.job ?? 'invoice-freeze';
  const previous = await readJobCursor<Cursor>(db, job);
  const idle = { accounts: 0, invoices: 0, failed: 0, done: true };
  let pass = previous && !previous.cursor.done ? previous : null;
  if (options.start) {
    const recent =
      previous &&
      options.unlessStartedWithin !== undefined &&
      options.start.getTime() - previous.startedAt.getTime() < options.unlessStartedWithin;
    if (!recent) {
      pass = { cursor: { after: null, done: false }, startedAt: options.start };
      await saveJobCursor(db, job, pass);
    }
  }
  if (!pass) {
    return idle;
  }
  const now = pass.startedAt.getTime();
  let after = pass.cursor.after;
  const outcome = { ...idle, done: false };
  const budget = options.invoicesPerRun ?? FREEZE_INVOICES_PER_RUN;
  for (let page = 0; page < (options.pagesPerRun ?? FREEZE_PAGES_PER_RUN); page++) {
    const accounts = await accountsWithPlans(
      db,
      { now: pass.startedAt, endedSince: new Date(now - ENDED_LOOKBACK_MS) },
      { after, limit: FREEZE_PAGE_SIZE },
    );
    const lastPage = accounts.length < FREEZE_PAGE_SIZE;
    for (const [i, account] of accounts.entries()) {
      try {
        outcome.invoices += await freezeAccountInvoices(db, account.tenantId, account.accountId, now);
      } catch (error) {
        // One account's failure must not hold every later account's invoices back.
        outcome.failed++;
        console.error(
          `invoice freeze failed for account ${account.accountId} of tenant ${account.tenantId}:`,
          (error as Error).cause ?? error,
        );
      }
      outcome.accounts++;
      after = account;
      const done = lastPage && i === accounts.length - 1;
      if (outcome.invoices >= budget && !done) {
        await saveJobCursor(db, job, { cursor: { after, done: false }, startedAt: pass.startedAt });
        return outcome;
      }
    }
    // Saved after each page: a run cut short resumes here, redoing at most one page (harmless).
    await saveJobCursor(db, job, { cursor: { after, done: lastPage }, startedAt: pass.startedAt });
    if (lastPage) {
      return { ...outcome, done: true };
    }
  }
  return outcome;
}
