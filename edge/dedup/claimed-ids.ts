import { toHex } from '../../shared/idempotency/payload-hash';
import { ID_BUCKET_MS, ID_RETENTION_MS } from './claim';

/**
 * Ids are kept in one table per BUCKET_MS of acceptance time, so expiry drops whole tables
 * instead of deleting rows one by one (and no index on the acceptance time is needed). A lookup
 * reads every live bucket: 16 tables at most, five to a statement. An id is kept 45 to 48 days.
 */
export const BUCKET_MS = ID_BUCKET_MS;
/** Bytes of SHA-256 kept per id: 128 bits, so no two of a shard's ids share a key in practice. */
const KEY_BYTES = 16;
/** Bytes of the payload hash kept: it only tells a duplicate from a conflict. */
const PAYLOAD_HASH_HEX = 16;
const ENCODER = new TextEncoder();
/** Durable Objects' SQLite allows at most 5 terms in a compound SELECT. */
const MAX_COMPOUND_SELECT = 5;

export interface ClaimedId {
  payloadHash: string;
  acceptedAt: number;
}

/** An id with its storage key (the first 16 bytes of SHA-256 of the id, as hex). */
export interface KeyedId {
  id: string;
  key: string;
}

/**
 * A DedupShard's claimed ids in compact form (~16 + 8 + 4 bytes of data per id, in WITHOUT ROWID
 * tables; capacity.md has the measured size). Ids are stored by key, not as text; the payload
 * hash is cut to 8 bytes. Shards written before this kept ids in `event_ids` (text, full hash,
 * a second index): that table is still read until its last id expires, then dropped.
 */
export class ClaimedIds {
  /** Whether the shard still holds ids in the table written before buckets. */
  private legacy: boolean;
  /**
   * id_buckets as last read or written, oldest first (null: read it again). Only this object
   * writes the table; a transaction that rolls back drops the copy (forgetCache), so a bucket
   * created there is never taken for one that exists. Saves two statements per claim.
   */
  private bucketCache: number[] | null = null;

  constructor(private readonly sql: SqlStorage) {
    sql.exec('CREATE TABLE IF NOT EXISTS id_buckets (bucket INTEGER PRIMARY KEY)');
    this.legacy =
      sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_ids'").toArray().length > 0;
  }

  /** The storage keys of `ids`, computed outside any transaction (hashing is asynchronous). */
  static async keysOf(ids: readonly string[]): Promise<KeyedId[]> {
    return Promise.all(ids.map(async (id) => ({ id, key: await idStorageKey(id) })));
  }

  /** The ids among `ids` claimed less than 45 days before `now`, by id. */
  find(ids: readonly KeyedId[], now: number): Map<string, ClaimedId> {
    const found = new Map<string, ClaimedId>();
    if (ids.length === 0) {
      return found;
    }
    const byKey = new Map(ids.map((k) => [k.key, k.id]));
    const buckets = this.liveBuckets(now);
    const keys = JSON.stringify([...byKey.keys()]);
    for (let i = 0; i < buckets.length; i += MAX_COMPOUND_SELECT) {
      const union = buckets
        .slice(i, i + MAX_COMPOUND_SELECT)
        .map(
          (b) =>
            `SELECT hex(id_key) AS k, hex(payload_hash) AS p, accepted_ms + ${b * BUCKET_MS} AS t FROM ids_${b} WHERE id_key IN (SELECT unhex(value) FROM json_each(?1))`,
        )
        .join(' UNION ALL ');
      for (const row of this.sql.exec<{ k: string; p: string; t: number }>(union, keys)) {
        const id = byKey.get(row.k.toLowerCase());
        if (id !== undefined && row.t > now - ID_RETENTION_MS) {
          found.set(id, { payloadHash: row.p.toLowerCase(), acceptedAt: row.t });
        }
      }
    }
    if (this.legacy) {
      this.findLegacy(ids, now, found);
    }
    return found;
  }

  /** Records newly claimed ids, all accepted at `acceptedAt`. */
  add(ids: readonly KeyedId[], payloadHashes: readonly string[], acceptedAt: number): void {
    if (ids.length === 0) {
      return;
    }
    const bucket = Math.floor(acceptedAt / BUCKET_MS);
    this.ensureBucket(bucket);
    const offset = acceptedAt - bucket * BUCKET_MS;
    const rows = ids.map((k, i) => [k.key, compactPayloadHash(payloadHashes[i]!)]);
    this.sql.exec(
      `INSERT INTO ids_${bucket} (id_key, payload_hash, accepted_ms)
       SELECT unhex(value ->> 0), unhex(value ->> 1), ?2 FROM json_each(?1)`,
      JSON.stringify(rows),
      offset,
    );
  }

  /** Drops every bucket whose newest id has expired, and the legacy table's expired rows. */
  dropExpired(now: number): void {
    for (const bucket of this.buckets()) {
      if (bucketExpiresAt(bucket) > now) {
        break;
      }
      this.sql.exec(`DROP TABLE IF EXISTS ids_${bucket}`);
      this.sql.exec('DELETE FROM id_buckets WHERE bucket = ?', bucket);
      this.bucketCache = null;
    }
    if (this.legacy) {
      this.sql.exec('DELETE FROM event_ids WHERE accepted_at <= ?', now - ID_RETENTION_MS);
      if (this.sql.exec('SELECT 1 FROM event_ids LIMIT 1').toArray().length === 0) {
        this.sql.exec('DROP TABLE event_ids');
        this.legacy = false;
      }
    }
  }

  /** When the next bucket (or legacy row) expires; null when no id is held. */
  nextExpiry(): number | null {
    const times: number[] = [];
    const oldest = this.buckets()[0];
    if (oldest !== undefined) {
      times.push(bucketExpiresAt(oldest));
    }
    if (this.legacy) {
      const t = this.sql.exec<{ t: number | null }>('SELECT min(accepted_at) AS t FROM event_ids').one().t;
      if (t !== null) {
        times.push(t + ID_RETENTION_MS);
      }
    }
    return times.length === 0 ? null : Math.min(...times);
  }

  /** When the newest id held expires; null when none is held. */
  lastExpiry(): number | null {
    const times: number[] = [];
    const newest = this.buckets().at(-1);
    if (newest !== undefined) {
      times.push(bucketExpiresAt(newest));
    }
    if (this.legacy) {
      const t = this.sql.exec<{ t: number | null }>('SELECT max(accepted_at) AS t FROM event_ids').one().t;
      if (t !== null) {
        times.push(t + ID_RETENTION_MS);
      }
    }
    return times.length === 0 ? null : Math.max(...times);
  }

  private liveBuckets(now: number): number[] {
    return this.buckets().filter((b) => bucketExpiresAt(b) > now);
  }

  /** After a transaction that may have written id_buckets rolled back. */
  forgetCache(): void {
    this.bucketCache = null;
  }

  private buckets(): number[] {
    this.bucketCache ??= this.sql
      .exec<{ bucket: number }>('SELECT bucket FROM id_buckets ORDER BY bucket')
      .toArray()
      .map((r) => r.bucket);
    return this.bucketCache;
  }

  private ensureBucket(bucket: number): void {
    if (this.buckets().includes(bucket)) {
      return;
    }
    this.sql.exec(`CREATE TABLE IF NOT EXISTS ids_${bucket} (
      id_key BLOB PRIMARY KEY, payload_hash BLOB NOT NULL, accepted_ms INTEGER NOT NULL) WITHOUT ROWID`);
    this.sql.exec('INSERT OR IGNORE INTO id_buckets (bucket) VALUES (?)', bucket);
    this.bucketCache = null;
  }

  private findLegacy(ids: readonly KeyedId[], now: number, found: Map<string, ClaimedId>): void {
    const rows = this.sql.exec<{ event_id: string; payload_hash: string; accepted_at: number }>(
      'SELECT event_id, payload_hash, accepted_at FROM event_ids WHERE event_id IN (SELECT value FROM json_each(?))',
      JSON.stringify(ids.map((k) => k.id)),
    );
    for (const row of rows) {
      if (row.accepted_at > now - ID_RETENTION_MS && !found.has(row.event_id)) {
        found.set(row.event_id, { payloadHash: compactPayloadHash(row.payload_hash), acceptedAt: row.accepted_at });
      }
    }
  }
}

/**
 * An id's storage key: the first 16 bytes of SHA-256 of the id, as hex. The edge computes it with
 * the claim (prepare-claim.ts), so the shard — the single, serial place for its ids — does not.
 */
export async function idStorageKey(id: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', ENCODER.encode(id)), 0, KEY_BYTES));
}

/** A storage key as idStorageKey writes it. */
export function isStorageKey(key: unknown): key is string {
  return typeof key === 'string' && /^[0-9a-f]{32}$/.test(key);
}

/** The part of a payload hash a shard keeps, and compares. */
export function compactPayloadHash(payloadHash: string): string {
  return payloadHash.slice(0, PAYLOAD_HASH_HEX).toLowerCase();
}

function bucketExpiresAt(bucket: number): number {
  return (bucket + 1) * BUCKET_MS + ID_RETENTION_MS;
}
