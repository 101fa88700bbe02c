import {
  balanceCrossingSchema,
  watchedBalanceAlertSchema,
  type BalanceCrossing,
  type DetectedBalanceCrossing,
  type WatchedBalanceAlert,
} from '../../shared/alert/balance-crossings';

/**
 * How old the ledger's copy of the BALANCE_THRESHOLD alerts watching it may be before a debit
 * reads it again from the rater: an alert created, changed or deleted is seen by the ledger's next
 * debit after at most this long.
 */
export const BALANCE_ALERTS_TTL_MS = 60_000;
/** After the rater failed to answer them, debits go on with the copy kept, and ask again after this. */
export const BALANCE_ALERTS_RETRY_MS = 10_000;
/**
 * How long a debit waits for a read of the alerts before it goes on with the copy kept (the read
 * goes on, and the copy is replaced when it answers): a slow Postgres behind the rater must not
 * stall /entitled.
 */
export const BALANCE_ALERTS_WAIT_MS = 1_000;
/** Crossings sent to the rater per call; a full page brings the next send forward to now. */
export const CROSSINGS_PAGE = 200;
/** A send of crossings that failed is tried again by the alarm after this. */
export const CROSSINGS_RETRY_MS = 30_000;

const watchedList = watchedBalanceAlertSchema.array();

/**
 * The ledger's side of balance alerts (docs/design.md §15): its copy of the alerts that watch it,
 * and its outbox of the crossings its transactions made.
 *
 * A crossing is detected and written here by the transaction of the debit (or void, or correction)
 * that made it (AccountLedger.transaction): it exists exactly when that change is committed. It
 * stays here until the rater has recorded it; the rater keys its incident on `key` — this object's
 * id and the row's sequence, never reused (AUTOINCREMENT) — so a resend after a crash or a lost
 * answer records nothing twice.
 *
 * The copy of the alerts is read through from the rater, at most every BALANCE_ALERTS_TTL_MS, by
 * the debits' own calls before their transaction (no alert push has to reach every ledger of an
 * "every account" alert). Its staleness changes which thresholds a crossing is judged against,
 * never how often one fires: a crossing is a fact about one committed change.
 */
export class BalanceAlerts {
  private cached: WatchedBalanceAlert[] | null = null;
  /** Until when a failed read of the alerts is not tried again (memory only: a restart may try at once). */
  private retryAt = 0;
  private reading: Promise<void> | null = null;
  /** When the read in flight began: no debit waits for it past BALANCE_ALERTS_WAIT_MS after that. */
  private readingSince = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly ledgerId: string,
  ) {
    sql.exec(
      `CREATE TABLE IF NOT EXISTS balance_alerts (
         id INTEGER PRIMARY KEY CHECK (id = 1), fetched_at INTEGER NOT NULL, alerts TEXT NOT NULL)`,
    );
    sql.exec(
      'CREATE TABLE IF NOT EXISTS balance_crossings (seq INTEGER PRIMARY KEY AUTOINCREMENT, crossing TEXT NOT NULL)',
    );
  }

  /** When the copy was last read from the rater; null: never. */
  fetchedAt(): number | null {
    return (
      this.sql.exec<{ fetched_at: number }>('SELECT fetched_at FROM balance_alerts').toArray()[0]?.fetched_at ?? null
    );
  }

  save(alerts: WatchedBalanceAlert[], now: number): void {
    const valid = watchedList.parse(alerts);
    this.sql.exec(
      'INSERT OR REPLACE INTO balance_alerts (id, fetched_at, alerts) VALUES (1, ?, ?)',
      now,
      JSON.stringify(valid),
    );
    this.cached = valid;
  }

  watched(): WatchedBalanceAlert[] {
    if (this.cached === null) {
      const stored = this.sql.exec<{ alerts: string }>('SELECT alerts FROM balance_alerts').toArray()[0]?.alerts;
      this.cached = stored ? watchedList.parse(JSON.parse(stored)) : [];
    }
    return this.cached;
  }

  /** The features some alert watches: the only ones whose balance a transaction must compare. */
  features(): string[] {
    return [...new Set(this.watched().map((a) => a.featureId))];
  }

  /** Inside the transaction that made the crossings. */
  record(accountId: string, crossings: DetectedBalanceCrossing[], at: number): void {
    for (const crossing of crossings) {
      this.sql.exec(
        'INSERT INTO balance_crossings (crossing) VALUES (?)',
        JSON.stringify({ ...crossing, accountId, at }),
      );
    }
  }

  /** The oldest crossings not yet recorded by the rater, each with its key. */
  pending(limit = CROSSINGS_PAGE): { seq: number; crossing: BalanceCrossing }[] {
    return this.sql
      .exec<{ seq: number; crossing: string }>(
        'SELECT seq, crossing FROM balance_crossings ORDER BY seq LIMIT ?',
        limit,
      )
      .toArray()
      .map(({ seq, crossing }) => ({
        seq,
        crossing: balanceCrossingSchema.parse({ ...JSON.parse(crossing), key: `${this.ledgerId}:${seq}` }),
      }));
  }

  /** The rater recorded every crossing up to `seq`. */
  strike(seq: number): void {
    this.sql.exec('DELETE FROM balance_crossings WHERE seq <= ?', seq);
  }

  /**
   * Reads the alerts again when the copy is older than BALANCE_ALERTS_TTL_MS. A rater that does not
   * answer holds up no debit: after BALANCE_ALERTS_WAIT_MS the copy kept is used (the read goes on
   * and replaces it when it answers); a rater that fails is asked again after a pause.
   */
  async refresh(rater: BalanceAlertsRater, owner: { tenantId: string; accountId: string }, now: number): Promise<void> {
    const fetchedAt = this.fetchedAt();
    if ((fetchedAt !== null && now - fetchedAt < BALANCE_ALERTS_TTL_MS) || now < this.retryAt) {
      return;
    }
    // Concurrent debits finding the copy old wait for one read, not one each.
    if (this.reading === null) {
      this.readingSince = now;
      this.reading = rater
        .balanceAlerts(owner.tenantId, owner.accountId)
        .then((alerts) => this.save(alerts, now))
        .catch((error: unknown) => {
          this.retryAt = now + BALANCE_ALERTS_RETRY_MS;
          console.error('balance alerts could not be read from the rater; the copy kept stays in use', error);
        })
        .finally(() => {
          this.reading = null;
        });
    }
    const wait = this.readingSince + BALANCE_ALERTS_WAIT_MS - now;
    if (wait <= 0) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, wait);
    });
    await Promise.race([this.reading, waited]);
    clearTimeout(timer);
  }

  /**
   * Sends the oldest page of crossings to the rater and strikes them once it has recorded them.
   * Answers whether more are owed (a failed send, a full page): the caller runs this again later.
   */
  async send(rater: BalanceAlertsRater, tenantId: string): Promise<'DONE' | 'MORE' | 'FAILED'> {
    const page = this.pending();
    const last = page.at(-1);
    if (last === undefined) {
      return 'DONE';
    }
    try {
      await rater.recordBalanceCrossings(
        tenantId,
        page.map((p) => p.crossing),
      );
    } catch (error) {
      console.error('balance crossings could not be sent to the rater; they are sent again', error);
      return 'FAILED';
    }
    // Crossings recorded since this page was read have higher sequences: they stay.
    this.strike(last.seq);
    return page.length === CROSSINGS_PAGE ? 'MORE' : 'DONE';
  }

  pendingCount(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM balance_crossings').one().n;
  }
}

/** The rater's side of balance alerts, as the ledger calls it over its service binding. */
export interface BalanceAlertsRater {
  balanceAlerts(tenantId: string, accountId: string): Promise<WatchedBalanceAlert[]>;
  recordBalanceCrossings(tenantId: string, crossings: BalanceCrossing[]): Promise<number>;
}
