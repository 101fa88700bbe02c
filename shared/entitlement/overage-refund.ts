import { Decimal } from '../decimal/decimal';
import type { CreditEntry } from './credit-entry';
import { isLive, type Allocation } from './ledger-math';

/**
 * Overage a later grant already paid (planSettlement) and then refunded — a released or expired
 * hold, a refunded /entitled debit — goes back to the entries that paid it, and to no other: an
 * entry that did not pay it must not have usage taken off (an expired one would turn it into
 * credits nobody can use, and the grant that paid would stay spent).
 *
 * `paid` is what each entry paid toward overage and has not had back. When a refund is smaller
 * than that, entries live at `at` get theirs back first, latest-expiring first (what they get
 * back is the most use), then the rest.
 */
export function planOverageRefund(
  paid: Allocation[],
  entries: CreditEntry[],
  amount: string,
  at: number,
): Allocation[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const order = paid
    .filter((p) => new Decimal(p.amount).gt(0))
    .map((p) => ({ ...p, entry: byId.get(p.entryId) }))
    .sort(
      (a, b) => giveBackFirst(a.entry, b.entry, at) || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0),
    );
  let left = new Decimal(amount);
  const back: Allocation[] = [];
  for (const p of order) {
    if (left.lte(0)) {
      break;
    }
    // Never more than the entry still has as used: its usage cannot go below zero.
    const cap = p.entry ? Decimal.min(p.amount, p.entry.used) : new Decimal(0);
    const take = Decimal.min(left, cap);
    if (take.lte(0)) {
      continue;
    }
    back.push({ entryId: p.entryId, amount: take.toFixed() });
    left = left.minus(take);
  }
  return back;
}

/** Live before not live; among each, later expiry (never: latest) first; an entry gone, last. */
function giveBackFirst(a: CreditEntry | undefined, b: CreditEntry | undefined, at: number): number {
  if (!a || !b) {
    return (a ? 0 : 1) - (b ? 0 : 1);
  }
  const live = Number(isLive(b, at)) - Number(isLive(a, at));
  return live || (b.effectiveUntil ?? Infinity) - (a.effectiveUntil ?? Infinity) || 0;
}
