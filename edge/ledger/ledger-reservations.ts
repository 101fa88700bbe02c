import { Decimal } from '../../shared/decimal/decimal';
import type { FeatureCredits } from '../../shared/entitlement/credit-entry';
import type { DebitLine } from '../../shared/entitlement/feature-debits';
import { planChecked, type DebitPlan, type DenialReason } from '../../shared/entitlement/ledger-math';
import {
  isExpired,
  mergePlans,
  RESERVATION_MEMORY_MS,
  splitHold,
  type ReleaseReason,
  type ReservationStatus,
} from '../../shared/entitlement/reservation';
import type { Claim } from '../dedup/claim';
import type { CreditRows } from './credit-rows';
import type { DebitKey, DebitRecords } from './debit-records';
import { ReservationRows, type ReservationRecord } from './reservation-rows';

/** A debit line as the ledger records it: what it consumed of which entries, and of overage. */
export type HeldLine = DebitLine & DebitPlan;

/** What of the AccountLedger the reservation rules act through: its tables and its credit moves. */
export interface LedgerParts {
  sql: SqlStorage;
  rows: CreditRows;
  debits: DebitRecords;
  apply(line: HeldLine, sign: 1 | -1): void;
  settleOverage(featureId: string, now: number): void;
  credits(featureId: string, now: number): FeatureCredits;
  transaction<T>(run: () => T): T;
}

/** A reservation as the ledger answers it (the edge adds the id and turns amounts into JSON numbers). */
export interface ReservationView {
  key: string;
  featureId: string;
  amount: string;
  status: ReservationStatus;
  createdAt: number;
  expiresAt: number;
  settledAmount?: string;
  eventId?: string;
  endedAt?: number;
  reason?: ReleaseReason;
}

export interface ReserveRequest {
  key: string;
  featureId: string;
  amount: string;
  ttlMs: number;
}

export type Denied = {
  status: 'DENIED';
  reason: DenialReason;
  featureId: string;
  available: string;
  balances: FeatureCredits[];
};
/** An answer that is not the one asked for: the edge turns it into problem+json. */
export type Refused = {
  status: 'REFUSED';
  kind: 'not_found' | 'conflict';
  code: string;
  detail: string;
  path?: string;
};

export type ReserveOutcome =
  | { status: 'HELD'; created: boolean; reservation: ReservationView; balances: FeatureCredits[] }
  | Denied
  | Refused;
export type SettleOutcome =
  /** Settled now (SETTLED), or by an earlier call with the same event (ALREADY_SETTLED): claim `claim` either way. */
  | { status: 'SETTLED' | 'ALREADY_SETTLED'; reservation: ReservationView; claim: Claim; balances: FeatureCredits[] }
  | Denied
  | Refused;
export type ReservationOutcome = { status: 'OK'; reservation: ReservationView; balances: FeatureCredits[] } | Refused;

/** Expired holds given back per alarm run; a full page brings the next run forward. */
export const EXPIRE_PAGE = 1_000;

/**
 * Reservations in an AccountLedger (shared/entitlement/reservation.ts has the rules). Each call is
 * one synchronous transaction of the ledger, so a hold, a settle, a release and an expiry of the
 * same reservation are ordered, and each happens once.
 *
 * A settle turns the hold into a PENDING debit under its event's id — the record POST /entitled
 * makes — and keeps the event's claim on the reservation: the edge claims it in its DedupShard
 * right after; should that claim not land (the edge failed, the client gave up), the ledger's alarm
 * makes it from the kept claim. So once a settle is committed its event is ingested exactly once:
 * the DedupShard accepts the id once, and the debit under that id is recorded once.
 */
export class LedgerReservations {
  readonly table: ReservationRows;

  constructor(private readonly ledger: LedgerParts) {
    this.table = new ReservationRows(ledger.sql);
  }

  reserve(request: ReserveRequest, now: number): ReserveOutcome {
    return this.ledger.transaction((): ReserveOutcome => {
      const existing = this.table.get(request.key);
      if (existing) {
        const same =
          existing.featureId === request.featureId &&
          new Decimal(existing.amount).eq(request.amount) &&
          existing.ttlMs === request.ttlMs;
        if (!same) {
          return refused(
            'conflict',
            'reservation_id_conflict',
            `Reservation '${request.key}' exists with other values`,
            'id',
          );
        }
        this.expireIfDue(existing, now);
        return {
          status: 'HELD',
          created: false,
          reservation: view(this.table.get(request.key)!),
          balances: [this.ledger.credits(request.featureId, now)],
        };
      }
      this.ledger.settleOverage(request.featureId, now);
      const plan = planChecked(
        this.ledger.rows.entries(request.featureId),
        this.ledger.rows.account(request.featureId),
        request.amount,
        now,
      );
      if (!plan.ok) {
        return {
          status: 'DENIED',
          reason: plan.reason,
          featureId: request.featureId,
          available: plan.available,
          balances: [this.ledger.credits(request.featureId, now)],
        };
      }
      const hold: DebitPlan = { allocations: plan.allocations, overage: plan.overage };
      this.ledger.apply({ featureId: request.featureId, amount: request.amount, ...hold }, 1);
      const record: ReservationRecord = {
        key: request.key,
        featureId: request.featureId,
        amount: new Decimal(request.amount).toFixed(),
        ttlMs: request.ttlMs,
        hold,
        status: 'HELD',
        createdAt: now,
        expiresAt: now + request.ttlMs,
        eventId: null,
        payloadHash: null,
        claim: null,
        settledAmount: null,
        endedAt: null,
        reason: null,
      };
      this.table.insert(record);
      return {
        status: 'HELD',
        created: true,
        reservation: view(record),
        balances: [this.ledger.credits(request.featureId, now)],
      };
    });
  }

  /**
   * Settles with the event's debit lines: the reservation's feature keeps its hold up to the
   * actual amount (the excess, if any, is checked against what is left), other features the event
   * consumes are debited checked, as /entitled does — all or nothing.
   */
  settle(key: string, claim: Claim, lines: DebitLine[], eventKey: DebitKey, now: number): SettleOutcome {
    return this.ledger.transaction((): SettleOutcome => {
      const r = this.table.get(key);
      if (!r) {
        return refused('not_found', 'reservation_not_found', `No reservation '${key}' on this account`);
      }
      const features = lines.map((l) => l.featureId);
      const balances = () => features.map((f) => this.ledger.credits(f, now));
      if (r.status === 'SETTLED') {
        if (r.eventId === claim.id && r.payloadHash === claim.payloadHash && r.claim) {
          return { status: 'ALREADY_SETTLED', reservation: view(r), claim: r.claim, balances: balances() };
        }
        return refused(
          'conflict',
          'reservation_settled',
          `Reservation '${key}' was settled with another event ('${r.eventId}')`,
          'event',
        );
      }
      this.expireIfDue(r, now);
      const current = this.table.get(key)!;
      if (current.status !== 'HELD') {
        return refused(
          'conflict',
          `reservation_${current.status.toLowerCase()}`,
          `Reservation '${key}' is ${current.status}: its hold was given back; send the usage to /entitled instead`,
        );
      }
      if (this.ledger.debits.state(claim.id, eventKey) !== null || this.table.byEventId(claim.id)) {
        return refused(
          'conflict',
          'event_already_debited',
          `Event '${claim.id}' was already debited by another call`,
          'event.id',
        );
      }
      const own = lines.find((l) => l.featureId === r.featureId);
      if (!own) {
        return refused(
          'conflict',
          'event_not_for_reservation',
          `The event does not consume feature '${r.featureId}', which the reservation holds`,
          'event.schemaName',
        );
      }

      const { kept, released, excess } = splitHold(r.hold, own.amount);
      const record: HeldLine[] = [];
      const extra: HeldLine[] = [];
      for (const line of lines) {
        const amount = line === own ? excess : line.amount;
        if (line === own && new Decimal(amount).isZero()) {
          continue;
        }
        this.ledger.settleOverage(line.featureId, now);
        const plan = planChecked(
          this.ledger.rows.entries(line.featureId),
          this.ledger.rows.account(line.featureId),
          amount,
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
        extra.push({ featureId: line.featureId, amount, allocations: plan.allocations, overage: plan.overage });
      }
      this.ledger.apply({ featureId: r.featureId, amount: '0', ...released }, -1);
      for (const line of extra) {
        this.ledger.apply(line, 1);
      }
      const ownExtra = extra.find((l) => l.featureId === r.featureId);
      record.push({ featureId: r.featureId, amount: own.amount, ...(ownExtra ? mergePlans(kept, ownExtra) : kept) });
      record.push(...extra.filter((l) => l !== ownExtra));
      // The same record an /entitled debit makes: the alarm settles it once the claim is seen.
      this.ledger.debits.insertPending(claim.id, record, now);
      this.table.settle(
        key,
        { eventId: claim.id, payloadHash: claim.payloadHash, claim, settledAmount: own.amount },
        now,
      );
      return { status: 'SETTLED', reservation: view(this.table.get(key)!), claim, balances: balances() };
    });
  }

  /** Gives the hold back. Repeating it, or releasing an expired hold, answers the reservation as it is. */
  release(key: string, now: number): ReservationOutcome {
    return this.ledger.transaction((): ReservationOutcome => {
      const r = this.table.get(key);
      if (!r) {
        return refused('not_found', 'reservation_not_found', `No reservation '${key}' on this account`);
      }
      if (r.status === 'SETTLED') {
        return refused('conflict', 'reservation_settled', `Reservation '${key}' was settled; it cannot be released`);
      }
      this.expireIfDue(r, now);
      if (this.table.get(key)!.status === 'HELD') {
        this.endHold(r, 'RELEASED', 'RELEASED', now);
      }
      return {
        status: 'OK',
        reservation: view(this.table.get(key)!),
        balances: [this.ledger.credits(r.featureId, now)],
      };
    });
  }

  read(key: string, now: number): ReservationOutcome {
    return this.ledger.transaction((): ReservationOutcome => {
      const r = this.table.get(key);
      if (!r) {
        return refused('not_found', 'reservation_not_found', `No reservation '${key}' on this account`);
      }
      this.expireIfDue(r, now);
      return {
        status: 'OK',
        reservation: view(this.table.get(key)!),
        balances: [this.ledger.credits(r.featureId, now)],
      };
    });
  }

  /**
   * The settle event's id was another event's: its debit is refunded (the other event is debited
   * on its own path) and the reservation ends as released. Idempotent.
   */
  undoSettle(eventId: string, refundPending: (eventId: string) => void, now: number): void {
    const r = this.table.byEventId(eventId);
    refundPending(eventId);
    if (r?.status === 'SETTLED') {
      this.table.unsettle(r.key, now);
    }
  }

  /** Gives back every hold whose TTL has passed (inside the alarm's transaction); how many. */
  expireDue(now: number): number {
    const keys = this.table.expiredKeys(now, EXPIRE_PAGE);
    for (const key of keys) {
      this.endHold(this.table.get(key)!, 'EXPIRED', 'EXPIRED', now);
    }
    this.table.prune(now - RESERVATION_MEMORY_MS);
    return keys.length;
  }

  nextDue(): number | null {
    return this.table.nextDue(RESERVATION_MEMORY_MS);
  }

  private expireIfDue(r: ReservationRecord, now: number): void {
    if (isExpired(r, now)) {
      this.endHold(r, 'EXPIRED', 'EXPIRED', now);
    }
  }

  private endHold(r: ReservationRecord, status: 'RELEASED' | 'EXPIRED', reason: ReleaseReason, now: number): void {
    this.ledger.apply({ featureId: r.featureId, amount: r.amount, ...r.hold }, -1);
    this.table.end(r.key, status, reason, now);
  }
}

function refused(kind: Refused['kind'], code: string, detail: string, path?: string): Refused {
  return { status: 'REFUSED', kind, code, detail, ...(path ? { path } : {}) };
}

function view(r: ReservationRecord): ReservationView {
  return {
    key: r.key,
    featureId: r.featureId,
    amount: r.amount,
    status: r.status,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    ...(r.settledAmount !== null ? { settledAmount: r.settledAmount } : {}),
    ...(r.eventId !== null ? { eventId: r.eventId } : {}),
    ...(r.endedAt !== null ? { endedAt: r.endedAt } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
  };
}
