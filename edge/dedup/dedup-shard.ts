import { DurableObject } from 'cloudflare:workers';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { packEventMessages } from '../../shared/queue/event-batch-message';
import type { EdgeEnv } from '../env';
import { claimSchema, ID_RETENTION_MS, type Claim, type ClaimResult } from './claim';

const OUTBOX_PAGE = 1000;
const MAX_BACKOFF_MS = 60_000;
/** Expired ids are swept in bulk, at most once a minute. */
const MIN_SWEEP_DELAY_MS = 60 * 1000;

/**
 * One shard of one tenant's event ids (named `tenant:shard`). It is the single place that decides
 * whether an id is new, and — in the same SQLite transaction — puts every accepted event in an
 * outbox. So a 2xx to the client always means the event is stored here, and the outbox is drained
 * into the queue until the queue has taken it: nothing accepted is lost when a send fails.
 * Sends are at-least-once; the rater's exactly-once gate absorbs a repeat.
 */
export class DedupShard extends DurableObject<EdgeEnv> {
  private readonly sql: SqlStorage;
  private flushing: Promise<void> | null = null;
  /** Replaced in tests to move time forward without waiting 45 days. */
  clock: () => number = Date.now;

  constructor(ctx: DurableObjectState, env: EdgeEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS event_ids (
        event_id TEXT PRIMARY KEY, payload_hash TEXT NOT NULL, accepted_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS event_ids_accepted_at ON event_ids (accepted_at);
      CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
  }

  /**
   * Check-and-set for a batch of ids, atomically: each id is accepted once; a repeat with the same
   * payload is a duplicate, with another payload a conflict. Ids repeated within the batch are
   * judged in order, exactly as if they had come in separate calls.
   */
  async claim(tenantId: string, claims: Claim[]): Promise<ClaimResult[]> {
    const parsed = claims.map((c) => claimSchema.parse(c));
    const now = this.clock();
    const results = this.ctx.storage.transactionSync(() =>
      parsed.map((c): ClaimResult => {
        const existing = this.sql
          .exec<{ payload_hash: string; accepted_at: number }>(
            'SELECT payload_hash, accepted_at FROM event_ids WHERE event_id = ?',
            c.id,
          )
          .toArray()[0];
        if (existing && existing.accepted_at > now - ID_RETENTION_MS) {
          const acceptedAt = new Date(existing.accepted_at).toISOString();
          const status = existing.payload_hash === c.payloadHash ? 'duplicate' : 'conflict';
          return { id: c.id, status, acceptedAt };
        }
        this.sql.exec(
          'INSERT OR REPLACE INTO event_ids (event_id, payload_hash, accepted_at) VALUES (?, ?, ?)',
          c.id,
          c.payloadHash,
          now,
        );
        const event: AcceptedEvent = { ...c.event, acceptedAt: new Date(now).toISOString() };
        this.sql.exec('INSERT INTO outbox (tenant_id, body) VALUES (?, ?)', tenantId, JSON.stringify(event));
        return { id: c.id, status: 'accepted', acceptedAt: event.acceptedAt };
      }),
    );
    if (results.some((r) => r.status === 'accepted')) await this.flush();
    await this.scheduleAlarm();
    return results;
  }

  /** Events accepted but not yet taken by the queue (for tests and operators). */
  async pendingCount(): Promise<number> {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM outbox').one().n;
  }

  override async alarm(): Promise<void> {
    await this.flush();
    this.sweep();
    await this.scheduleAlarm();
  }

  /** Drains the outbox into the queue; on failure the alarm retries with exponential backoff. */
  private flush(): Promise<void> {
    // One drain at a time: a second caller waits for the running one instead of resending rows.
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = this.sql
        .exec<{ seq: number; tenant_id: string; body: string }>(
          'SELECT seq, tenant_id, body FROM outbox ORDER BY seq LIMIT ?',
          OUTBOX_PAGE,
        )
        .toArray();
      if (rows.length === 0) break;
      // A shard serves one tenant, but the outbox does not rely on it.
      const byTenant = new Map<string, AcceptedEvent[]>();
      for (const row of rows) {
        const events = byTenant.get(row.tenant_id) ?? [];
        events.push(JSON.parse(row.body) as AcceptedEvent);
        byTenant.set(row.tenant_id, events);
      }
      try {
        for (const [tenantId, events] of byTenant) {
          for (const message of packEventMessages(tenantId, events)) {
            await this.env.EVENTS_QUEUE.send(message, { contentType: 'json' });
          }
        }
      } catch (error) {
        const failures = (this.meta('send_failures') ?? 0) + 1;
        this.setMeta('send_failures', failures);
        console.error(`queue send failed (attempt ${failures}); ${rows.length} events wait in the outbox`, error);
        return;
      }
      this.sql.exec('DELETE FROM outbox WHERE seq <= ?', rows.at(-1)!.seq);
      this.setMeta('send_failures', 0);
    }
  }

  private sweep(): void {
    this.sql.exec('DELETE FROM event_ids WHERE accepted_at <= ?', this.clock() - ID_RETENTION_MS);
  }

  private async scheduleAlarm(): Promise<void> {
    const now = this.clock();
    const pending = this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM outbox').one().n;
    let next: number;
    if (pending > 0) {
      next = now + Math.min(1000 * 2 ** (this.meta('send_failures') ?? 0), MAX_BACKOFF_MS);
    } else {
      // Otherwise wake when the oldest id expires — and never for an empty shard.
      const oldest = this.sql.exec<{ t: number | null }>('SELECT min(accepted_at) AS t FROM event_ids').one().t;
      if (oldest === null) return;
      next = Math.max(oldest + ID_RETENTION_MS, now + MIN_SWEEP_DELAY_MS);
    }
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }

  private meta(key: string): number | undefined {
    return this.sql.exec<{ value: number }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value;
  }

  private setMeta(key: string, value: number): void {
    this.sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
  }
}
