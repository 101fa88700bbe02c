import { KEY_BUCKET_MS } from './debit-windows';
import { bucketKey, bucketKeys, KeyBuckets, tableNames, type BucketKey } from './key-buckets';

/**
 * What an AccountLedger remembers of its debits, sized by what each memory is for (docs/capacity.md):
 *
 * - A PENDING debit of POST /entitled keeps its full lines (`pending_debits`): it may still be
 *   refunded. That lasts about RECONCILE_AFTER_MS from the last call for it (a retry of the call
 *   starts it again), so the table holds a minute or so of debits.
 * - Once a debit is final, only "this event was debited" is needed, to skip a later delivery of the
 *   same debit: its key in the time buckets of key-buckets.ts (`debit_keys_<bucket>`), dropped whole
 *   once the redelivery window has passed over them, so an object's storage levels off at about
 *   rate × (window + one bucket).
 * - A debit the rater owes (it came over the ledger queue) stays unconfirmed until the consumer
 *   reports that the rater struck it from its ledger outbox; keys still unconfirmed when their bucket
 *   is dropped move to `unconfirmed_keys`, kept until confirmed, whatever their age: however late the
 *   outbox sends such a debit again, it is skipped.
 * - Objects made before this layout have a `debits` table (a row per debit, 60 days): its PENDING
 *   rows move to `pending_debits` on start, its SETTLED rows are still read, and pruned at 60 days,
 *   until it is empty and dropped.
 */
export { KEY_BUCKET_MS };
export type DebitState = 'PENDING' | 'SETTLED';

/** An event id's key (key-buckets.ts). */
export type DebitKey = BucketKey;

/** Debits of objects made before the key buckets were kept this long (the old DEBIT_RETENTION_MS). */
export const LEGACY_RETENTION_MS = 60 * 24 * 60 * 60 * 1000;

export const debitKey = bucketKey;
export const debitKeys = bucketKeys;

export class DebitRecords {
  private readonly keys: KeyBuckets;
  private legacy: boolean;

  constructor(
    private readonly sql: SqlStorage,
    transaction: <T>(run: () => T) => T,
  ) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS pending_debits (
        event_id TEXT PRIMARY KEY, lines TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS pending_debits_created ON pending_debits (created_at);
    `);
    this.keys = new KeyBuckets(sql, { bucketPrefix: 'debit_keys_', unconfirmedTable: 'unconfirmed_keys' });
    this.legacy = tableNames(sql).includes('debits');
    if (this.legacy) {
      // One transaction: a PENDING debit is in one table or the other, never both or neither.
      transaction(() => {
        sql.exec(
          "INSERT OR IGNORE INTO pending_debits (event_id, lines, created_at) SELECT event_id, lines, created_at FROM debits WHERE state = 'PENDING'",
        );
        sql.exec("DELETE FROM debits WHERE state = 'PENDING'");
      });
    }
  }

  /** Reads which tables exist; after a rolled-back transaction the cache may be ahead of them. */
  reload(): void {
    const tables = tableNames(this.sql);
    this.keys.reload(tables);
    this.legacy = tables.includes('debits');
  }

  /** PENDING with its lines, SETTLED (only the key is left), or never debited as far as this object knows. */
  state(eventId: string, key: DebitKey): DebitState | null {
    if (this.sql.exec('SELECT 1 FROM pending_debits WHERE event_id = ?', eventId).toArray().length > 0) {
      return 'PENDING';
    }
    if (this.keys.has(key)) {
      return 'SETTLED';
    }
    if (this.legacy && this.sql.exec('SELECT 1 FROM debits WHERE event_id = ?', eventId).toArray().length > 0) {
      return 'SETTLED';
    }
    return null;
  }

  insertPending(eventId: string, lines: unknown[], now: number): void {
    this.sql.exec(
      'INSERT INTO pending_debits (event_id, lines, created_at) VALUES (?, ?, ?)',
      eventId,
      JSON.stringify(lines),
      now,
    );
  }

  /**
   * A retry of the call found this debit PENDING: it is due again RECONCILE_AFTER_MS from now, so
   * the claim the retry makes next has as long to reach its shard as the first call's had.
   * `created_at` is thus the time of the last call for the debit, not of the debit.
   */
  touchPending(eventId: string, now: number): void {
    this.sql.exec('UPDATE pending_debits SET created_at = ? WHERE event_id = ?', now, eventId);
  }

  /** When the last call for a PENDING debit was made, or null if it is not PENDING. */
  pendingSince(eventId: string): number | null {
    return (
      this.sql
        .exec<{ t: number }>('SELECT created_at AS t FROM pending_debits WHERE event_id = ?', eventId)
        .toArray()[0]?.t ?? null
    );
  }

  /** A PENDING debit's lines, or null if it is not PENDING. */
  pendingLines<L>(eventId: string): L[] | null {
    const row = this.sql
      .exec<{ lines: string }>('SELECT lines FROM pending_debits WHERE event_id = ?', eventId)
      .toArray()[0];
    return row ? (JSON.parse(row.lines) as L[]) : null;
  }

  deletePending(eventId: string): void {
    this.sql.exec('DELETE FROM pending_debits WHERE event_id = ?', eventId);
  }

  /**
   * Records a final debit by its key. `confirmed`: nothing will send it again once the redelivery
   * window has passed (a settled /entitled debit, whose event owes the rater no debit); false for
   * one the rater's outbox still owes until the consumer confirms it.
   */
  settle(key: DebitKey, confirmed: boolean, now: number): void {
    this.keys.add(key, confirmed, now);
  }

  /** A final debit the rater's outbox owes again (the same id, sent over the queue): unconfirmed until confirmed. */
  owe(key: DebitKey): void {
    this.keys.owe(key);
  }

  /** The rater no longer owes these debits: their keys may go with their buckets. */
  confirm(keys: DebitKey[]): void {
    this.keys.confirm(keys);
  }

  pendingBefore(madeBefore: number, limit: number): string[] {
    return this.sql
      .exec<{ event_id: string }>(
        'SELECT event_id FROM pending_debits WHERE created_at <= ? ORDER BY created_at LIMIT ?',
        madeBefore,
        limit,
      )
      .toArray()
      .map((r) => r.event_id);
  }

  oldestPending(): number | null {
    return this.sql.exec<{ t: number | null }>('SELECT min(created_at) AS t FROM pending_debits').one().t;
  }

  /**
   * Drops every bucket that ended `window` or more before `now` (its unconfirmed keys kept), and
   * prunes the legacy table. Returns when the next bucket will be due, or null if none is live.
   */
  expire(now: number, window: number): number | null {
    const bucketDue = this.keys.expire(now, window);
    let legacyDue: number | null = null;
    if (this.legacy) {
      this.sql.exec("DELETE FROM debits WHERE state = 'SETTLED' AND created_at <= ?", now - LEGACY_RETENTION_MS);
      const oldest = this.sql.exec<{ t: number | null }>('SELECT min(created_at) AS t FROM debits').one().t;
      if (oldest === null) {
        this.sql.exec('DROP TABLE debits');
        this.legacy = false;
      } else {
        legacyDue = oldest + LEGACY_RETENTION_MS;
      }
    }
    if (bucketDue === null) {
      return legacyDue;
    }
    return legacyDue === null ? bucketDue : Math.min(bucketDue, legacyDue);
  }

  /** Keys the rater still owes after their bucket was dropped (for operators and tests). */
  unconfirmedKeptCount(): number {
    return this.keys.unconfirmedKeptCount();
  }

  liveBuckets(): number[] {
    return this.keys.liveBuckets();
  }

  /** Creates the bucket `now` falls in, outside any transaction that might roll it back. */
  prepareBucket(now: number): void {
    this.keys.prepareBucket(now);
  }
}
