import { DurableObject } from 'cloudflare:workers';
import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { packEventMessages } from '../../shared/queue/event-batch-message';
import { sendBatches } from '../../shared/queue/message-size';
import type { DedupLayout } from '../../shared/idempotency/dedup-layout';
import { edgeSettings, eventsQueueOf, type EdgeEnv } from '../env';
import { jurisdictionOfObject } from '../placement/tenant-shards';
import { jurisdictionSchema, type Jurisdiction } from '../../shared/tenant/placement';
import type { Claim, ShardClaimResult } from './claim';
import { ClaimedIds, compactPayloadHash, isStorageKey, type ClaimedId, type KeyedId } from './claimed-ids';
import { ShardLineage, type EarlierClaims, type ShardRoute } from './shard-lineage';
import { CONFIRM_IDS_PER_CALL, ShardOutbox, type OutboxRow } from './shard-outbox';

const MAX_BACKOFF_MS = 60_000;
/**
 * Accepted events wait this long before the outbox drains, so the claims of that window leave in
 * one round — a few queue messages, however many claims — instead of a send per claim. It delays
 * metering, never the client's answer; the alarm set by each claim is the durable backstop.
 */
const DRAIN_DELAY_MS = 250;
/** Expired ids are swept in bulk, at most once a minute. */
const MIN_SWEEP_DELAY_MS = 60 * 1000;

/**
 * One shard of one tenant's event ids (named `tenant:shard`). It is the single place that decides
 * whether an id is new, and — in the same SQLite transaction — puts every accepted event in an
 * outbox. So a 2xx to the client always means the event is stored here. The outbox sends events to
 * the queue and keeps them until the rater confirms it recorded them (metered or FAILED), sending
 * again what stays unconfirmed: nothing accepted is lost when a send fails, nor when the queue
 * loses or drops a message. Sends are at-least-once; the rater's exactly-once gate absorbs repeats.
 */
export class DedupShard extends DurableObject<EdgeEnv> {
  private readonly sql: SqlStorage;
  private readonly outbox: ShardOutbox;
  private readonly ids: ClaimedIds;
  private readonly lineage: ShardLineage;
  private flushing: Promise<void> | null = null;
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the alarm is set for (null: none), kept in memory so it can be set without an await. */
  private alarmAt: number | null = null;
  /** Claim calls waiting for the next round (decideWaitingClaims). */
  private waitingClaims: WaitingClaim[] = [];
  /** The jurisdiction recorded in `placement`, once a committed claim has read or written it. */
  private recordedJurisdiction: string | undefined;
  private pendingJurisdiction: string | undefined;
  /** Replaced in tests to move time forward without waiting 45 days. */
  clock: () => number = Date.now;

  constructor(ctx: DurableObjectState, env: EdgeEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS placement (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.ids = new ClaimedIds(this.sql);
    this.lineage = new ShardLineage(this.sql, env);
    this.outbox = new ShardOutbox(this.sql, edgeSettings(env).OUTBOX_CONFIRM_AFTER_MS);
    this.adoptSingleEventOutbox();
    void ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /** Shards written before outbox rows held batches kept one event per row: carry them over. */
  private adoptSingleEventOutbox(): void {
    const exists =
      this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").toArray().length > 0;
    if (!exists) {
      return;
    }
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(
        "INSERT INTO outbox_events (tenant_id, event_count, body) SELECT tenant_id, 1, '[' || body || ']' FROM outbox ORDER BY seq",
      );
      this.sql.exec('DROP TABLE outbox');
    });
  }

  /**
   * Check-and-set for a batch of ids, atomically: each id is accepted once; a repeat with the same
   * payload is a duplicate, with another payload a conflict. Ids repeated within the batch are
   * judged in order, exactly as if they had come in separate calls. The accepted events go into
   * the outbox in the same transaction, as one row, and are sent after the answer: the alarm set
   * here retries the send if this object is evicted or the queue refuses it.
   *
   * `route` places the shard in the tenant's layout: ids its predecessor holds count as claimed,
   * and the predecessor is sealed first. A shard sealed by a newer generation answers 'moved'.
   */
  async claim(tenantId: string, claims: Claim[], route?: ShardRoute): Promise<ShardClaimResult[]> {
    if (this.lineage.sealedBy()) {
      return claims.map((c) => ({ id: c.id, status: 'moved' }));
    }
    const unique = [...new Set(claims.map((c) => c.id))];
    const [keyed, earlier] = await Promise.all([
      keysOfClaims(claims),
      this.lineage.earlier(tenantId, route, unique, this.clock(), true),
    ]);
    return new Promise((resolve, reject) => {
      this.waitingClaims.push({ tenantId, claims, route, keyed, earlier, resolve, reject });
      if (this.waitingClaims.length > 1) {
        return;
      }
      // Part of a batch (a batch fans out to every shard at once, and its neighbours are on their
      // way): wait one timer turn, so other requests' calls to this shard join this round —
      // commits per 100-event request ~19 → ~9 (strace, fsyncs). A single event is decided at
      // once: for a lone /ingest the timer turn only added latency (~40 % fewer events/s).
      if (claims.length === 1) {
        this.decideWaitingClaims();
      } else {
        setTimeout(() => this.decideWaitingClaims(), 0);
      }
    });
  }

  /**
   * Group commit: the claims that reached this object since the last round are decided in one
   * transaction, so they share one storage commit (one fsync locally) instead of one each — the
   * commit, not the judging, is what a claim mostly costs. Each call is judged whole, in arrival
   * order, in a nested transaction of its own: ids accepted by an earlier call of the round are
   * duplicates for a later one, exactly as in separate transactions, and a call that fails rolls
   * back alone. Every answer leaves after the commit (the output gate holds it): a 2xx still
   * means stored.
   */
  private decideWaitingClaims(): void {
    const round = this.waitingClaims;
    this.waitingClaims = [];
    const now = this.clock();
    const acceptedAt = new Date(now).toISOString();
    const outcomes: ({ ok: true; results: ShardClaimResult[] } | { ok: false; error: unknown })[] = [];
    try {
      this.decide(() => {
        for (const call of round) {
          try {
            outcomes.push({ ok: true, results: this.decide(() => this.judge(call, now, acceptedAt)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const call of round) {
        call.reject(error);
      }
      return;
    }
    if (this.pendingJurisdiction !== undefined) {
      this.recordedJurisdiction = this.pendingJurisdiction;
    }
    // Only accepted events change what the alarm must do. No await since the transaction: the
    // alarm is written in the same atomic commit, so events in the outbox always have an alarm to
    // send them, even if this object dies right now.
    try {
      if (outcomes.some((o) => o.ok && o.results.some((r) => r.status === 'accepted'))) {
        this.scheduleAlarm(true);
        this.drainSoon();
      }
    } catch (error) {
      // Committed, but not answered: the callers retry and learn their events are duplicates.
      for (const call of round) {
        call.reject(error);
      }
      return;
    }
    round.forEach((call, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        call.resolve(outcome.results);
      } else {
        call.reject(outcome.error);
      }
    });
  }

  /** One claim call, inside the round's transaction (see decideWaitingClaims). */
  private judge(
    { tenantId, claims, route, keyed, earlier }: WaitingClaim,
    now: number,
    acceptedAt: string,
  ): ShardClaimResult[] {
    // Sealed while this call waited for its predecessor: nothing may be accepted here now.
    if (this.lineage.sealedBy()) {
      return claims.map((c) => ({ id: c.id, status: 'moved' }));
    }
    if (route) {
      this.recordJurisdiction(route.jurisdiction);
    }
    const keyOf = new Map(keyed.map((k) => [k.id, k]));
    const known = new Map([...byId(earlier.found), ...this.ids.find(keyed, now)]);
    const fresh: Claim[] = [];
    const judged = claims.map((c): ShardClaimResult => {
      const existing = known.get(c.id);
      if (existing) {
        const status = existing.payloadHash === compactPayloadHash(c.payloadHash) ? 'duplicate' : 'conflict';
        return { id: c.id, status, acceptedAt: new Date(existing.acceptedAt).toISOString() };
      }
      known.set(c.id, { payloadHash: compactPayloadHash(c.payloadHash), acceptedAt: now });
      fresh.push(c);
      return { id: c.id, status: 'accepted', acceptedAt };
    });
    this.ids.add(
      fresh.map((c) => keyOf.get(c.id)!),
      fresh.map((c) => c.payloadHash),
      now,
    );
    if (fresh.length > 0) {
      const events: AcceptedEvent[] = fresh.map((c) => ({ ...c.event, acceptedAt }));
      this.outbox.add(tenantId, events);
    }
    return judged;
  }

  /**
   * One synchronous transaction. What this object keeps in memory of its storage (bucket tables,
   * outbox bodies, the recorded jurisdiction) is forgotten when it rolls back, and read again.
   */
  private decide<T>(body: () => T): T {
    try {
      return this.ctx.storage.transactionSync(body);
    } catch (error) {
      this.ids.forgetCache();
      this.outbox.forgetCache();
      this.pendingJurisdiction = undefined;
      throw error;
    }
  }

  /**
   * The ids among `ids` this shard holds as claimed. An AccountLedger asks it to settle debits it
   * made for POST /entitled: a debit whose event was never claimed is refunded.
   */
  async claimedIds(ids: string[], tenantId?: string, route?: ShardRoute): Promise<string[]> {
    const unique = [...new Set(ids)];
    const [keyed, earlier] = await Promise.all([
      ClaimedIds.keysOf(unique),
      tenantId
        ? this.lineage.earlier(tenantId, route, unique, this.clock(), false)
        : { found: [], holdsIdsUntil: null },
    ]);
    return [...new Map([...byId(earlier.found), ...this.ids.find(keyed, this.clock())]).keys()];
  }

  /**
   * A shard of the next generation asks which of `ids` this shard (or its own predecessors)
   * holds. With `seal`, this shard is sealed in the same transaction that reads its ids: any
   * claim that reached it before is in the answer, and any later one is answered 'moved'.
   */
  async earlierClaims(tenantId: string, route: ShardRoute, ids: string[], seal: boolean): Promise<EarlierClaims> {
    const [keyed, older] = await Promise.all([
      ClaimedIds.keysOf(ids),
      this.lineage.earlier(tenantId, route, ids, this.clock(), seal),
    ]);
    const now = this.clock();
    return this.ctx.storage.transactionSync(() => {
      if (seal) {
        this.lineage.seal(route.layout);
      }
      const found = new Map<string, ClaimedId>([...byId(older.found), ...this.ids.find(keyed, now)]);
      const until = [this.ids.lastExpiry(), older.holdsIdsUntil].filter((t): t is number => t !== null);
      return {
        found: [...found].map(([id, claimed]) => ({ id, ...claimed })),
        holdsIdsUntil: until.length === 0 ? null : Math.max(...until),
      };
    });
  }

  /** The layout that sealed this shard (null if none): where a stale caller should claim now. */
  async sealedLayout(): Promise<DedupLayout | null> {
    return this.lineage.sealedBy();
  }

  /** Events accepted but not yet sent, and sent but not yet confirmed (for tests and operators). */
  async outboxCounts(): Promise<{ unsent: number; unconfirmed: number }> {
    return this.outbox.counts();
  }

  /** Sends what waits for the drain delay now; resolves when the send under way, if any, has ended (for tests and operators). */
  async settled(): Promise<void> {
    if (this.drainTimer !== null) {
      this.drainNow();
    }
    await this.flushing;
  }

  private drainSoon(): void {
    this.drainTimer ??= setTimeout(() => this.drainNow(), DRAIN_DELAY_MS);
  }

  private drainNow(): void {
    if (this.drainTimer !== null) {
      clearTimeout(this.drainTimer);
    }
    this.drainTimer = null;
    this.flush().catch((error) => console.error('outbox drain failed; the alarm retries it', error));
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    await this.confirm();
    await this.flush();
    this.sweep();
    this.scheduleAlarm();
  }

  /** Sends the outbox's unsent events to the queue; on failure the alarm retries with backoff. */
  private flush(): Promise<void> {
    // One drain at a time: a second caller waits for the running one instead of resending rows.
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (let rows = this.outbox.unsent(); rows.length > 0; rows = this.outbox.unsent()) {
      try {
        // Packed by bytes, sent concurrently; if any send fails, all are sent again later (the
        // rater's exactly-once gate absorbs the ones that did arrive).
        const batches = [...byTenant(rows)].flatMap(([tenantId, events]) =>
          sendBatches(packEventMessages(tenantId, events)),
        );
        // To the queue of the jurisdiction this object lives in: its events are queued only there.
        const queue = eventsQueueOf(this.env, this.jurisdiction());
        await Promise.all(batches.map((messages) => queue.sendBatch(messages)));
      } catch (error) {
        const failures = this.bumpFailures('send_failures');
        console.error(
          `queue send failed (attempt ${failures}); ${this.outbox.counts().unsent} events wait in the outbox`,
          error,
        );
        return;
      }
      this.outbox.markSent(rows, this.clock());
      this.setMeta('send_failures', 0);
    }
  }

  /**
   * The jurisdiction this shard's events belong to, recorded with its first claim — an alarm's
   * view of its own id may lack it (Cloudflare: alarms set before 2026-03-15) — and checked
   * against the id where the id has one: a disagreement stops sending rather than queue an
   * event outside its jurisdiction. Shards older than the record fall back to the id.
   */
  private jurisdiction(): Jurisdiction | null {
    const recorded = this.sql
      .exec<{ value: string }>("SELECT value FROM placement WHERE key = 'jurisdiction'")
      .toArray()[0]?.value;
    const ofId = jurisdictionOfObject(this.ctx.id, this.env);
    if (recorded === undefined) {
      return ofId;
    }
    const jurisdiction = recorded === 'none' ? null : jurisdictionSchema.parse(recorded);
    if (ofId !== null && ofId !== jurisdiction) {
      throw new Error(`shard recorded jurisdiction ${recorded} but lives in ${ofId}: not sending`);
    }
    return jurisdiction;
  }

  private recordJurisdiction(jurisdiction: Jurisdiction | null): void {
    const value = jurisdiction ?? 'none';
    // Written once and never changed: after the first claim, compared in memory (two statements
    // per claim otherwise). Kept only once the transaction that wrote it has committed (claim()).
    let recorded = this.recordedJurisdiction;
    if (recorded === undefined) {
      this.sql.exec("INSERT OR IGNORE INTO placement (key, value) VALUES ('jurisdiction', ?)", value);
      recorded = this.sql.exec<{ value: string }>("SELECT value FROM placement WHERE key = 'jurisdiction'").one().value;
    }
    if (recorded !== value) {
      throw new Error(`shard of jurisdiction ${recorded} asked to claim for ${value}`);
    }
    return void (this.pendingJurisdiction = recorded);
  }

  /**
   * Asks the rater which sent events it has recorded: those leave the outbox, the rest go back to
   * be sent again. While the rater cannot answer (its database is down), nothing changes.
   */
  private async confirm(): Promise<void> {
    for (
      let rows = this.outbox.dueForConfirmation(this.clock());
      rows.length > 0;
      rows = this.outbox.dueForConfirmation(this.clock())
    ) {
      const recorded = new Set<string>();
      try {
        for (const [tenantId, events] of byTenant(rows)) {
          for (let i = 0; i < events.length; i += CONFIRM_IDS_PER_CALL) {
            const ids = events.slice(i, i + CONFIRM_IDS_PER_CALL).map((e) => e.id);
            for (const id of await this.env.RATER.recordedEventIds(tenantId, ids)) {
              recorded.add(id);
            }
          }
        }
      } catch (error) {
        const failures = this.bumpFailures('confirm_failures');
        console.error(
          `the rater could not confirm recorded events (attempt ${failures}); they stay in the outbox`,
          error,
        );
        return;
      }
      this.ctx.storage.transactionSync(() => this.outbox.settle(rows, recorded));
      this.setMeta('confirm_failures', 0);
    }
  }

  private sweep(): void {
    this.ids.dropExpired(this.clock());
  }

  /**
   * The next wake-up: soon while events wait to be sent (backing off while sends fail), when the
   * next sent row is due for confirmation (later while the rater cannot answer), else when the
   * oldest id expires — and never for an empty shard. `outboxPending` skips a count the caller
   * knows the answer to (it just wrote the outbox).
   */
  private scheduleAlarm(outboxPending?: boolean): void {
    const now = this.clock();
    const backoff = (key: string) => Math.min(1000 * 2 ** (this.meta(key) ?? 0), MAX_BACKOFF_MS);
    const next = outboxPending ? now + backoff('send_failures') : this.nextWake(now, backoff);
    if (next !== null && (this.alarmAt === null || this.alarmAt > next)) {
      this.alarmAt = next;
      void this.ctx.storage.setAlarm(next);
    }
  }

  private nextWake(now: number, backoff: (key: string) => number): number | null {
    const wakes: number[] = [];
    if (this.outbox.hasUnsent()) {
      wakes.push(now + backoff('send_failures'));
    }
    const confirmAt = this.outbox.nextConfirmationAt();
    if (confirmAt !== null) {
      wakes.push(
        (this.meta('confirm_failures') ?? 0) > 0 ? Math.max(confirmAt, now + backoff('confirm_failures')) : confirmAt,
      );
    }
    const expiry = this.ids.nextExpiry();
    if (expiry !== null) {
      wakes.push(Math.max(expiry, now + MIN_SWEEP_DELAY_MS));
    }
    return wakes.length === 0 ? null : Math.min(...wakes);
  }

  private bumpFailures(key: string): number {
    const failures = (this.meta(key) ?? 0) + 1;
    this.setMeta(key, failures);
    return failures;
  }

  private meta(key: string): number | undefined {
    return this.sql.exec<{ value: number }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value;
  }

  private setMeta(key: string, value: number): void {
    this.sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
  }
}

interface WaitingClaim {
  tenantId: string;
  claims: Claim[];
  route: ShardRoute | undefined;
  keyed: KeyedId[];
  earlier: EarlierClaims;
  resolve: (results: ShardClaimResult[]) => void;
  reject: (error: unknown) => void;
}

/** Each claimed id once, with its storage key: the edge's, or computed here for a claim without one. */
async function keysOfClaims(claims: readonly Claim[]): Promise<KeyedId[]> {
  const keyOf = new Map<string, string | undefined>();
  for (const c of claims) {
    if (!keyOf.has(c.id) || keyOf.get(c.id) === undefined) {
      keyOf.set(c.id, isStorageKey(c.key) ? c.key : undefined);
    }
  }
  const missing = [...keyOf].filter(([, key]) => key === undefined).map(([id]) => id);
  for (const { id, key } of await ClaimedIds.keysOf(missing)) {
    keyOf.set(id, key);
  }
  return [...keyOf].map(([id, key]) => ({ id, key: key! }));
}

function byId(found: EarlierClaims['found']): [string, ClaimedId][] {
  return found.map(({ id, payloadHash, acceptedAt }) => [id, { payloadHash, acceptedAt }]);
}

/** A shard serves one tenant, but the outbox does not rely on it. */
function byTenant(rows: OutboxRow[]): Map<string, AcceptedEvent[]> {
  const events = new Map<string, AcceptedEvent[]>();
  for (const row of rows) {
    const list = events.get(row.tenantId);
    if (list) {
      list.push(...row.events);
    } else {
      events.set(row.tenantId, [...row.events]);
    }
  }
  return events;
}
