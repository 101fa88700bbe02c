import { KeyBuckets, tableNames, type BucketKey } from './key-buckets';

/**
 * Which spend records an AccountLedger has counted, so that each key (an event id, or a spend
 * adjustment's `spendAdjustmentKey`) counts once (shared/spend/README.md, "Capacity"). What they
 * counted is kept apart, summed per cycle in `spend_cycles`; this is only the memory that skips a
 * second copy, and it needs to last only as long as a copy can still arrive:
 *
 * - A record comes from the rater's outboxes (an event's revenue rides on its ledger-outbox debit; a
 *   spend adjustment sits in `ledger_spend_adjustments`), which send it again until the ledger
 *   consumer has had the rater strike it and then calls `AccountLedger.confirm` with its key. So
 *   its key is kept unconfirmed — past its bucket, whatever its age — until that confirmation.
 * - Once confirmed, no new send of it can be made: a REDO restores the outbox row it found (none, if
 *   struck), and a parked message's records stay owed in the outbox until a replay is settled. Only
 *   copies already on the ledger queue can still arrive, within the queue's retries
 *   (SETTLED_KEY_WINDOW_MS, debit-windows.ts). The key is kept in its time bucket (`spend_keys_<n>`)
 *   until the window has passed over the bucket, then dropped with it.
 * - So a copy can never arrive after its key is gone, and the cycle sums stay exact without one row
 *   per record: storage levels off at about rate × (window + one bucket), 16 bytes a key.
 * - A settle of a money reservation is refused for an event whose record is known (its estimate
 *   would never be replaced). Its event must be stamped within ENTITLE_MAX_EVENT_AGE_MS (24 h), and
 *   a record reaches the ledger no sooner than its event was ingested, so a record the settle could
 *   collide with is at most ~24 h old: its key is still kept.
 *
 * Objects made before keep their `spend_records` table (one row per record of the current cycle).
 * It is read as it always was — a key found there was counted — and pruned as its cycles end, as
 * before; once empty it is dropped. Nothing is migrated: whether the rater still owed those records
 * was never tracked, so their keys could not be given a bucket honestly, and their cycle's end
 * (at most a cycle away) bounds them anyway — a copy arriving after it lands in an ended cycle and
 * counts nothing.
 */
export class SpendKeys {
  private readonly keys: KeyBuckets;
  private legacy: boolean;

  constructor(private readonly sql: SqlStorage) {
    this.keys = new KeyBuckets(sql, { bucketPrefix: 'spend_keys_', unconfirmedTable: 'spend_unconfirmed_keys' });
    this.legacy = tableNames(sql).includes('spend_records');
  }

  /** Reads which tables exist; after a rolled-back transaction the cache may be ahead of them. */
  reload(): void {
    const tables = tableNames(this.sql);
    this.keys.reload(tables);
    this.legacy = tables.includes('spend_records');
  }

  /** Whether the record under `id` (whose key is `key`) was counted. */
  has(id: string, key: BucketKey): boolean {
    if (this.keys.has(key)) {
      return true;
    }
    return this.legacy && this.sql.exec('SELECT 1 FROM spend_records WHERE key = ?', id).toArray().length > 0;
  }

  /** A record just counted, owed by the rater's outbox until confirmed. */
  add(key: BucketKey, now: number): void {
    this.keys.add(key, false, now);
  }

  /** A copy of a counted record came again from an outbox: owed until confirmed again. */
  owe(key: BucketKey): void {
    this.keys.owe(key);
  }

  confirm(keys: BucketKey[]): void {
    this.keys.confirm(keys);
  }

  prepareBucket(now: number): void {
    this.keys.prepareBucket(now);
  }

  /** Drops the buckets the window has passed over; answers when the next is due. */
  expire(now: number, window: number): number | null {
    return this.keys.expire(now, window);
  }

  /** The legacy rows of cycles ended before `before` count nothing: forgotten, the table with its last row. */
  pruneLegacy(before: number): void {
    if (!this.legacy) {
      return;
    }
    this.sql.exec('DELETE FROM spend_records WHERE cycle_end < ?', before);
    if (this.sql.exec('SELECT 1 FROM spend_records LIMIT 1').toArray().length === 0) {
      this.sql.exec('DROP TABLE spend_records');
      this.legacy = false;
    }
  }

  stats(): { buckets: number[]; unconfirmedKept: number; legacyRecords: number } {
    return {
      buckets: this.keys.liveBuckets(),
      unconfirmedKept: this.keys.unconfirmedKeptCount(),
      legacyRecords: this.legacy ? this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM spend_records').one().n : 0,
    };
  }
}
