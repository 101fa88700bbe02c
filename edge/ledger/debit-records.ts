import { KEY_BUCKET_MS } from './debit-windows';

/**
 * What an AccountLedger remembers of its debits, sized by what each memory is for (docs/capacity.md):
 *
 * - A PENDING debit of POST /entitled keeps its full lines (`pending_debits`): it may still be
 *   refunded. That lasts about RECONCILE_AFTER_MS from the last call for it (a retry of the call
 *   starts it again), so the table holds a minute or so of debits.
 * - Once a debit is final, only "this event was debited" is needed, to skip a later delivery of the
 *   same debit: a 16-byte key (SHA-256 of the event id, cut) in the table of the time bucket it was
 *   made in (`debit_keys_<bucket>`, WITHOUT ROWID). A bucket is dropped whole once the redelivery
 *   window has passed over it: no DELETE by index, and the freed pages are reused by new buckets, so
 *   an object's storage levels off at about rate × (window + one bucket).
 * - A debit the rater owes (it came over the ledger queue) is `confirmed = 0` until the consumer
 *   reports that the rater struck it from its ledger outbox; only then can no new send of it be
 *   made. Keys still unconfirmed when their bucket is dropped move to `unconfirmed_keys`, kept until
 *   confirmed, whatever their age: however late the outbox sends such a debit again, it is skipped.
 * - Objects made before this layout have a `debits` table (a row per debit, 60 days): its PENDING
 *   rows move to `pending_debits` on start, its SETTLED rows are still read, and pruned at 60 days,
 *   until it is empty and dropped.
 */
export { KEY_BUCKET_MS };
export type DebitState = 'PENDING' | 'SETTLED';

/** An event id's key: SHA-256, first 16 bytes (a collision within an account is ~2⁻¹²⁸ per pair). */
export type DebitKey = Uint8Array;

/** Debits of objects made before the key buckets were kept this long (the old DEBIT_RETENTION_MS). */
export const LEGACY_RETENTION_MS = 60 * 24 * 60 * 60 * 1000;

const BUCKET_TABLE = /^debit_keys_(\d+)$/;

export async function debitKey(eventId: string): Promise<DebitKey> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(eventId));
  return new Uint8Array(digest, 0, 16).slice();
}

export async function debitKeys(eventIds: string[]): Promise<Map<string, DebitKey>> {
  const keys = await Promise.all(eventIds.map(debitKey));
  return new Map(eventIds.map((id, i) => [id, keys[i]!]));
}

export class DebitRecords {
  /** Live bucket numbers, newest first; kept in step with the schema by this class alone. */
  private buckets: number[];
  private legacy: boolean;

  constructor(
    private readonly sql: SqlStorage,
    transaction: <T>(run: () => T) => T,
  ) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS pending_debits (
        event_id TEXT PRIMARY KEY, lines TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS pending_debits_created ON pending_debits (created_at);
      CREATE TABLE IF NOT EXISTS unconfirmed_keys (key BLOB PRIMARY KEY, kept_since INTEGER NOT NULL) WITHOUT ROWID;
    `);
    this.buckets = [];
    this.legacy = false;
    this.reload();
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

  /** Reads which bucket tables exist; after a rolled-back transaction the cache may be ahead of them. */
  reload(): void {
    const tables = this.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .toArray()
      .map((r) => r.name);
    this.buckets = tables
      .flatMap((name) => (BUCKET_TABLE.test(name) ? [Number(BUCKET_TABLE.exec(name)![1])] : []))
      .sort((a, b) => b - a);
    this.legacy = tables.includes('debits');
  }

  /** PENDING with its lines, SETTLED (only the key is left), or never debited as far as this object knows. */
  state(eventId: string, key: DebitKey): DebitState | null {
    if (this.sql.exec('SELECT 1 FROM pending_debits WHERE event_id = ?', eventId).toArray().length > 0) {
      return 'PENDING';
    }
    for (const bucket of this.buckets) {
      if (this.sql.exec(`SELECT 1 FROM debit_keys_${bucket} WHERE key = ?`, key).toArray().length > 0) {
        return 'SETTLED';
      }
    }
    if (this.sql.exec('SELECT 1 FROM unconfirmed_keys WHERE key = ?', key).toArray().length > 0) {
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
    const bucket = this.bucketFor(now);
    this.sql.exec(`INSERT OR IGNORE INTO debit_keys_${bucket} (key, confirmed) VALUES (?, ?)`, key, confirmed ? 1 : 0);
  }

  /** A final debit the rater's outbox owes again (the same id, sent over the queue): unconfirmed until confirmed. */
  owe(key: DebitKey): void {
    for (const bucket of this.buckets) {
      if (this.sql.exec(`SELECT 1 FROM debit_keys_${bucket} WHERE key = ?`, key).toArray().length === 0) {
        continue;
      }
      this.sql.exec(`UPDATE debit_keys_${bucket} SET confirmed = 0 WHERE key = ?`, key);
      return;
    }
  }

  /** The rater no longer owes these debits: their keys may go with their buckets. */
  confirm(keys: DebitKey[]): void {
    for (const key of keys) {
      let found = false;
      for (const bucket of this.buckets) {
        if (
          this.sql.exec(`UPDATE debit_keys_${bucket} SET confirmed = 1 WHERE key = ? AND confirmed = 0`, key)
            .rowsWritten > 0
        ) {
          found = true;
        }
        if (found) {
          break;
        }
      }
      if (!found) {
        this.sql.exec('DELETE FROM unconfirmed_keys WHERE key = ?', key);
      }
    }
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
    for (const bucket of [...this.buckets].reverse()) {
      if ((bucket + 1) * KEY_BUCKET_MS + window > now) {
        break;
      }
      this.sql.exec(
        `INSERT OR IGNORE INTO unconfirmed_keys (key, kept_since) SELECT key, ? FROM debit_keys_${bucket} WHERE confirmed = 0`,
        now,
      );
      this.sql.exec(`DROP TABLE debit_keys_${bucket}`);
      this.buckets = this.buckets.filter((b) => b !== bucket);
    }
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
    const oldest = this.buckets.at(-1);
    const bucketDue = oldest === undefined ? null : (oldest + 1) * KEY_BUCKET_MS + window;
    if (bucketDue === null) {
      return legacyDue;
    }
    return legacyDue === null ? bucketDue : Math.min(bucketDue, legacyDue);
  }

  /** Keys the rater still owes after their bucket was dropped (for operators and tests). */
  unconfirmedKeptCount(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM unconfirmed_keys').one().n;
  }

  liveBuckets(): number[] {
    return [...this.buckets];
  }

  /** Creates the bucket `now` falls in, outside any transaction that might roll it back. */
  prepareBucket(now: number): void {
    this.bucketFor(now);
  }

  private bucketFor(now: number): number {
    const bucket = Math.floor(now / KEY_BUCKET_MS);
    if (this.buckets[0] !== bucket && !this.buckets.includes(bucket)) {
      // confirmed = 0 rows are few and short-lived: the partial index finds them when the bucket goes.
      this.sql.exec(`
        CREATE TABLE IF NOT EXISTS debit_keys_${bucket} (key BLOB PRIMARY KEY, confirmed INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS debit_keys_${bucket}_unconfirmed ON debit_keys_${bucket} (key) WHERE confirmed = 0;
      `);
      this.buckets = [...this.buckets, bucket].sort((a, b) => b - a);
    }
    return bucket;
  }
}
