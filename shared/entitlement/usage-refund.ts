import { Decimal } from '../decimal/decimal';
import type { CreditEntry, FeatureAccount } from './credit-entry';
import { isLive, type Allocation } from './ledger-math';

/**
 * Giving back what a corrected event consumed (POST /events/correction UNDO, or the old payload of
 * a REDO_EVENT). The ledger keeps no allocation of a final debit (only its key: debit-records.ts),
 * so the give-back is the debit run backwards against the account as it stands: a forced debit
 * consumes the entries live at its event's timestamp, oldest-expiring first, then overage — so
 * its give-back takes overage off first (`refundableOverage`: unsettled overage, then the overage
 * later grants paid, which go back to those grants), then usage off the entries live at that
 * timestamp, latest-expiring first (`planEntryRefund`).
 *
 * With the debits of an account's other events untouched, the result is the state those events
 * alone would have left: with one grant, used = min(total, granted) and overage = the rest.
 * Nothing is given back beyond what was used: a give-back can never create credits.
 */
export function refundableOverage(account: FeatureAccount, paid: Allocation[], amount: string): string {
  const settled = paid.reduce((total, p) => total.plus(p.amount), new Decimal(0));
  return Decimal.min(amount, new Decimal(account.usedOverage).plus(settled)).toFixed();
}

/** What the entries live at `at` give back of `amount`: latest-expiring first, each at most what it has used. */
export function planEntryRefund(entries: CreditEntry[], amount: string, at: number): Allocation[] {
  let left = new Decimal(amount);
  const back: Allocation[] = [];
  for (const entry of giveBackOrder(entries, at)) {
    if (left.lte(0)) {
      break;
    }
    const take = Decimal.min(left, entry.used);
    back.push({ entryId: entry.id, amount: take.toFixed() });
    left = left.minus(take);
  }
  return back;
}

/** The consumption order (ledger-math.ts) reversed, over live entries that have used something. */
function giveBackOrder(entries: CreditEntry[], at: number): CreditEntry[] {
  return entries
    .filter((e) => isLive(e, at) && new Decimal(e.used).gt(0))
    .sort(
      (a, b) =>
        (b.effectiveUntil ?? Infinity) - (a.effectiveUntil ?? Infinity) ||
        b.effectiveFrom - a.effectiveFrom ||
        b.createdAt - a.createdAt ||
        (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
}
