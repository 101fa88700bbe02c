import { DurableObject } from 'cloudflare:workers';
import { principalSchema, type Principal } from '../../shared/auth/api-key';
import { z } from 'zod';
import { featureSchema, type Feature } from '../../shared/entitlement/feature';
import { eventSchemaSchema, type EventSchema } from '../../shared/event-schema/event-schema';
import type { EdgeEnv } from '../env';

/** How long a replicated answer is served before the rater is asked again. */
export const REPLICA_FRESH_MS = 25_000;
/** "No such key/schema" is re-checked sooner, so one created a moment ago works almost at once. */
export const REPLICA_MISS_FRESH_MS = 2_000;

/**
 * A replica of the configuration the edge needs on every request — who an API key belongs to, the
 * ACTIVE version of each event schema, the tenant's ACTIVE features — kept in the object's SQLite storage. It reads through to
 * the rater (and so Postgres) only when an entry is older than REPLICA_FRESH_MS, and when the rater
 * cannot answer it keeps serving the last answer it had: an outage of Postgres does not stop
 * ingestion for any key or schema seen before it began (DESIGN §1).
 * Named `keys:<2 hex of the key hash>` (256 shards) or `schemas:<tenant>`.
 */
export class ConfigReplica extends DurableObject<EdgeEnv> {
  private readonly sql: SqlStorage;
  private readonly inflight = new Map<string, Promise<string>>();
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(ctx: DurableObjectState, env: EdgeEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, fetched_at INTEGER NOT NULL)');
  }

  async principal(keyHash: string): Promise<Principal | null> {
    const value = await this.readThrough(`key:${keyHash}`, async () => (await this.env.RATER.resolveApiKey(keyHash)) ?? null);
    return value === null ? null : principalSchema.parse(value);
  }

  async activeSchema(tenantId: string, name: string): Promise<EventSchema | null> {
    const value = await this.readThrough(`schema:${tenantId}:${name}`, async () => (await this.env.RATER.activeEventSchema(tenantId, name)) ?? null);
    return value === null ? null : eventSchemaSchema.parse(value);
  }

  /** The tenant's ACTIVE features, for /entitled and the balance routes. */
  async features(tenantId: string): Promise<Feature[]> {
    const value = await this.readThrough(`features:${tenantId}`, () => this.env.RATER.tenantFeatures(tenantId));
    return z.array(featureSchema).parse(value ?? []);
  }

  /** Drops one key's entry, after it was revoked: the next request with it asks the rater. */
  async forgetKey(keyHash: string): Promise<void> {
    this.sql.exec('DELETE FROM entries WHERE key = ?', `key:${keyHash}`);
  }

  /** Drops every entry: the next read asks the rater. Called when configuration changes. */
  async forgetAll(): Promise<void> {
    this.sql.exec('DELETE FROM entries');
  }

  private async readThrough(key: string, load: () => Promise<unknown>): Promise<unknown> {
    const row = this.sql
      .exec<{ value: string; fetched_at: number }>('SELECT value, fetched_at FROM entries WHERE key = ?', key)
      .toArray()[0];
    const now = this.clock();
    if (row) {
      const freshFor = row.value === 'null' ? REPLICA_MISS_FRESH_MS : REPLICA_FRESH_MS;
      if (now - row.fetched_at < freshFor) return JSON.parse(row.value);
    }
    try {
      return JSON.parse(await this.refresh(key, load));
    } catch (error) {
      if (!row) throw error;
      console.error(`configuration refresh failed; serving the replica of ${key} from ${new Date(row.fetched_at).toISOString()}`, error);
      return JSON.parse(row.value);
    }
  }

  /** One load per key at a time: a burst of requests after expiry asks the rater once. */
  private refresh(key: string, load: () => Promise<unknown>): Promise<string> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = load()
        .then((value) => {
          const text = JSON.stringify(value ?? null);
          this.sql.exec('INSERT OR REPLACE INTO entries (key, value, fetched_at) VALUES (?, ?, ?)', key, text, this.clock());
          return text;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
