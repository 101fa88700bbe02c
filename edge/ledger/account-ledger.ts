import { DurableObject } from 'cloudflare:workers';
import { Decimal } from '../../shared/decimal/decimal';
import type {
  CreditEntryView,
  FeatureCredits,
  GrantCreditsRequest,
  UpdateCreditEntryRequest,
} from '../../shared/entitlement/credit-entry';
import type { DebitLine } from '../../shared/entitlement/feature-debits';
import {
  featureBalance,
  planChecked,
  planForced,
  planSettlement,
  type DebitPlan,
} from '../../shared/entitlement/ledger-math';
import { planOverageRefund } from '../../shared/entitlement/overage-refund';
import { claimedEventIds } from '../dedup/claim-events';
import type { EdgeEnv } from '../env';
import { shardPlacement, type ShardPlacement } from '../placement/tenant-shards';
import { balanceCrossings } from '../../shared/alert/balance-crossings';
import { BalanceAlerts, CROSSINGS_RETRY_MS } from './balance-alerts';
import { CreditRows } from './credit-rows';
import { LedgerEntries } from './ledger-entries';
import { LedgerCorrections } from './ledger-corrections';
import { spendAdjustmentRecords, type LedgerCorrection, type SpendAdjustment } from '../../shared/queue/ledger-message';
import { DebitRecords, debitKey, debitKeys, KEY_BUCKET_MS } from './debit-records';
import {
  RECONCILE_AFTER_MS,
  SETTLED_KEY_WINDOW_MS,
  type EntitleOutcome,
  type EventDebit,
  type LedgerOwner,
  type LedgerResult,
  type PlanGrant,
} from './ledger-protocol';
import { claimEvents } from '../dedup/claim-events';
import type { Claim, ClaimResult } from '../dedup/claim';
import {
  EXPIRE_PAGE,
  LedgerReservations,
  type ReservationOutcome,
  type ReserveOutcome,
  type ReserveRequest,
  type SettleOutcome,
} from './ledger-reservations';
import {
  LedgerSpend,
  type MoneyReservationOutcome,
  type MoneyReserveOutcome,
  type MoneyReserveRequest,
  type MoneySettleOutcome,
  type SpendRecordInput,
  type SpendView,
} from './ledger-spend';
import type { SpendLimit } from '../../shared/spend/spend-limit';

export { RECONCILE_AFTER_MS } from './ledger-protocol';
/** PENDING debits decided per alarm run; a full page brings the next run forward to now. */
const RECONCILE_PAGE = 5_000;

interface DebitRecordLine extends DebitLine, DebitPlan {}

/**
 * One account's credits, for every feature (docs/design.md §8): the single place a debit is decided. Each
 * decision reads and writes the object's SQLite in one synchronous transaction, so concurrent
 * callers are served one after another and can never spend the same credit twice.
 *
 * Every debit is recorded under its event id, which makes both paths idempotent and keeps them
 * from counting an event twice: POST /entitled debits before the event is claimed in its
 * DedupShard, and the rater debits usage that arrived through /ingest once it is metered — an event
 * already debited here is skipped. What is kept of a debit, and for how long, is bounded by what
 * can still arrive for it, not by the 45-day id gate (debit-records.ts, docs/capacity.md). A debit
 * made for /entitled stays PENDING until its event is
 * known to be claimed (the rater's debit for it arrives, or the DedupShard says so when the alarm
 * asks RECONCILE_AFTER_MS after the last call for it); if the claim never happened — the edge failed in between and
 * the client gave up — the debit is refunded. Should the event be ingested after all, the rater
 * then debits it: exactly once either way.
 */
export class AccountLedger extends DurableObject<EdgeEnv> {
  private readonly rows: CreditRows;
  private readonly debits: DebitRecords;
  private readonly reservations: LedgerReservations;
  private readonly spend: LedgerSpend;
  private readonly entries: LedgerEntries;
  private readonly corrections: LedgerCorrections;
  private readonly balanceAlerts: BalanceAlerts;
  /** Set while the outermost transaction compares watched balances: a nested one leaves it to it. */
  private watching = false;
  private alarmAt: number | null = null;
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(ctx: DurableObjectState, env: EdgeEnv) {
    super(ctx, env);
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS shard_placement (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL)',
    );
    this.rows = new CreditRows(ctx.storage.sql);
    this.balanceAlerts = new BalanceAlerts(ctx.storage.sql, ctx.id.toString());
    this.debits = new DebitRecords(ctx.storage.sql, (run) => ctx.storage.transactionSync(run));
    this.reservations = new LedgerReservations({
      sql: ctx.storage.sql,
      rows: this.rows,
      debits: this.debits,
      apply: (line, sign) => this.apply(line, sign),
      settleOverage: (featureId, now) => this.settleOverage(featureId, now),
      credits: (featureId, now) => this.creditsOf(this.rows.owner()!, featureId, now),
      transaction: (run) => this.transaction(run),
    });
    this.spend = new LedgerSpend({
      sql: ctx.storage.sql,
      rows: this.rows,
      debits: this.debits,
      apply: (line, sign) => this.apply(line, sign),
      settleOverage: (featureId, now) => this.settleOverage(featureId, now),
      credits: (featureId, now) => this.creditsOf(this.knownOwner(), featureId, now),
      transaction: (run) => this.transaction(run),
    });
    this.entries = new LedgerEntries({
      rows: this.rows,
      settleOverage: (featureId, now) => this.settleOverage(featureId, now),
      transaction: (run) => this.transaction(run),
    });
    this.corrections = new LedgerCorrections({
      rows: this.rows,
      debits: this.debits,
      apply: (line, sign) => this.apply(line, sign),
      settleOverage: (featureId, now) => this.settleOverage(featureId, now),
      transaction: (run) => this.transaction(run),
    });
    void ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /**
   * POST /entitled: debits every line, or none when one is not covered. It answers for now: the
   * credits live at this moment are the ones checked, whatever the event's timestamp says.
   * `shards` is where the edge claims the event's id: the alarm asks there whether it was.
   */
  async entitle(owner: LedgerOwner, debit: Omit<EventDebit, 'at'>, shards?: ShardPlacement): Promise<EntitleOutcome> {
    this.rows.rememberOwner(owner);
    await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    if (shards) {
      this.ctx.storage.sql.exec(
        'INSERT OR REPLACE INTO shard_placement (id, value) VALUES (1, ?)',
        JSON.stringify(shards),
      );
    }
    const now = this.clock();
    const features = debit.lines.map((l) => l.featureId);
    const key = await debitKey(debit.eventId);
    // One transaction: the decision, the debit and the balances it answers with.
    const outcome = this.transaction((): EntitleOutcome => {
      const balances = () => features.map((f) => this.creditsOf(owner, f, now));
      const state = this.debits.state(debit.eventId, key);
      // A retry claims the event next: the alarm must not refund the debit before that claim lands.
      if (state === 'PENDING') {
        this.debits.touchPending(debit.eventId, now);
      }
      if (state) {
        return { status: 'ALREADY_DEBITED', balances: balances() };
      }
      for (const featureId of features) {
        this.settleOverage(featureId, now);
      }
      const record: DebitRecordLine[] = [];
      for (const line of debit.lines) {
        const plan = planChecked(
          this.rows.entries(line.featureId),
          this.rows.account(line.featureId),
          line.amount,
          now,
        );
        if (!plan.ok) {
          return {
            status: 'DENIED',
            reason: plan.reason,
            featureId: line.featureId,
            available: plan.available,
            balances: balances(),
          };
        }
        record.push({ ...line, allocations: plan.allocations, overage: plan.overage });
      }
      for (const line of record) {
        this.apply(line, 1);
      }
      this.debits.insertPending(debit.eventId, record, now);
      return { status: 'ENTITLED', balances: balances() };
    });
    if (outcome.status === 'ENTITLED') {
      this.scheduleAlarm(now + RECONCILE_AFTER_MS);
    }
    return outcome;
  }

  /**
   * Usage the rater metered: debited whatever the balance (it already happened), each event once,
   * from the credits live at the event's timestamp — a late event still finds last month's grant.
   * An event debited before — by /entitled, or by an earlier delivery — is skipped, and a PENDING
   * debit of /entitled is thereby settled: its event was claimed and metered.
   *
   * Each of these debits is owed by the rater's ledger outbox, which may send it again until the
   * consumer has struck it there: its key is kept unconfirmed until `confirm` says so.
   */
  async consume(owner: LedgerOwner, debits: EventDebit[]): Promise<{ debited: number; skipped: number }> {
    this.rows.rememberOwner(owner);
    await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    const now = this.clock();
    const keys = await debitKeys(debits.map((d) => d.eventId));
    this.debits.prepareBucket(now);
    const counts = this.transaction(() => {
      let debited = 0;
      for (const debit of debits) {
        const key = keys.get(debit.eventId)!;
        const state = this.debits.state(debit.eventId, key);
        if (state === 'PENDING') {
          this.debits.deletePending(debit.eventId);
          this.debits.settle(key, false, now);
        }
        if (state === 'SETTLED') {
          this.debits.owe(key);
        }
        if (state) {
          continue;
        }
        const record = debit.lines.map(
          (line): DebitRecordLine => ({
            ...line,
            ...planForced(this.rows.entries(line.featureId), line.amount, debit.at),
          }),
        );
        for (const line of record) {
          this.apply(line, 1);
        }
        // Overage from a moment no credit covered is paid by credits live now, if any.
        for (const line of record) {
          this.settleOverage(line.featureId, now);
        }
        this.debits.settle(key, false, now);
        debited++;
      }
      return { debited, skipped: debits.length - debited };
    });
    this.scheduleAlarm(bucketExpiry(now));
    return counts;
  }

  /**
   * Corrections of metered events (POST /events/correction): credits given back or debited again,
   * each once (ledger-corrections.ts). Like a debit from the queue, each stays owed — its key kept
   * unconfirmed — until `confirm` is called with its correctionKey.
   */
  async correct(owner: LedgerOwner, corrections: LedgerCorrection[]): Promise<{ applied: number; skipped: number }> {
    this.rows.rememberOwner(owner);
    await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    const now = this.clock();
    const counts = await this.corrections.apply(corrections, now);
    this.scheduleAlarm(bucketExpiry(now));
    return counts;
  }

  /**
   * The rater struck these debits from its ledger outbox: no new send of them can be made, so
   * their keys need only outlive the copies already on the queue (SETTLED_KEY_WINDOW_MS).
   * Corrections are confirmed the same way, by their correctionKey, and spend records by theirs
   * (an event's id confirms its debit and its spend record alike).
   */
  async confirm(eventIds: string[]): Promise<void> {
    const keys = [...(await debitKeys(eventIds)).values()];
    this.transaction(() => {
      this.debits.confirm(keys);
      this.spend.confirm(keys);
    });
  }

  /**
   * Undoes a PENDING /entitled debit whose event was not ingested (its id was taken by another
   * event): that event's own debit, from the rater, is then the one that counts.
   */
  async refund(eventId: string): Promise<void> {
    this.transaction(() => this.refundPending(eventId));
  }

  /** POST /reservations: holds `amount` of a feature until settled, released or `ttlMs` passes (ledger-reservations.ts). */
  async reserve(owner: LedgerOwner, request: ReserveRequest): Promise<ReserveOutcome> {
    this.rows.rememberOwner(owner);
    await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    // One key names one reservation, of credits or of money (no await between this and the hold).
    if (this.spend.table.reservation(request.key)) {
      return keyTaken(request.key, 'money');
    }
    const outcome = this.reservations.reserve(request, this.clock());
    if (outcome.status === 'HELD' && outcome.reservation.status === 'HELD') {
      this.scheduleAlarm(outcome.reservation.expiresAt);
    }
    return outcome;
  }

  /**
   * POST /reservations/{id}/settle: the hold becomes a PENDING debit under the event's id and the
   * claim is kept; the edge claims the event next, and the alarm does if that claim did not land.
   */
  async settleReservation(
    owner: LedgerOwner,
    key: string,
    claim: Claim,
    lines: DebitLine[],
    shards: ShardPlacement,
  ): Promise<SettleOutcome> {
    this.rows.rememberOwner(owner);
    await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    const eventKey = await debitKey(claim.id);
    this.ctx.storage.sql.exec(
      'INSERT OR REPLACE INTO shard_placement (id, value) VALUES (1, ?)',
      JSON.stringify(shards),
    );
    const now = this.clock();
    const outcome = this.reservations.settle(key, claim, lines, eventKey, now);
    if (outcome.status === 'SETTLED') {
      this.scheduleAlarm(now + RECONCILE_AFTER_MS);
    }
    return outcome;
  }

  async releaseReservation(owner: LedgerOwner, key: string): Promise<ReservationOutcome> {
    this.rows.rememberOwner(owner);
    return this.reservations.release(key, this.clock());
  }

  async reservation(owner: LedgerOwner, key: string): Promise<ReservationOutcome> {
    this.rows.rememberOwner(owner);
    return this.reservations.read(key, this.clock());
  }

  /** A settle's event id was taken by another event: its debit is refunded and the reservation ends. */
  async undoSettle(eventId: string): Promise<void> {
    const now = this.clock();
    this.transaction(() => this.undoSettleOf(eventId, now));
  }

  /**
   * The account's spend limit per billing cycle, in its plan association's currency (null removes
   * it: money can no longer be reserved; holds already made stay until they end).
   */
  async setSpendLimit(
    owner: LedgerOwner,
    limit: SpendLimit | null,
    version: number,
    adjustments: SpendAdjustment[] = [],
  ): Promise<SpendView> {
    this.rows.rememberOwner(owner);
    // What the cycle spent before the limit first: a limit is never kept without it.
    await this.recordAdjustments(adjustments);
    return this.spend.setLimit(limit, version, this.clock());
  }

  async spendOf(owner: LedgerOwner): Promise<SpendView> {
    this.rows.rememberOwner(owner);
    await this.readSpendLimitThrough(owner);
    return this.spend.view(this.clock());
  }

  /**
   * A ledger that has no copy of the limit yet (made before it, or its push still queued) asks the
   * rater for the stored one. Kept only if no newer push landed meanwhile (versions decide).
   */
  private async readSpendLimitThrough(owner: LedgerOwner): Promise<void> {
    if (this.spend.table.limitVersion() !== null) {
      return;
    }
    const stored = await this.env.RATER.spendLimitOf(owner.tenantId, owner.accountId);
    await this.recordAdjustments(stored.adjustments ?? []);
    this.spend.setLimit(stored.limit, stored.version, this.clock());
  }

  /** Spend adjustments carried with a limit, each once (they also come on their own, and are confirmed then). */
  private async recordAdjustments(adjustments: SpendAdjustment[]): Promise<void> {
    if (adjustments.length > 0) {
      // Copies: no confirmation follows them (the adjustment's own message is confirmed), so a
      // copy of a key already recorded does not make it owed again.
      await this.recordSpendRows(spendAdjustmentRecords(adjustments), { copies: true });
    }
  }

  /**
   * Revenue the rater rated for this account's events, each key once (ledger-spend.ts). Like a
   * debit from the queue, each record stays owed — its key kept unconfirmed — until `confirm` is
   * called with its key (the event's id, or the adjustment's spendAdjustmentKey).
   */
  async recordSpend(owner: LedgerOwner, records: SpendRecordInput[]): Promise<{ recorded: number; skipped: number }> {
    this.rows.rememberOwner(owner);
    return this.recordSpendRows(records);
  }

  private async recordSpendRows(
    records: SpendRecordInput[],
    options: { copies?: boolean } = {},
  ): Promise<{ recorded: number; skipped: number }> {
    const now = this.clock();
    const counts = await this.spend.record(records, now, options);
    this.scheduleAlarm(bucketExpiry(now));
    const due = this.spend.nextDue();
    if (due !== null) {
      this.scheduleAlarm(due);
    }
    return counts;
  }

  /** POST /reservations with an amount of money: held against the spend limit until settled, released or `ttlMs` passes. */
  async reserveMoney(owner: LedgerOwner, request: MoneyReserveRequest): Promise<MoneyReserveOutcome> {
    this.rows.rememberOwner(owner);
    await this.readSpendLimitThrough(owner);
    if (this.reservations.table.get(request.key)) {
      return keyTaken(request.key, 'credits');
    }
    const outcome = this.spend.reserve(request, this.clock());
    if (outcome.status === 'HELD' && outcome.reservation.status === 'HELD') {
      this.scheduleAlarm(outcome.reservation.expiresAt);
    }
    return outcome;
  }

  /** Settles a money reservation with its usage event (ledger-spend.ts): claimed by the edge next, or by the alarm. */
  async settleMoneyReservation(
    owner: LedgerOwner,
    key: string,
    claim: Claim,
    lines: DebitLine[],
    shards: ShardPlacement,
  ): Promise<MoneySettleOutcome> {
    this.rows.rememberOwner(owner);
    const eventKey = await debitKey(claim.id);
    this.ctx.storage.sql.exec(
      'INSERT OR REPLACE INTO shard_placement (id, value) VALUES (1, ?)',
      JSON.stringify(shards),
    );
    const now = this.clock();
    const outcome = this.spend.settle(key, claim, lines, eventKey, now);
    if (outcome.status === 'SETTLED') {
      this.scheduleAlarm(now + RECONCILE_AFTER_MS);
    }
    return outcome;
  }

  async releaseMoneyReservation(owner: LedgerOwner, key: string): Promise<MoneyReservationOutcome> {
    this.rows.rememberOwner(owner);
    return this.spend.release(key, this.clock());
  }

  async moneyReservation(owner: LedgerOwner, key: string): Promise<MoneyReservationOutcome> {
    this.rows.rememberOwner(owner);
    return this.spend.read(key, this.clock());
  }

  /** Which kind of reservation a key names on this account, if any: a key names one, of credits or of money. */
  async reservationKind(owner: LedgerOwner, key: string): Promise<'CREDITS' | 'MONEY' | null> {
    this.rows.rememberOwner(owner);
    if (this.spend.table.reservation(key)) {
      return 'MONEY';
    }
    return this.reservations.table.get(key) ? 'CREDITS' : null;
  }

  /** Reservations still HELD (for tests and operators). */
  async heldReservationCount(): Promise<number> {
    return this.reservations.table.heldCount();
  }

  async credits(owner: LedgerOwner, featureId: string): Promise<FeatureCredits> {
    return this.creditsOf(owner, featureId, this.clock());
  }

  async grant(
    owner: LedgerOwner,
    featureId: string,
    request: GrantCreditsRequest,
  ): Promise<LedgerResult<{ created: boolean; entry: CreditEntryView }>> {
    this.rows.rememberOwner(owner);
    return this.entries.grant(featureId, request, this.clock());
  }

  async syncPlanGrants(owner: LedgerOwner, associationId: string, grants: PlanGrant[]): Promise<void> {
    this.rows.rememberOwner(owner);
    await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    this.entries.syncPlanGrants(associationId, grants, this.clock());
  }

  async hasEntry(featureId: string, entryId: string): Promise<boolean> {
    return this.entries.has(featureId, entryId);
  }

  async listEntries(featureId: string, after: string | undefined, limit: number): Promise<CreditEntryView[]> {
    return this.entries.list(featureId, after, limit, this.clock());
  }

  async updateEntry(
    featureId: string,
    entryId: string,
    change: UpdateCreditEntryRequest,
  ): Promise<LedgerResult<CreditEntryView>> {
    await this.refreshAlertsOfKnownOwner();
    return this.entries.update(featureId, entryId, change, this.clock());
  }

  async voidEntry(featureId: string, entryId: string): Promise<LedgerResult<CreditEntryView>> {
    await this.refreshAlertsOfKnownOwner();
    return this.entries.void(featureId, entryId, this.clock());
  }

  /** A change to an entry may lower a balance: the alerts watching it are read again if old. */
  private async refreshAlertsOfKnownOwner(): Promise<void> {
    const owner = this.rows.owner();
    if (owner) {
      await this.balanceAlerts.refresh(this.env.RATER, owner, this.clock());
    }
  }

  async setOverageLimit(owner: LedgerOwner, featureId: string, overageLimit: string | null): Promise<FeatureCredits> {
    this.rows.rememberOwner(owner);
    const limit = overageLimit === null ? null : new Decimal(overageLimit).toFixed();
    this.rows.saveAccount(featureId, { ...this.rows.account(featureId), overageLimit: limit });
    return this.creditsOf(owner, featureId, this.clock());
  }

  async setEntitlementValue(featureId: string, value: string): Promise<void> {
    this.rows.saveValue(featureId, value, this.clock());
  }

  async entitlementValues(): Promise<{ featureId: string; value: string }[]> {
    return this.rows.values();
  }

  /**
   * Settles PENDING /entitled debits whose time is up, and drops the key buckets the redelivery
   * window has passed over.
   *
   * A retry of /entitled finds its debit PENDING and claims the event right after: a "not claimed"
   * from the shards may predate that claim. So a retry makes its debit due again later
   * (`touchPending`), and only a debit still due once the shards have answered is refunded: one
   * retried while they were asked, or just before, waits for the next run, which asks again. The
   * mark is the row's own time, in the same transaction as the retry's answer: no memory of a run
   * is needed, and an object restarted mid-run (the run is lost; the alarm runs again) still has it.
   */
  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const now = this.clock();
    const cutoff = now - RECONCILE_AFTER_MS;
    const expired = this.transaction(() => Math.max(this.reservations.expireDue(now), this.spend.expireDue(now)));
    const due = this.debits.pendingBefore(cutoff, RECONCILE_PAGE);
    if (due.length > 0) {
      // A settled reservation's debit is never refunded for want of a claim: its event is claimed here.
      const settles = new Map([...this.reservations.table.claims(due), ...this.spend.table.claims(due)]);
      const others = due.filter((id) => !settles.has(id));
      const [claimed, keys, settleClaims] = await Promise.all([
        this.claimedInDedupShards(others),
        debitKeys(due),
        this.claimSettleEvents([...settles.values()]),
      ]);
      this.debits.prepareBucket(now);
      this.transaction(() => {
        for (const eventId of due) {
          const since = this.debits.pendingSince(eventId);
          // Decided meanwhile (a refund, or the rater's debit of the same id): nothing left to do.
          if (since === null) {
            continue;
          }
          const settle = settleClaims.get(eventId);
          if (settle?.status === 'conflict') {
            this.undoSettleOf(eventId, now);
          } else if (settles.has(eventId) && settle?.status !== 'accepted' && settle?.status !== 'duplicate') {
            // The shard did not answer: claimed again by a later run.
            this.debits.touchPending(eventId, now);
          } else if (settles.has(eventId) || claimed.has(eventId)) {
            this.debits.deletePending(eventId);
            // The event owes the rater no debit (it was marked debitedAtEdge): nothing will send it.
            this.debits.settle(keys.get(eventId)!, true, now);
          } else if (since <= cutoff) {
            this.refundPending(eventId);
          }
        }
      });
    }
    const nextExpiry = this.transaction(() =>
      earliest(this.debits.expire(now, SETTLED_KEY_WINDOW_MS), this.spend.expireKeys(now, SETTLED_KEY_WINDOW_MS)),
    );
    const pending = this.debits.oldestPending();
    if (due.length === RECONCILE_PAGE || expired === EXPIRE_PAGE) {
      this.scheduleAlarm(now);
    } else if (pending !== null) {
      this.scheduleAlarm(Math.max(pending + RECONCILE_AFTER_MS, now + 1000));
    } else if (nextExpiry !== null) {
      this.scheduleAlarm(Math.max(nextExpiry, now + 60_000));
    }
    const reservationDue = this.reservations.nextDue();
    if (reservationDue !== null) {
      this.scheduleAlarm(Math.max(reservationDue, now + 1000));
    }
    const spendDue = this.spend.nextDue();
    if (spendDue !== null) {
      this.scheduleAlarm(Math.max(spendDue, now + 1000));
    }
    // Last: a rater slow to answer holds up none of the above.
    await this.sendBalanceCrossings(now);
  }

  /** Balance crossings not yet recorded by the rater (for tests and operators). */
  async unsentBalanceCrossings(): Promise<number> {
    return this.balanceAlerts.pendingCount();
  }

  /** Debits still PENDING (for tests and operators). */
  async pendingDebitCount(): Promise<number> {
    return this.debits.pendingBefore(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).length;
  }

  /** What the object keeps of final debits (for tests and operators). */
  async debitKeyStats(): Promise<{ buckets: number[]; unconfirmedKept: number; databaseBytes: number }> {
    return {
      buckets: this.debits.liveBuckets(),
      unconfirmedKept: this.debits.unconfirmedKeptCount(),
      databaseBytes: this.ctx.storage.sql.databaseSize,
    };
  }

  /** What the object keeps to count each spend record once (for tests and operators). */
  async spendKeyStats(): Promise<{
    buckets: number[];
    unconfirmedKept: number;
    legacyRecords: number;
    databaseBytes: number;
  }> {
    return { ...this.spend.table.keys.stats(), databaseBytes: this.ctx.storage.sql.databaseSize };
  }

  /**
   * Which of `eventIds` the tenant's DedupShards hold, asked where the edge last claimed. The one
   * seam of the alarm: a test replaces it on the instance to hold the answer while calls interleave.
   */
  protected async claimedInDedupShards(eventIds: string[]): Promise<Set<string>> {
    const owner = this.rows.owner();
    if (!owner) {
      return new Set();
    }
    const stored = this.ctx.storage.sql
      .exec<{ value: string }>('SELECT value FROM shard_placement')
      .toArray()[0]?.value;
    // No placement stored: a ledger whose debits predate placements, all in the default one.
    const where: ShardPlacement = stored
      ? (JSON.parse(stored) as ShardPlacement)
      : shardPlacement(this.env, undefined, null);
    return claimedEventIds(this.env, owner.tenantId, eventIds, where);
  }

  /** Claims settled reservations' events again, where the edge last claimed (a seam for tests, as above). */
  protected async claimSettleEvents(claims: Claim[]): Promise<Map<string, ClaimResult>> {
    const owner = this.rows.owner();
    if (!owner || claims.length === 0) {
      return new Map();
    }
    const stored = this.ctx.storage.sql
      .exec<{ value: string }>('SELECT value FROM shard_placement')
      .toArray()[0]?.value;
    const where: ShardPlacement = stored
      ? (JSON.parse(stored) as ShardPlacement)
      : shardPlacement(this.env, undefined, null);
    const results = await claimEvents(this.env, owner.tenantId, claims, where);
    return new Map(results.map((r) => [r.id, r]));
  }

  /** Every call that reaches the spend rules has remembered its owner first. */
  private knownOwner(): LedgerOwner {
    const owner = this.rows.owner();
    if (!owner) {
      throw new Error('AccountLedger: no owner remembered before a call that needs it');
    }
    return owner;
  }

  /** Undoes the settle (of credits or of money) whose event id was another event's. */
  private undoSettleOf(eventId: string, now: number): void {
    if (this.spend.table.reservationByEvent(eventId)) {
      this.spend.undoSettle(eventId, (id) => this.refundPending(id), now);
    } else {
      this.reservations.undoSettle(eventId, (id) => this.refundPending(id), now);
    }
  }

  private refundPending(eventId: string): void {
    const lines = this.debits.pendingLines<DebitRecordLine>(eventId);
    if (lines === null) {
      return;
    }
    for (const line of lines) {
      this.apply(line, -1);
    }
    this.debits.deletePending(eventId);
  }

  /**
   * A transaction whose rollback also rolls back what the key buckets believe of the schema. Every
   * change of credits runs in one, so here, around the change and inside the same transaction, the
   * balance of each feature an alert watches is compared before and after: each threshold it fell
   * through is written to the outbox of crossings with the change itself, or not at all. The alarm
   * then sends it to the rater.
   */
  private transaction<T>(run: () => T): T {
    let crossed = false;
    try {
      const result = this.ctx.storage.transactionSync(() => {
        if (this.watching) {
          return run();
        }
        this.watching = true;
        try {
          const at = this.clock();
          const before = this.watchedBalances(at);
          const value = run();
          crossed = this.recordBalanceCrossings(before, at);
          return value;
        } finally {
          this.watching = false;
        }
      });
      if (crossed) {
        this.scheduleAlarm(this.clock());
      }
      return result;
    } catch (error) {
      this.debits.reload();
      this.spend.table.keys.reload();
      throw error;
    }
  }

  /** The balance of every feature an alert watches, read only: nothing is settled here. */
  private watchedBalances(at: number): Map<string, string> {
    const balances = new Map<string, string>();
    for (const featureId of this.balanceAlerts.features()) {
      balances.set(featureId, featureBalance(this.rows.entries(featureId), this.rows.account(featureId), at).balance);
    }
    return balances;
  }

  /** Within the transaction that moved the balances: whether some threshold was crossed. */
  private recordBalanceCrossings(before: Map<string, string>, at: number): boolean {
    const owner = this.rows.owner();
    if (owner === null || before.size === 0) {
      return false;
    }
    const alerts = this.balanceAlerts.watched();
    const crossings = [...before].flatMap(([featureId, balance]) =>
      balanceCrossings(
        alerts,
        featureId,
        balance,
        featureBalance(this.rows.entries(featureId), this.rows.account(featureId), at).balance,
      ),
    );
    this.balanceAlerts.record(owner.accountId, crossings, at);
    return crossings.length > 0;
  }

  /** The outbox of balance crossings, to the rater; what it could not take is sent again later. */
  private async sendBalanceCrossings(now: number): Promise<void> {
    const owner = this.rows.owner();
    if (owner === null) {
      return;
    }
    const sent = await this.balanceAlerts.send(this.env.RATER, owner.tenantId);
    if (sent === 'MORE') {
      this.scheduleAlarm(now);
    } else if (sent === 'FAILED') {
      this.scheduleAlarm(now + CROSSINGS_RETRY_MS);
    }
  }

  /** Applies a debit (sign 1) or its refund (sign −1) to the entries and the overage. */
  private apply(line: DebitRecordLine, sign: 1 | -1): void {
    for (const { entryId, amount } of line.allocations) {
      const entry = this.rows.entry(entryId);
      if (entry) {
        this.rows.setUsed(
          entryId,
          Decimal.max(0, new Decimal(entry.used).plus(new Decimal(amount).times(sign))).toFixed(),
        );
      }
    }
    if (new Decimal(line.overage).isZero()) {
      return;
    }
    const account = this.rows.account(line.featureId);
    const after = new Decimal(account.usedOverage).plus(new Decimal(line.overage).times(sign));
    this.rows.saveAccount(line.featureId, { ...account, usedOverage: Decimal.max(0, after).toFixed() });
    // A refund of overage a later grant already settled: the entries that paid it get it back, and
    // only they — else a released hold would leave those credits spent (found by the reservation
    // property test), or hand them to an entry that has expired since.
    const paid = Decimal.max(0, after.negated());
    if (paid.isZero()) {
      return;
    }
    const entries = this.rows.entries(line.featureId);
    for (const { entryId, amount } of planOverageRefund(
      this.rows.overagePaid(line.featureId),
      entries,
      paid.toFixed(),
      this.clock(),
    )) {
      const entry = this.rows.entry(entryId)!;
      this.rows.setUsed(entryId, new Decimal(entry.used).minus(amount).toFixed());
      this.rows.addOveragePaid(line.featureId, entryId, new Decimal(amount).negated());
    }
  }

  /** Unsettled overage is paid from the credits live now, before anything else is consumed. */
  private settleOverage(featureId: string, now: number): void {
    const account = this.rows.account(featureId);
    const settlement = planSettlement(this.rows.entries(featureId), account, now);
    if (settlement.allocations.length === 0) {
      return;
    }
    for (const { entryId, amount } of settlement.allocations) {
      const entry = this.rows.entry(entryId)!;
      this.rows.setUsed(entryId, new Decimal(entry.used).plus(amount).toFixed());
      // Remembered so a refund of this overage goes back to this entry (apply).
      this.rows.addOveragePaid(featureId, entryId, new Decimal(amount));
    }
    this.rows.saveAccount(featureId, { ...account, usedOverage: settlement.overage });
  }

  /** Settles first: credits that became live since the last write pay unsettled overage. */
  private creditsOf(owner: LedgerOwner, featureId: string, now: number): FeatureCredits {
    this.settleOverage(featureId, now);
    return {
      accountId: owner.accountId,
      featureId,
      ...featureBalance(this.rows.entries(featureId), this.rows.account(featureId), now),
    };
  }

  private scheduleAlarm(due: number): void {
    // A time already past (a [0, 0) spend cycle of unrated events ends at 0) is due now: setAlarm
    // refuses 0, and an unset alarm remembered as set would keep every later one from being set.
    const at = Math.max(due, this.clock());
    if (this.alarmAt === null || this.alarmAt > at) {
      this.alarmAt = at;
      void this.ctx.storage.setAlarm(at);
    }
  }
}

/** A reservation key already names a reservation of the other kind on this account. */
function keyTaken(key: string, kind: 'credits' | 'money') {
  return {
    status: 'REFUSED' as const,
    kind: 'conflict' as const,
    code: 'reservation_id_conflict',
    detail: `Reservation '${key}' exists as a reservation of ${kind}`,
    path: 'id',
  };
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** When the key bucket that `now` writes to can be dropped. */
function bucketExpiry(now: number): number {
  return (Math.floor(now / KEY_BUCKET_MS) + 1) * KEY_BUCKET_MS + SETTLED_KEY_WINDOW_MS;
}
