import { KEY_BUCKET_MS } from './debit-windows';

/**
 * "This id was applied here", remembered compactly and only as long as a copy of it can still
 * arrive (docs/capacity.md): the memory behind an AccountLedger's debits (debit-records.ts) and its
 * spend records (spend-keys.ts), each in tables of its own.
 *
 * - An id is a 16-byte key (SHA-256, cut) in the table of the time bucket it was applied in
 *   (`<prefix><bucket>`, WITHOUT ROWID). A bucket is dropped whole once the redelivery window has
 *   passed over it: no DELETE by index, and the freed pages are reused by new buckets, so storage
 *   levels off at about rate × (window + one bucket).
 * - An id the rater's outbox still owes (it came over the ledger queue) is `confirmed = 0` until the
 *   ledger consumer reports that the rater struck it from its outbox; only then can no new send of
 *   it be made, and only copies already queued can still arrive — all within the window. Keys still
 *   unconfirmed when their bucket is dropped move to the unconfirmed table, kept until confirmed,
 *   whatever their age.
 */
export type BucketKey = Uint8Array;

export interface KeyBucketTables {
  /** Bucket tables are named this prefix and the bucket's number: `debit_keys_` → `debit_keys_123`. */
  bucketPrefix: string;
  /** Where keys still owed outlive their bucket. */
  unconfirmedTable: string;
}

/** An id's key: SHA-256, first 16 bytes (a collision within an account is ~2⁻¹²⁸ per pair). */
export async function bucketKey(id: string): Promise<BucketKey> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id));
  return new Uint8Array(digest, 0, 16).slice();
}

export async function bucketKeys(ids: string[]): Promise<Map<string, BucketKey>> {
  const keys = await Promise.all(ids.map(bucketKey));
  return new Map(ids.map((id, i) => [id, keys[i] as BucketKey]));
}

export class KeyBuckets {
  /** Live bucket numbers, newest first; kept in step with the schema by this class alone. */
  private buckets: number[] = [];
  private readonly bucketTable: RegExp;

  constructor(
    private readonly sql: SqlStorage,
    private readonly tables: KeyBucketTables,
  ) {
    if (!/^[a-z_]+$/.test(tables.bucketPrefix) || !/^[a-z_]+$/.test(tables.unconfirmedTable)) {
      throw new Error(`KeyBuckets: table names must be lower-case words, not ${JSON.stringify(tables)}`);
    }
    this.bucketTable = new RegExp(`^${tables.bucketPrefix}(\\d+)$`);
    sql.exec(
      `CREATE TABLE IF NOT EXISTS ${tables.unconfirmedTable} (key BLOB PRIMARY KEY, kept_since INTEGER NOT NULL) WITHOUT ROWID`,
    );
    this.reload(tableNames(sql));
  }

  /** Reads which bucket tables exist; after a rolled-back transaction the cache may be ahead of them. */
  reload(tables: string[] = tableNames(this.sql)): void {
    this.buckets = tables
      .flatMap((name) => {
        const bucket = this.bucketTable.exec(name)?.[1];
        return bucket === undefined ? [] : [Number(bucket)];
      })
      .sort((a, b) => b - a);
  }

  /** Whether the key is remembered: in a live bucket, or kept unconfirmed past its bucket. */
  has(key: BucketKey): boolean {
    return (
      this.bucketOf(key) !== null || this.exists(`SELECT 1 FROM ${this.tables.unconfirmedTable} WHERE key = ?`, key)
    );
  }

  /**
   * Remembers a key in the bucket `now` falls in. `confirmed`: nothing will send it again once the
   * window has passed (no outbox owes it); false for one the rater's outbox owes until confirmed.
   */
  add(key: BucketKey, confirmed: boolean, now: number): void {
    const bucket = this.bucketFor(now);
    this.sql.exec(`INSERT OR IGNORE INTO ${this.table(bucket)} (key, confirmed) VALUES (?, ?)`, key, confirmed ? 1 : 0);
  }

  /** A key the rater's outbox owes again (a copy came over the queue): unconfirmed until confirmed. */
  owe(key: BucketKey): void {
    const bucket = this.bucketOf(key);
    if (bucket !== null) {
      this.sql.exec(`UPDATE ${this.table(bucket)} SET confirmed = 0 WHERE key = ?`, key);
    }
  }

  /** The rater no longer owes these: their keys may go with their buckets. */
  confirm(keys: BucketKey[]): void {
    for (const key of keys) {
      const bucket = this.bucketOf(key);
      if (bucket !== null) {
        this.sql.exec(`UPDATE ${this.table(bucket)} SET confirmed = 1 WHERE key = ? AND confirmed = 0`, key);
      } else {
        this.sql.exec(`DELETE FROM ${this.tables.unconfirmedTable} WHERE key = ?`, key);
      }
    }
  }

  /**
   * Drops every bucket that ended `window` or more before `now`, its unconfirmed keys kept. Returns
   * when the next bucket will be due, or null if none is live.
   */
  expire(now: number, window: number): number | null {
    for (const bucket of [...this.buckets].reverse()) {
      if ((bucket + 1) * KEY_BUCKET_MS + window > now) {
        break;
      }
      this.sql.exec(
        `INSERT OR IGNORE INTO ${this.tables.unconfirmedTable} (key, kept_since) SELECT key, ? FROM ${this.table(bucket)} WHERE confirmed = 0`,
        now,
      );
      this.sql.exec(`DROP TABLE ${this.table(bucket)}`);
      this.buckets = this.buckets.filter((b) => b !== bucket);
    }
    const oldest = this.buckets.at(-1);
    return oldest === undefined ? null : (oldest + 1) * KEY_BUCKET_MS + window;
  }

  /** Keys the rater still owes after their bucket was dropped (for operators and tests). */
  unconfirmedKeptCount(): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${this.tables.unconfirmedTable}`).one().n;
  }

  liveBuckets(): number[] {
    return [...this.buckets];
  }

  /** Creates the bucket `now` falls in, outside any transaction that might roll it back. */
  prepareBucket(now: number): void {
    this.bucketFor(now);
  }

  private bucketOf(key: BucketKey): number | null {
    for (const bucket of this.buckets) {
      if (this.exists(`SELECT 1 FROM ${this.table(bucket)} WHERE key = ?`, key)) {
        return bucket;
      }
    }
    return null;
  }

  private bucketFor(now: number): number {
    const bucket = Math.floor(now / KEY_BUCKET_MS);
    if (this.buckets[0] !== bucket && !this.buckets.includes(bucket)) {
      const table = this.table(bucket);
      // confirmed = 0 rows are few and short-lived: the partial index finds them when the bucket goes.
      this.sql.exec(`
        CREATE TABLE IF NOT EXISTS ${table} (key BLOB PRIMARY KEY, confirmed INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ${table}_unconfirmed ON ${table} (key) WHERE confirmed = 0;
      `);
      this.buckets = [...this.buckets, bucket].sort((a, b) => b - a);
    }
    return bucket;
  }

  private table(bucket: number): string {
    return `${this.tables.bucketPrefix}${bucket}`;
  }

  private exists(query: string, key: BucketKey): boolean {
    return this.sql.exec(query, key).toArray().length > 0;
  }
}

/** The object's tables, read once for every KeyBuckets and legacy check of a start. */
export function tableNames(sql: SqlStorage): string[] {
  return sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .toArray()
    .map((r) => r.name);
}
