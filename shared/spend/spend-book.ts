import { Decimal } from '../decimal/decimal';
import {
  checkSpendHold,
  inCycle,
  type SpendCheck,
  type SpendCycle,
  type SpendLimit,
  type SpendTotals,
} from './spend-limit';

/**
 * One account's money commitments, in memory: the reference the AccountLedger's tables follow
 * (edge/ledger/ledger-spend.ts), and the model its tests compare it with. Every transition is the
 * rule of spend-limit.ts applied to one step; each is idempotent where a retry or a redelivery can
 * repeat it.
 */
export type MoneyHoldStatus = 'HELD' | 'SETTLED' | 'RELEASED' | 'EXPIRED';

export interface MoneyHold {
  key: string;
  estimate: string;
  status: MoneyHoldStatus;
  expiresAt: number;
  /** The settle's event: its estimate stays pending under this id until its revenue arrives. */
  eventId: string | null;
}

/** Revenue recorded once per key: an event's id, or a correction's key (spend follows corrections as credits do). */
export interface SpendRecord {
  key: string;
  eventId: string;
  amount: string;
  cycle: SpendCycle;
}

export type HoldOutcome =
  | { status: 'HELD'; created: boolean; hold: MoneyHold }
  | { status: 'DENIED'; check: Extract<SpendCheck, { ok: false }> }
  | { status: 'REFUSED'; code: 'no_spend_limit' | 'reservation_id_conflict' };

export type SettleOutcome =
  | { status: 'SETTLED' | 'ALREADY_SETTLED'; hold: MoneyHold }
  | {
      status: 'REFUSED';
      code: 'reservation_not_found' | 'reservation_not_held' | 'reservation_settled' | 'event_already_recorded';
    };

export class SpendBook {
  private limit: SpendLimit | null = null;
  private readonly holds = new Map<string, MoneyHold>();
  private readonly pending = new Map<string, string>();
  private readonly records = new Map<string, SpendRecord>();

  setLimit(limit: SpendLimit | null): void {
    this.limit = limit;
  }

  currentLimit(): SpendLimit | null {
    return this.limit;
  }

  reserve(key: string, estimate: string, ttlMs: number, now: number): HoldOutcome {
    const existing = this.holds.get(key);
    if (existing) {
      this.expireIfDue(existing, now);
      const same = new Decimal(existing.estimate).eq(estimate);
      return same ? { status: 'HELD', created: false, hold: { ...existing } } : refused('reservation_id_conflict');
    }
    if (this.limit === null) {
      return refused('no_spend_limit');
    }
    const check = checkSpendHold(this.limit, this.totals(now), estimate);
    if (!check.ok) {
      return { status: 'DENIED', check };
    }
    const hold: MoneyHold = {
      key,
      estimate: new Decimal(estimate).toFixed(),
      status: 'HELD',
      expiresAt: now + ttlMs,
      eventId: null,
    };
    this.holds.set(key, hold);
    return { status: 'HELD', created: true, hold: { ...hold } };
  }

  /**
   * The hold becomes pending under the event's id: it keeps counting, at its estimate, until the
   * rater's revenue for that event replaces it. An event whose revenue is already recorded was
   * ingested by another call: it cannot settle a reservation (its estimate would never be replaced).
   */
  settle(key: string, eventId: string, now: number): SettleOutcome {
    const hold = this.holds.get(key);
    if (!hold) {
      return { status: 'REFUSED', code: 'reservation_not_found' };
    }
    if (hold.status === 'SETTLED') {
      return hold.eventId === eventId
        ? { status: 'ALREADY_SETTLED', hold: { ...hold } }
        : { status: 'REFUSED', code: 'reservation_settled' };
    }
    this.expireIfDue(hold, now);
    if (hold.status !== 'HELD') {
      return { status: 'REFUSED', code: 'reservation_not_held' };
    }
    if (this.records.has(eventId) || [...this.holds.values()].some((h) => h.eventId === eventId)) {
      return { status: 'REFUSED', code: 'event_already_recorded' };
    }
    hold.status = 'SETTLED';
    hold.eventId = eventId;
    this.pending.set(eventId, hold.estimate);
    return { status: 'SETTLED', hold: { ...hold } };
  }

  hold(key: string): MoneyHold | null {
    const hold = this.holds.get(key);
    return hold ? { ...hold } : null;
  }

  /** Gives a held estimate back; a hold already ended stays as it is. */
  release(key: string, now: number): MoneyHold | null {
    const hold = this.holds.get(key);
    if (!hold) {
      return null;
    }
    this.expireIfDue(hold, now);
    if (hold.status === 'HELD') {
      hold.status = 'RELEASED';
    }
    return { ...hold };
  }

  /** The alarm: every hold whose TTL has passed is given back. */
  expireDue(now: number): number {
    let expired = 0;
    for (const hold of this.holds.values()) {
      if (this.expireIfDue(hold, now)) {
        expired++;
      }
    }
    return expired;
  }

  /**
   * Revenue from the rater, once per key. An event's own record (key = its id) replaces its pending
   * estimate; an adjustment (a key of its own) only adds, as in the ledger (ledger-spend.ts).
   */
  recordSpend(record: SpendRecord): boolean {
    if (this.records.has(record.key)) {
      return false;
    }
    this.records.set(record.key, { ...record, amount: new Decimal(record.amount).toFixed() });
    if (record.key === record.eventId) {
      this.pending.delete(record.eventId);
    }
    return true;
  }

  /** A settle whose event was never ingested (its id was another event's): nothing of it stays counted. */
  dropPending(eventId: string): void {
    this.pending.delete(eventId);
  }

  totals(now: number): SpendTotals {
    let spent = new Decimal(0);
    for (const r of this.records.values()) {
      if (inCycle(r.cycle, now)) {
        spent = spent.plus(r.amount);
      }
    }
    let held = new Decimal(0);
    for (const h of this.holds.values()) {
      if (h.status === 'HELD' && h.expiresAt > now) {
        held = held.plus(h.estimate);
      }
    }
    const pending = [...this.pending.values()].reduce((t, a) => t.plus(a), new Decimal(0));
    return { spent: spent.toFixed(), held: held.toFixed(), pending: pending.toFixed() };
  }

  private expireIfDue(hold: MoneyHold, now: number): boolean {
    if (hold.status === 'HELD' && hold.expiresAt <= now) {
      hold.status = 'EXPIRED';
      return true;
    }
    return false;
  }
}

function refused(code: 'no_spend_limit' | 'reservation_id_conflict'): HoldOutcome {
  return { status: 'REFUSED', code };
}
