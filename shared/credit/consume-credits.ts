import { Decimal } from '../decimal/decimal';

/**
 * Money credits (Togai's CreditsApi) consumed by an account's rated revenue, cycle by cycle. Pure:
 * the rater reads the credits and each cycle's statement, this decides who pays what. Nothing is
 * stored per event, so no redelivery can consume twice: consumption is a function of the revenue,
 * which the rater records exactly once (README, "Credits").
 */

/** A credit as it bears on consumption. Amounts are exact decimal strings. */
export interface CreditForUse {
  id: string;
  /** ALL: usage and fixed fees; or only one of them (Togai's ALL_USAGE_METER_RATE_CARDS / ALL_FIXED_FEE_RATE_CARDS). */
  appliesTo: { usage: boolean; fixedFees: boolean };
  /** Milliseconds: the start of effectiveFrom's day (UTC). */
  from: number;
  /** Milliseconds: the end of effectiveUntil's day (exclusive); null: never expires. */
  until: number | null;
  amount: string;
  priority: number;
  createdAt: number;
  /** A voided credit keeps what it had consumed (and held) when voided, and takes nothing more. */
  voided: { at: number; used: string } | null;
}

/** What one cycle of the account's statement charges in the credits' currency, rounded as invoiced. */
export interface CycleCharge {
  start: number;
  end: number;
  /** FINAL: the statement is frozen (its grace period is over); OPEN: still growing. */
  final: boolean;
  usage: string;
  fixedFees: string;
}

export interface CreditDebit {
  cycleStart: number;
  cycleEnd: number;
  final: boolean;
  amount: string;
}

export interface CreditUse {
  /** Taken by FINAL cycles. */
  consumed: string;
  /** Taken by OPEN cycles: held until their statement is final. */
  held: string;
  /** consumed + held, never above the amount. */
  left: string;
  debits: CreditDebit[];
}

/**
 * Togai's order: the lowest `priority` first, then the credit that expires first (never-expiring
 * last), then the oldest, then by id — so the result never depends on the order rows were read.
 */
export function creditOrder(a: CreditForUse, b: CreditForUse): number {
  if (a.priority !== b.priority) {
    return a.priority - b.priority;
  }
  const ua = a.until ?? Infinity;
  const ub = b.until ?? Infinity;
  if (ua !== ub) {
    return ua < ub ? -1 : 1;
  }
  if (a.createdAt !== b.createdAt) {
    return a.createdAt - b.createdAt;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether the credit is in effect at some instant of the cycle. */
export function appliesToCycle(credit: CreditForUse, cycle: { start: number; end: number }): boolean {
  return credit.from < cycle.end && (credit.until === null || credit.until > cycle.start);
}

/**
 * Each cycle, oldest first, pays its usage and its fixed fees from the credits in effect during
 * it, in creditOrder; a credit pays usage before fixed fees where it may pay both. A credit pays at
 * most what it has left; a voided one at most what it had used when voided.
 */
export function consumeCredits(credits: CreditForUse[], cycles: CycleCharge[]): Map<string, CreditUse> {
  const ordered = [...credits].sort(creditOrder);
  const state = new Map(
    ordered.map((c) => [c.id, { consumed: new Decimal(0), held: new Decimal(0), debits: [] as CreditDebit[] }]),
  );
  for (const cycle of [...cycles].sort((a, b) => a.start - b.start)) {
    const pools = { usage: Decimal.max(0, cycle.usage), fixedFees: Decimal.max(0, cycle.fixedFees) };
    for (const credit of ordered) {
      if (!appliesToCycle(credit, cycle)) {
        continue;
      }
      const s = state.get(credit.id)!;
      const cap = credit.voided ? new Decimal(credit.voided.used) : new Decimal(credit.amount);
      let room = Decimal.max(0, cap.minus(s.consumed).minus(s.held));
      let taken = new Decimal(0);
      for (const pool of ['usage', 'fixedFees'] as const) {
        if (!credit.appliesTo[pool] || room.isZero()) {
          continue;
        }
        const take = Decimal.min(room, pools[pool]);
        pools[pool] = pools[pool].minus(take);
        room = room.minus(take);
        taken = taken.plus(take);
      }
      if (taken.isZero()) {
        continue;
      }
      if (cycle.final) {
        s.consumed = s.consumed.plus(taken);
      } else {
        s.held = s.held.plus(taken);
      }
      s.debits.push({ cycleStart: cycle.start, cycleEnd: cycle.end, final: cycle.final, amount: taken.toFixed() });
    }
  }
  return new Map(
    ordered.map((credit) => {
      const s = state.get(credit.id)!;
      const left = new Decimal(credit.amount).minus(s.consumed).minus(s.held);
      return [
        credit.id,
        { consumed: s.consumed.toFixed(), held: s.held.toFixed(), left: left.toFixed(), debits: s.debits },
      ];
    }),
  );
}

export type CreditStatus = 'ACTIVE' | 'CONSUMED' | 'EXPIRED' | 'VOIDED';

/** Togai's Credit.status at `now`: VOIDED, else CONSUMED when nothing is left, else EXPIRED past its end, else ACTIVE. */
export function creditStatus(credit: CreditForUse, use: CreditUse, now: number): CreditStatus {
  if (credit.voided) {
    return 'VOIDED';
  }
  if (new Decimal(use.consumed).gte(credit.amount)) {
    return 'CONSUMED';
  }
  if (credit.until !== null && credit.until <= now) {
    return 'EXPIRED';
  }
  return 'ACTIVE';
}
