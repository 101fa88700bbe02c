import { DurableObject } from 'cloudflare:workers';
import { principalSchema, type Principal } from '../../shared/auth/api-key';
import {
  replicatedFeaturesSchema,
  replicatedSchemaSchema,
  type ReplicatedFeatures,
  type ReplicatedSchema,
} from '../../shared/tenant/replicated-config';
import type { EdgeEnv } from '../env';

/** How long a replicated answer is served before the rater is asked again. */
export const REPLICA_FRESH_MS = 25_000;
/**
 * From this age on, a request still gets the stored answer but starts its refresh in the
 * background: under steady traffic no request waits on Postgres (docs/design.md §1), and no answer is
 * served older than REPLICA_FRESH_MS. Only an entry nobody asked for in that window is read through.
 */
export const REPLICA_REFRESH_AHEAD_MS = 15_000;
/**
 * How long a request waits for a stale entry's refresh before it is served the stored answer, as
 * during an outage: a Postgres that is slow (a backlog, a cold start) does not stall ingestion.
 */
export const REPLICA_REFRESH_WAIT_MS = 1_000;
/** "No such key/schema" is re-checked sooner, so one created a moment ago works almost at once. */
export const REPLICA_MISS_FRESH_MS = 2_000;
/**
 * Keys never seen by this replica are looked up in Postgres at most this often per second; past
 * that the caller is asked to retry (429). Guessed keys are all different, so no cache absorbs
 * them: this bounds what a flood of them costs Postgres (256 key replicas × 50/s at most).
 */
export const MAX_UNKNOWN_KEY_LOOKUPS_PER_S = 50;
const MAX_REMEMBERED_MISSES = 10_000;

/** A key's principal (null: no such key), or `throttled` when the lookup was not made. */
export interface PrincipalLookup {
  principal: Principal | null;
  throttled: boolean;
}

/**
 * A replica of the configuration the edge needs on every request — who an API key belongs to, the
 * ACTIVE version of each event schema, the tenant's ACTIVE features — kept in the object's SQLite storage. It reads through to
 * the rater (and so Postgres) only when an entry is older than REPLICA_FRESH_MS, and when the rater
 * cannot answer it keeps serving the last answer it had: an outage of Postgres does not stop
 * ingestion for any key or schema seen before it began (docs/design.md §1).
 * Named `keys:<2 hex of the key hash>` (256 shards) or `schemas:<tenant>`.
 */
export class ConfigReplica extends DurableObject<EdgeEnv> {
  private readonly sql: SqlStorage;
  private readonly inflight = new Map<string, Promise<string>>();
  /**
   * Answers of "no such key/schema", in memory only: a miss costs no storage, so random keys
   * cannot fill the object, and it expires with the object anyway.
   */
  private readonly misses = new Map<string, number>();
  private unknownLookups = { second: 0, count: 0 };
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(ctx: DurableObjectState, env: EdgeEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, fetched_at INTEGER NOT NULL)',
    );
  }

  async principal(keyHash: string): Promise<PrincipalLookup> {
    const key = `key:${keyHash}`;
    if (!this.stored(key) && !this.freshMiss(key) && !this.inflight.has(key) && !this.takeUnknownLookup()) {
      return { principal: null, throttled: true };
    }
    const value = await this.readThrough(key, async () => (await this.env.RATER.resolveApiKey(keyHash)) ?? null);
    return { principal: value === null ? null : principalSchema.parse(value), throttled: false };
  }

  /** The ACTIVE version of a schema, with the tenant's jurisdiction (replicated-config.ts). */
  async activeSchema(tenantId: string, name: string): Promise<ReplicatedSchema | null> {
    const value = await this.readThrough(
      `schema:${tenantId}:${name}`,
      async () => (await this.env.RATER.activeEventSchema(tenantId, name)) ?? null,
    );
    return value === null ? null : replicatedSchemaSchema.parse(value);
  }

  /** The tenant's ACTIVE features, for /entitled and the balance routes, with its jurisdiction. */
  async features(tenantId: string): Promise<ReplicatedFeatures> {
    const value = await this.readThrough(`features:${tenantId}`, () => this.env.RATER.tenantFeatures(tenantId));
    return replicatedFeaturesSchema.parse(value ?? []);
  }

  /** Drops one key's entry, after it was revoked: the next request with it asks the rater. */
  async forgetKey(keyHash: string): Promise<void> {
    this.sql.exec('DELETE FROM entries WHERE key = ?', `key:${keyHash}`);
    this.misses.delete(`key:${keyHash}`);
  }

  /** Drops every entry: the next read asks the rater. Called when configuration changes. */
  async forgetAll(): Promise<void> {
    this.sql.exec('DELETE FROM entries');
    this.misses.clear();
  }

  /** Rows in storage (for tests and operators): misses are never among them. */
  async storedEntries(): Promise<number> {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM entries').one().n;
  }

  private stored(key: string): { value: string; fetched_at: number } | undefined {
    return this.sql
      .exec<{ value: string; fetched_at: number }>('SELECT value, fetched_at FROM entries WHERE key = ?', key)
      .toArray()[0];
  }

  private freshMiss(key: string): boolean {
    const at = this.misses.get(key);
    return at !== undefined && this.clock() - at < REPLICA_MISS_FRESH_MS;
  }

  private takeUnknownLookup(): boolean {
    const second = Math.floor(this.clock() / 1000);
    if (this.unknownLookups.second !== second) {
      this.unknownLookups = { second, count: 0 };
    }
    return ++this.unknownLookups.count <= MAX_UNKNOWN_KEY_LOOKUPS_PER_S;
  }

  private async readThrough(key: string, load: () => Promise<unknown>): Promise<unknown> {
    if (this.freshMiss(key)) {
      return null;
    }
    const row = this.stored(key);
    const now = this.clock();
    if (row && now - row.fetched_at < REPLICA_FRESH_MS) {
      if (now - row.fetched_at >= REPLICA_REFRESH_AHEAD_MS) {
        this.refresh(key, load).catch((error: unknown) =>
          console.error(`configuration refresh of ${key} failed; the stored answer stays`, error),
        );
      }
      return JSON.parse(row.value);
    }
    if (!row) {
      return JSON.parse(await this.refresh(key, load));
    }
    const served = `serving the replica of ${key} from ${new Date(row.fetched_at).toISOString()}`;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const slow = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REPLICA_REFRESH_WAIT_MS)));
    try {
      const refreshed = await Promise.race([this.refresh(key, load), slow]);
      if (refreshed !== null) {
        return JSON.parse(refreshed);
      }
      console.error(`configuration refresh is slow; ${served} meanwhile`);
    } catch (error) {
      console.error(`configuration refresh failed; ${served}`, error);
    } finally {
      clearTimeout(timer);
    }
    return JSON.parse(row.value);
  }

  /** One load per key at a time: a burst of requests after expiry asks the rater once. */
  private refresh(key: string, load: () => Promise<unknown>): Promise<string> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = load()
        .then((value) => {
          const text = JSON.stringify(value ?? null);
          if (text === 'null') {
            // Gone, or never was: forget what was stored, and remember the miss in memory only.
            this.sql.exec('DELETE FROM entries WHERE key = ?', key);
            if (this.misses.size >= MAX_REMEMBERED_MISSES) {
              this.misses.clear();
            }
            this.misses.set(key, this.clock());
          } else {
            this.sql.exec(
              'INSERT OR REPLACE INTO entries (key, value, fetched_at) VALUES (?, ?, ?)',
              key,
              text,
              this.clock(),
            );
            this.misses.delete(key);
          }
          return text;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
