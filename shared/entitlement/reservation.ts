import { Decimal } from '../decimal/decimal';
import type { Allocation, DebitPlan } from './ledger-math';

/**
 * Reservations (docs/design.md §15): an estimate of a feature's credits held for an account while work of
 * unknown cost runs, then settled with the actual amount or released. The rules, with no storage:
 *
 * - A hold is decided exactly as a checked debit (planChecked: live credits oldest-expiring first,
 *   then the overage allowance) and applied to the entries at once, so every later decision — an
 *   /entitled debit, another hold — sees it spent: concurrent holds can never together exceed the
 *   balance, because each is decided in the ledger's one transaction against what the others left.
 * - Settling with an actual amount keeps that much of the hold, in the order it was taken, and gives
 *   back the rest (`splitHold`). An actual amount above the hold takes the excess as a new checked
 *   debit: it fits in the credits and overage allowance left, or the settle is refused and the hold
 *   stays as it was. So what a reservation ever spends is what was checked to fit.
 * - Releasing, or the hold's TTL passing unsettled, gives the whole hold back.
 * - A hold is final once settled, released or expired: each of those happens once, recorded in the
 *   same transaction as the credits it moves.
 */
export type ReservationStatus = 'HELD' | 'SETTLED' | 'RELEASED' | 'EXPIRED';
export const reservationStatuses = ['HELD', 'SETTLED', 'RELEASED', 'EXPIRED'] as const;

/** Why a reservation ended without being settled, or was un-settled: its settle event's id was taken by another event. */
export type ReleaseReason = 'RELEASED' | 'EXPIRED' | 'EVENT_ID_CONFLICT';

export const RESERVATION_TTL_DEFAULT_SECONDS = 300;
export const RESERVATION_TTL_MAX_SECONDS = 3600;
/** An ended reservation is remembered this long, so a retried create, settle or release finds it. */
export const RESERVATION_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface HoldSplit {
  /** What the settle keeps of the hold (allocations in the order they were taken, then overage). */
  kept: DebitPlan;
  /** What goes back. */
  released: DebitPlan;
  /** The actual amount beyond the hold: to be debited, checked, on top of it. */
  excess: string;
}

/** Splits a hold of `plan` at `actual`: the first `actual` units are kept, the rest released. */
export function splitHold(plan: DebitPlan, actual: string): HoldSplit {
  let left = new Decimal(actual);
  const kept: Allocation[] = [];
  const released: Allocation[] = [];
  for (const { entryId, amount } of plan.allocations) {
    const take = Decimal.min(left, amount);
    if (take.gt(0)) {
      kept.push({ entryId, amount: take.toFixed() });
    }
    const rest = new Decimal(amount).minus(take);
    if (rest.gt(0)) {
      released.push({ entryId, amount: rest.toFixed() });
    }
    left = left.minus(take);
  }
  const keptOverage = Decimal.min(left, plan.overage);
  left = left.minus(keptOverage);
  return {
    kept: { allocations: kept, overage: keptOverage.toFixed() },
    released: { allocations: released, overage: new Decimal(plan.overage).minus(keptOverage).toFixed() },
    excess: left.toFixed(),
  };
}

/** A plan's total: its allocations plus its overage. */
export function planTotal(plan: DebitPlan): Decimal {
  return plan.allocations.reduce((total, a) => total.plus(a.amount), new Decimal(plan.overage));
}

/** Two plans on the same feature as one (a settle's kept part and its excess). */
export function mergePlans(a: DebitPlan, b: DebitPlan): DebitPlan {
  return {
    allocations: [...a.allocations, ...b.allocations],
    overage: new Decimal(a.overage).plus(b.overage).toFixed(),
  };
}

/** A held reservation whose TTL has passed is expired, whether or not the alarm has run yet. */
export function isExpired(reservation: { status: ReservationStatus; expiresAt: number }, now: number): boolean {
  return reservation.status === 'HELD' && reservation.expiresAt <= now;
}

/**
 * A reservation's id names its account and the caller's idempotency key, so any edge can find the
 * account's ledger from the id alone, and a create retried with the same key gets the same id.
 * base64url of the JSON pair: path-safe, and no account id or key can be confused with another.
 */
export function reservationId(accountId: string, key: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([accountId, key]));
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return `rsv_${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

export function parseReservationId(id: string): { accountId: string; key: string } | null {
  if (!id.startsWith('rsv_') || !/^[A-Za-z0-9_-]+$/.test(id.slice(4))) {
    return null;
  }
  try {
    const binary = atob(id.slice(4).replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
    const pair: unknown = JSON.parse(text);
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      return null;
    }
    // Only the canonical spelling names a reservation: one id per (account, key).
    if (reservationId(pair[0], pair[1]) !== id) {
      return null;
    }
    return { accountId: pair[0], key: pair[1] };
  } catch {
    return null;
  }
}

/**
 * The settle event's id when the caller sends none: derived from the reservation, so a retried
 * settle claims the same id. Event ids are unique per tenant, so the account is part of it.
 */
export async function settleEventId(reservation: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(reservation)));
  return `rsv.${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
