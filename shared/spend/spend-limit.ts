import { Decimal } from '../decimal/decimal';

/**
 * An account's spend limit (docs/design.md §15, shared/spend/README.md): money an account may be
 * committed to per billing cycle, in its plan association's currency, enforced by the account's
 * AccountLedger when money reservations are made. The rules, with no storage:
 *
 * - What counts against the limit is `spent + held + pending`:
 *   - spent: the revenue the rater rated for the account's events in the cycle, recorded once per
 *     event id (a redelivered revenue record changes nothing);
 *   - held: the estimates of money reservations not yet settled, released or expired;
 *   - pending: the estimates of settled reservations whose event the rater has not rated yet, each
 *     under its event's id and replaced by that event's revenue when it arrives.
 * - A hold is admitted only if it fits: estimate ≤ limit − spent − held − pending. Each decision is
 *   made in the ledger's one transaction against what the others left, so concurrent holds can
 *   never together exceed the limit.
 * - A settled event's revenue may exceed its estimate (the usage turned out dearer than estimated):
 *   that excess is the one way spending passes the limit through reservations, and it is bounded
 *   by the settles' own overruns. Usage ingested without a reservation is a fact: its revenue
 *   counts as spent, but nothing refuses it.
 */
export interface SpendLimit {
  amount: string;
  currency: string;
}

/** What counts against the limit now (decimal strings). */
export interface SpendTotals {
  spent: string;
  held: string;
  pending: string;
}

export type SpendCheck =
  | { ok: true }
  | ({ ok: false; limit: string; currency: string; available: string; requested: string } & SpendTotals);

/** What is left under the limit: never negative (spending past it leaves nothing, not a debt). */
export function spendAvailable(limit: SpendLimit, totals: SpendTotals): Decimal {
  return Decimal.max(0, new Decimal(limit.amount).minus(committed(totals)));
}

/** spent + held + pending. */
export function committed(totals: SpendTotals): Decimal {
  return new Decimal(totals.spent).plus(totals.held).plus(totals.pending);
}

/** Whether a hold of `estimate` fits under the limit; when not, the figures that say why. */
export function checkSpendHold(limit: SpendLimit, totals: SpendTotals, estimate: string): SpendCheck {
  const available = spendAvailable(limit, totals);
  if (new Decimal(estimate).lte(available)) {
    return { ok: true };
  }
  return {
    ok: false,
    limit: new Decimal(limit.amount).toFixed(),
    currency: limit.currency,
    available: available.toFixed(),
    requested: new Decimal(estimate).toFixed(),
    spent: new Decimal(totals.spent).toFixed(),
    held: new Decimal(totals.held).toFixed(),
    pending: new Decimal(totals.pending).toFixed(),
  };
}

/** A billing cycle as the rater rates it: [start, end) in milliseconds. */
export interface SpendCycle {
  start: number;
  end: number;
}

/**
 * Revenue counts against the limit of the cycle it was rated in: the cycle that contains `now`.
 * A cycle nothing has been rated in yet has spent nothing, so no cycle needs announcing.
 */
export function inCycle(cycle: SpendCycle, now: number): boolean {
  return cycle.start <= now && now < cycle.end;
}
