import DecimalJs from 'decimal.js';
import { Decimal } from '../decimal/decimal';
import type { Slab, UsageRateCard } from './rate-card';

/** Enough digits for any quotient of two values of at most 512 digits each side of the point. */
const Division = DecimalJs.clone({ precision: 1100 });

/** What one slab contributed to a price: the units it priced and their amount. */
export interface SlabCharge {
  slab: number;
  startAfter: string;
  units: string;
  rate: string;
  priceType: Slab['priceType'];
  amount: string;
}

/**
 * The exact price of `usage` units under a rate card, with the slabs that make it up. Never
 * rounded: rounding to the currency's minor unit happens once, on a statement line.
 */
export function priceUsage(card: UsageRateCard, usage: string | Decimal): { amount: Decimal; charges: SlabCharge[] } {
  const total = Decimal.max(0, new Decimal(usage));
  const charges = slabCharges(card, total);
  return { amount: charges.reduce((sum, c) => sum.plus(c.amount), new Decimal(0)), charges };
}

export function price(card: UsageRateCard, usage: string | Decimal): Decimal {
  return priceUsage(card, usage).amount;
}

/**
 * The revenue one event causes (docs/design.md §9): the price of the cycle's usage after it, less the
 * price before it. Volume pricing can make it negative; over a cycle the deltas always add up to
 * the price of the cycle's total, whatever order the events are rated in.
 */
export function revenueDelta(card: UsageRateCard, before: string | Decimal, after: string | Decimal): Decimal {
  return price(card, after).minus(price(card, before));
}

function slabCharges(card: UsageRateCard, usage: Decimal): SlabCharge[] {
  if (card.pricingModel === 'PACKAGE') {
    const slab = card.slabs[0]!;
    const packages = startedPackages(usage, new Decimal(card.packageSize!));
    return [charge(0, slab, packages, packages.times(slab.rate))];
  }
  if (card.pricingModel === 'VOLUME') {
    const reached = lastIndexReached(card.slabs, usage);
    if (reached < 0) {
      return [];
    }
    const slab = card.slabs[reached]!;
    return [charge(reached, slab, usage, slab.priceType === 'FLAT' ? new Decimal(slab.rate) : usage.times(slab.rate))];
  }
  // TIERED: each slab prices the units between its start and the next slab's.
  const charges: SlabCharge[] = [];
  card.slabs.forEach((slab, i) => {
    const start = new Decimal(slab.startAfter);
    if (!usage.gt(start)) {
      return;
    }
    const next = card.slabs[i + 1];
    const end = next ? Decimal.min(usage, next.startAfter) : usage;
    const units = end.minus(start);
    charges.push(charge(i, slab, units, slab.priceType === 'FLAT' ? new Decimal(slab.rate) : units.times(slab.rate)));
  });
  return charges;
}

/** How many packages of `size` units `usage` starts: exact, whatever the digits. */
function startedPackages(usage: Decimal, size: Decimal): Decimal {
  // Division needs a finite precision (1/3 has no end); the quotient is only truncated, then checked.
  const whole = new Decimal(
    new Division(usage.toFixed()).div(size.toFixed()).toDecimalPlaces(0, Division.ROUND_DOWN).toFixed(),
  );
  return whole.times(size).lt(usage) ? whole.plus(1) : whole;
}

/** The last slab whose start the usage has passed; −1 when usage is 0. */
function lastIndexReached(slabs: Slab[], usage: Decimal): number {
  let reached = -1;
  slabs.forEach((slab, i) => {
    if (usage.gt(slab.startAfter)) {
      reached = i;
    }
  });
  return reached;
}

function charge(index: number, slab: Slab, units: Decimal, amount: Decimal): SlabCharge {
  return {
    slab: index,
    startAfter: slab.startAfter,
    units: units.toFixed(),
    rate: slab.rate,
    priceType: slab.priceType,
    amount: amount.toFixed(),
  };
}
