import { Decimal } from '../decimal/decimal';
import {
  creditSources,
  untilIso,
  type CreditEntry,
  type CreditEntryView,
  type CreditSource,
  type FeatureAccount,
} from './credit-entry';

/**
 * The arithmetic of credits, with no storage: the AccountLedger object reads entries, asks these
 * functions what to change, and writes the answer in one synchronous transaction.
 *
 * - An entry is live at `at` when ACTIVE and effectiveFrom ≤ at < effectiveUntil. A checked debit
 *   asks at the moment of the decision; a forced one at the event's timestamp.
 * - A debit consumes live entries oldest-expiring first (never-expiring last), then overage.
 * - A checked debit (POST /entitled) is all or nothing: refused when the live entries plus the
 *   overage still allowed cannot cover it. A forced debit (usage that already happened, metered
 *   by the rater) always goes through; what the entries cannot cover becomes overage, even past
 *   the limit, because the usage is a fact.
 * - Unsettled overage is paid first from credits live now, so a top-up after an overage shows
 *   the net balance and the overage allowance comes back.
 */
export interface Allocation {
  entryId: string;
  amount: string;
}

export interface DebitPlan {
  allocations: Allocation[];
  /** The part no entry covered. */
  overage: string;
}

export type DenialReason = 'NO_GRANT' | 'INSUFFICIENT_CREDITS';
export type CheckedPlan = ({ ok: true } & DebitPlan) | { ok: false; reason: DenialReason; available: string };

export function isLive(entry: CreditEntry, at: number): boolean {
  return (
    entry.status === 'ACTIVE' &&
    entry.effectiveFrom <= at &&
    (entry.effectiveUntil === null || at < entry.effectiveUntil)
  );
}

export function remaining(entry: CreditEntry): Decimal {
  return Decimal.max(0, new Decimal(entry.granted).minus(entry.used));
}

/** Live entries with something left, in the order they are consumed. */
export function consumptionOrder(entries: CreditEntry[], at: number): CreditEntry[] {
  return entries
    .filter((e) => isLive(e, at) && remaining(e).gt(0))
    .sort(
      (a, b) =>
        (a.effectiveUntil ?? Infinity) - (b.effectiveUntil ?? Infinity) ||
        a.effectiveFrom - b.effectiveFrom ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** What may still be consumed at `at`: live credits plus the overage allowance left. */
export function available(entries: CreditEntry[], account: FeatureAccount, at: number): Decimal {
  const credits = sum(consumptionOrder(entries, at).map(remaining));
  return credits.plus(overageAllowance(account));
}

export function planChecked(entries: CreditEntry[], account: FeatureAccount, amount: string, at: number): CheckedPlan {
  const hasGrant = entries.some((e) => isLive(e, at)) || account.overageLimit !== null;
  if (!hasGrant) {
    return { ok: false, reason: 'NO_GRANT', available: '0' };
  }
  const left = available(entries, account, at);
  if (left.lt(amount)) {
    return { ok: false, reason: 'INSUFFICIENT_CREDITS', available: left.toFixed() };
  }
  return { ok: true, ...allocate(entries, amount, at) };
}

export function planForced(entries: CreditEntry[], amount: string, at: number): DebitPlan {
  return allocate(entries, amount, at);
}

/** The credits live at `at` that settle unsettled overage; empty when there is none. */
export function planSettlement(entries: CreditEntry[], account: FeatureAccount, at: number): DebitPlan {
  if (!new Decimal(account.usedOverage).gt(0)) {
    return { allocations: [], overage: '0' };
  }
  const { allocations, overage } = allocate(entries, account.usedOverage, at);
  // What stays uncovered is still owed: the settlement covers usedOverage − overage.
  return { allocations, overage };
}

function allocate(entries: CreditEntry[], amount: string, at: number): DebitPlan {
  let left = new Decimal(amount);
  const allocations: Allocation[] = [];
  for (const entry of consumptionOrder(entries, at)) {
    if (left.lte(0)) {
      break;
    }
    const take = Decimal.min(left, remaining(entry));
    allocations.push({ entryId: entry.id, amount: take.toFixed() });
    left = left.minus(take);
  }
  return { allocations, overage: Decimal.max(0, left).toFixed() };
}

function overageAllowance(account: FeatureAccount): Decimal {
  if (account.overageLimit === null) {
    return new Decimal(0);
  }
  return Decimal.max(0, new Decimal(account.overageLimit).minus(account.usedOverage));
}

/** Togai's GetFeatureCreditsResponse figures at `at`. */
export function featureBalance(entries: CreditEntry[], account: FeatureAccount, at: number) {
  const live = entries.filter((e) => isLive(e, at));
  return {
    granted: sum(live.map((e) => new Decimal(e.granted))).toFixed(),
    balance: sum(live.map(remaining)).minus(account.usedOverage).toFixed(),
    ...(account.overageLimit !== null ? { overageLimit: account.overageLimit } : {}),
    usedOverage: new Decimal(account.usedOverage).toFixed(),
  };
}

/**
 * Togai's statuses have no "not yet effective": such an entry is ACTIVE (its effectiveFrom says
 * when it starts), with all that is left of it as its balance.
 */
export function entryView(entry: CreditEntry, at: number): CreditEntryView {
  const status =
    entry.status === 'VOIDED'
      ? 'VOIDED'
      : entry.effectiveUntil !== null && at >= entry.effectiveUntil
        ? 'EXPIRED'
        : 'ACTIVE';
  return {
    id: entry.id,
    featureId: entry.featureId,
    source: viewSource(entry.source),
    status,
    effectiveFrom: new Date(entry.effectiveFrom).toISOString(),
    effectiveUntil: untilIso(entry.effectiveUntil),
    granted: new Decimal(entry.granted).toFixed(),
    used: new Decimal(entry.used).toFixed(),
    balance: status === 'ACTIVE' ? remaining(entry).toFixed() : '0',
  };
}

/** Entries granted before sources were Togai's (free text, 'API' by default) were API grants. */
function viewSource(source: string): CreditSource {
  return (creditSources as readonly string[]).includes(source) ? (source as CreditSource) : 'ENTITLEMENT';
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce((total, v) => total.plus(v), new Decimal(0));
}
