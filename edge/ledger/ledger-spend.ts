import { Decimal } from '../../shared/decimal/decimal';
import type { FeatureCredits } from '../../shared/entitlement/credit-entry';
import type { DebitLine } from '../../shared/entitlement/feature-debits';
import { planChecked, type DenialReason } from '../../shared/entitlement/ledger-math';
import { RESERVATION_MEMORY_MS, type ReleaseReason } from '../../shared/entitlement/reservation';
import type { MoneyHoldStatus } from '../../shared/spend/spend-book';
import { checkSpendHold, spendAvailable, type SpendCheck, type SpendLimit } from '../../shared/spend/spend-limit';
import type { Claim } from '../dedup/claim';
import type { CreditRows } from './credit-rows';
import type { DebitKey, DebitRecords } from './debit-records';
import { bucketKeys, type BucketKey } from './key-buckets';
import { EXPIRE_PAGE, type HeldLine, type Refused } from './ledger-reservations';
import { SpendRows, type MoneyReservationRecord } from './spend-rows';

/** What of the AccountLedger the spend rules act through: its tables and its credit moves. */
export interface SpendParts {
  sql: SqlStorage;
  rows: CreditRows;
  debits: DebitRecords;
  apply(line: HeldLine, sign: 1 | -1): void;
  settleOverage(featureId: string, now: number): void;
  credits(featureId: string, now: number): FeatureCredits;
  transaction<T>(run: () => T): T;
}

/** The account's spend as the ledger answers it: the limit (or none) and what counts against it. */
export interface SpendView {
  limit: SpendLimit | null;
  spent: string;
  held: string;
  pending: string;
  /** limit − spent − held − pending, never negative; null without a limit. */
  available: string | null;
}

/** Revenue the rater rated for one event (key = its id), or a correction of it (key = the correction's). */
export interface SpendRecordInput {
  key: string;
  eventId: string;
  amount: string;
  currency: string;
  cycleStart: number;
  cycleEnd: number;
}

export interface MoneyReservationView {
  key: string;
  amount: string;
  currency: string;
  status: MoneyHoldStatus;
  createdAt: number;
  expiresAt: number;
  eventId?: string;
  endedAt?: number;
  reason?: ReleaseReason;
}

export interface MoneyReserveRequest {
  key: string;
  amount: string;
  currency: string;
  ttlMs: number;
}

export type SpendDenied = { status: 'DENIED'; check: Extract<SpendCheck, { ok: false }>; spend: SpendView };
export type FeatureDenied = {
  status: 'FEATURE_DENIED';
  reason: DenialReason;
  featureId: string;
  available: string;
  balances: FeatureCredits[];
};

export type MoneyReserveOutcome =
  | { status: 'HELD'; created: boolean; reservation: MoneyReservationView; spend: SpendView }
  | SpendDenied
  | Refused;
export type MoneySettleOutcome =
  | {
      status: 'SETTLED' | 'ALREADY_SETTLED';
      reservation: MoneyReservationView;
      claim: Claim;
      spend: SpendView;
      balances: FeatureCredits[];
    }
  | FeatureDenied
  | Refused;
export type MoneyReservationOutcome = { status: 'OK'; reservation: MoneyReservationView; spend: SpendView } | Refused;

/**
 * Money reservations and the spend they count against, in an AccountLedger
 * (shared/spend/spend-limit.ts has the rules, shared/spend/spend-book.ts the reference model).
 * Each call is one synchronous transaction of the ledger.
 *
 * A settle ingests its usage event as a feature settle does: the event's feature debits (if any)
 * are made checked, as /entitled makes them, and recorded PENDING under the event's id with its
 * claim kept on the reservation, so the alarm claims the event should the edge's claim not land.
 * The estimate then stays counted, pending under that id, until the rater's revenue for the event
 * arrives and replaces it — so no moment exists at which the money is counted neither as held nor
 * as spent.
 */
export class LedgerSpend {
  readonly table: SpendRows;

  constructor(private readonly ledger: SpendParts) {
    this.table = new SpendRows(ledger.sql);
  }

  /** Keeps the limit pushed or read through only if its version is newer than the copy's. */
  setLimit(limit: SpendLimit | null, version: number, now: number): SpendView {
    return this.ledger.transaction(() => {
      this.table.saveLimit(limit, version);
      return this.view(now);
    });
  }

  view(now: number): SpendView {
    const limit = this.table.limit();
    const totals = this.table.totals(now, limit?.currency ?? null);
    return { limit, ...totals, available: limit ? spendAvailable(limit, totals).toFixed() : null };
  }

  /**
   * Revenue from the rater's ledger outbox: each key once (spend-keys.ts says how long a key is
   * remembered, and why no copy can arrive after). An event's own record replaces the estimate
   * pending under its id; a spend adjustment's record (another key) only adds. `copies`: the
   * adjustments a limit carries, which no confirmation follows — a known key stays as it is.
   */
  async record(
    records: SpendRecordInput[],
    now: number,
    { copies = false }: { copies?: boolean } = {},
  ): Promise<{ recorded: number; skipped: number }> {
    const keys = await bucketKeys(records.map((r) => r.key));
    this.table.keys.prepareBucket(now);
    return this.ledger.transaction(() => {
      let recorded = 0;
      for (const r of records) {
        if (this.table.record(r, hashed(keys, r.key), now, { owed: !copies })) {
          recorded++;
        }
        if (r.key === r.eventId) {
          this.table.deletePending(r.eventId);
        }
      }
      return { recorded, skipped: records.length - recorded };
    });
  }

  /** The rater's outboxes no longer owe these records (by key): their keys may go with their buckets. */
  confirm(keys: BucketKey[]): void {
    this.table.keys.confirm(keys);
  }

  /** Drops the key buckets the redelivery window has passed over; answers when the next is due. */
  expireKeys(now: number, window: number): number | null {
    return this.table.keys.expire(now, window);
  }

  reserve(request: MoneyReserveRequest, now: number): MoneyReserveOutcome {
    return this.ledger.transaction((): MoneyReserveOutcome => {
      const existing = this.table.reservation(request.key);
      if (existing) {
        const same =
          new Decimal(existing.estimate).eq(request.amount) &&
          existing.currency === request.currency &&
          existing.ttlMs === request.ttlMs;
        if (!same) {
          return refused(
            'conflict',
            'reservation_id_conflict',
            `Reservation '${request.key}' exists with other values`,
            'id',
          );
        }
        const current = this.expireIfDue(existing, now);
        return { status: 'HELD', created: false, reservation: view(current), spend: this.view(now) };
      }
      const limit = this.table.limit();
      if (limit === null) {
        return refused(
          'conflict',
          'no_spend_limit',
          'The account has no spend limit: set one (PUT /accounts/{accountId}/spend_limit) before reserving money',
          'amount',
        );
      }
      if (limit.currency !== request.currency) {
        return refused(
          'conflict',
          'currency_mismatch',
          `The account's spend limit is in ${limit.currency}, not ${request.currency}`,
          'currency',
        );
      }
      const check = checkSpendHold(limit, this.table.totals(now, limit.currency), request.amount);
      if (!check.ok) {
        return { status: 'DENIED', check, spend: this.view(now) };
      }
      const record: MoneyReservationRecord = {
        key: request.key,
        estimate: new Decimal(request.amount).toFixed(),
        currency: request.currency,
        ttlMs: request.ttlMs,
        status: 'HELD',
        createdAt: now,
        expiresAt: now + request.ttlMs,
        eventId: null,
        payloadHash: null,
        claim: null,
        endedAt: null,
        reason: null,
      };
      this.table.insertReservation(record);
      return { status: 'HELD', created: true, reservation: view(record), spend: this.view(now) };
    });
  }

  /**
   * Settles with the usage event: its feature debits checked, all or nothing (a refusal leaves the
   * hold as it was), the estimate pending under the event's id, the claim kept.
   */
  settle(key: string, claim: Claim, lines: DebitLine[], eventKey: DebitKey, now: number): MoneySettleOutcome {
    return this.ledger.transaction((): MoneySettleOutcome => {
      const r = this.table.reservation(key);
      if (!r) {
        return refused('not_found', 'reservation_not_found', `No reservation '${key}' on this account`);
      }
      const balances = () => lines.map((l) => this.ledger.credits(l.featureId, now));
      if (r.status === 'SETTLED') {
        if (r.eventId === claim.id && r.payloadHash === claim.payloadHash && r.claim) {
          return {
            status: 'ALREADY_SETTLED',
            reservation: view(r),
            claim: r.claim,
            spend: this.view(now),
            balances: balances(),
          };
        }
        return refused(
          'conflict',
          'reservation_settled',
          `Reservation '${key}' was settled with another event ('${r.eventId}')`,
          'event',
        );
      }
      const current = this.expireIfDue(r, now);
      if (current.status !== 'HELD') {
        return refused(
          'conflict',
          `reservation_${current.status.toLowerCase()}`,
          `Reservation '${key}' is ${current.status}: its hold was given back; make a new reservation`,
        );
      }
      // An event id has one key for its debit and its spend record. A record of it is still known
      // here if it could be one: the route takes events at most a day old (spend-keys.ts).
      if (
        this.ledger.debits.state(claim.id, eventKey) !== null ||
        this.table.reservationByEvent(claim.id) ||
        this.table.keys.has(claim.id, eventKey)
      ) {
        return refused(
          'conflict',
          'event_already_debited',
          `Event '${claim.id}' was already debited by another call`,
          'event.id',
        );
      }
      const record: HeldLine[] = [];
      for (const line of lines) {
        this.ledger.settleOverage(line.featureId, now);
        const plan = planChecked(
          this.ledger.rows.entries(line.featureId),
          this.ledger.rows.account(line.featureId),
          line.amount,
          now,
        );
        if (!plan.ok) {
          return {
            status: 'FEATURE_DENIED',
            reason: plan.reason,
            featureId: line.featureId,
            available: plan.available,
            balances: balances(),
          };
        }
        record.push({ ...line, allocations: plan.allocations, overage: plan.overage });
      }
      for (const line of record) {
        this.ledger.apply(line, 1);
      }
      // The record /entitled makes, even with no feature lines: the alarm claims the event from it.
      this.ledger.debits.insertPending(claim.id, record, now);
      this.table.insertPending(claim.id, r.estimate, now);
      this.table.settleReservation(key, claim, now);
      const settled = this.table.reservation(key);
      if (!settled) {
        throw new Error(`money reservation '${key}' vanished inside its settle's transaction`);
      }
      return { status: 'SETTLED', reservation: view(settled), claim, spend: this.view(now), balances: balances() };
    });
  }

  /** Gives the hold back. Repeating it, or releasing an expired hold, answers the reservation as it is. */
  release(key: string, now: number): MoneyReservationOutcome {
    return this.ledger.transaction((): MoneyReservationOutcome => {
      const r = this.table.reservation(key);
      if (!r) {
        return refused('not_found', 'reservation_not_found', `No reservation '${key}' on this account`);
      }
      if (r.status === 'SETTLED') {
        return refused('conflict', 'reservation_settled', `Reservation '${key}' was settled; it cannot be released`);
      }
      let current = this.expireIfDue(r, now);
      if (current.status === 'HELD') {
        current = this.end(current, 'RELEASED', 'RELEASED', now);
      }
      return { status: 'OK', reservation: view(current), spend: this.view(now) };
    });
  }

  read(key: string, now: number): MoneyReservationOutcome {
    return this.ledger.transaction((): MoneyReservationOutcome => {
      const r = this.table.reservation(key);
      if (!r) {
        return refused('not_found', 'reservation_not_found', `No reservation '${key}' on this account`);
      }
      return { status: 'OK', reservation: view(this.expireIfDue(r, now)), spend: this.view(now) };
    });
  }

  /** The settle's event id was another event's: its debit is refunded, nothing stays pending, the reservation ends. */
  undoSettle(eventId: string, refundPending: (eventId: string) => void, now: number): void {
    const r = this.table.reservationByEvent(eventId);
    if (!r) {
      return;
    }
    refundPending(eventId);
    this.table.deletePending(eventId);
    if (r.status === 'SETTLED') {
      this.table.unsettleReservation(r.key, now);
    }
  }

  /** Gives back every hold whose TTL has passed, and forgets what no longer counts (inside the alarm's transaction). */
  expireDue(now: number): number {
    const keys = this.table.expiredKeys(now, EXPIRE_PAGE);
    for (const key of keys) {
      const r = this.table.reservation(key);
      if (r) {
        this.end(r, 'EXPIRED', 'EXPIRED', now);
      }
    }
    this.table.pruneReservations(now - RESERVATION_MEMORY_MS);
    this.table.pruneCycles(now);
    return keys.length;
  }

  nextDue(): number | null {
    const due = [this.table.nextReservationDue(RESERVATION_MEMORY_MS), this.table.nextCycleEnd()].filter(
      (t): t is number => t !== null,
    );
    return due.length === 0 ? null : Math.min(...due);
  }

  private expireIfDue(r: MoneyReservationRecord, now: number): MoneyReservationRecord {
    return r.status === 'HELD' && r.expiresAt <= now ? this.end(r, 'EXPIRED', 'EXPIRED', now) : r;
  }

  private end(
    r: MoneyReservationRecord,
    status: 'RELEASED' | 'EXPIRED',
    reason: ReleaseReason,
    now: number,
  ): MoneyReservationRecord {
    this.table.endReservation(r.key, status, reason, now);
    return { ...r, status, reason, endedAt: now };
  }
}

function hashed(keys: Map<string, BucketKey>, key: string): BucketKey {
  const found = keys.get(key);
  if (found === undefined) {
    throw new Error(`spend record ${JSON.stringify(key)}: no bucket key was computed for it`);
  }
  return found;
}

function refused(kind: Refused['kind'], code: string, detail: string, path?: string): Refused {
  return { status: 'REFUSED', kind, code, detail, ...(path ? { path } : {}) };
}

function view(r: MoneyReservationRecord): MoneyReservationView {
  return {
    key: r.key,
    amount: r.estimate,
    currency: r.currency,
    status: r.status,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    ...(r.eventId !== null ? { eventId: r.eventId } : {}),
    ...(r.endedAt !== null ? { endedAt: r.endedAt } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
  };
}
