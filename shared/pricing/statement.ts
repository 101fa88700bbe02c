import { Decimal } from '../decimal/decimal';
import { roundMoney } from './currency';
import { priceUsage, type SlabCharge } from './price';
import type { Cycle } from './pricing-cycle';
import type { RatingAssociation } from './rate-usage';

/** An association that was in force during the cycle, with the usage it rated in it, by meter. */
export interface StatementPart {
  association: RatingAssociation;
  usage: Map<string, string>;
}

export interface StatementLine {
  usageMeterId: string;
  pricingModel: string;
  usage: string;
  slabs: SlabCharge[];
  /** Exact. */
  exactAmount: string;
  /** Rounded half to even to the currency's minor unit: what the statement charges. */
  amount: string;
}

export interface Statement {
  accountId: string;
  cycleStart: string;
  cycleEnd: string;
  status: 'OPEN' | 'FINAL';
  plans: {
    pricePlanId: string;
    pricePlanVersion: number;
    associationId: string;
    effectiveFrom: string;
    effectiveUntil?: string;
    currency: string;
    usageLines: StatementLine[];
    fixedFees: { name: string; amount: string }[];
    subtotal: string;
  }[];
  totals: { currency: string; amount: string }[];
}

const DAY = 86_400_000;

/**
 * A cycle's invoice preview (docs/design.md §9): for each plan in force during the cycle, a line per
 * usage rate card — usage, the slabs that priced it, the amount — and its fixed fees, charged in
 * full (no proration); totals per currency. Every line is rounded once, half to even, to the
 * currency's minor unit, and the totals are sums of rounded lines, so they add up on paper.
 * A cycle is OPEN until its end plus the plan's grace period, FINAL after.
 */
export function buildStatement(accountId: string, cycle: Cycle, parts: StatementPart[], now: number): Statement {
  const totals = new Map<string, Decimal>();
  const plans = parts.map(({ association, usage }) => {
    const { definition } = association;
    const currency = definition.currency;
    const usageLines = definition.usageRateCards.map((card): StatementLine => {
      const quantity = usage.get(card.usageMeterId) ?? '0';
      const priced = priceUsage(card, quantity);
      return {
        usageMeterId: card.usageMeterId,
        pricingModel: card.pricingModel,
        usage: new Decimal(quantity).toFixed(),
        slabs: priced.charges,
        exactAmount: priced.amount.toFixed(),
        amount: roundMoney(priced.amount, currency),
      };
    });
    const fixedFees = definition.fixedFees.map((fee) => ({ name: fee.name, amount: roundMoney(fee.amount, currency) }));
    const subtotal = [...usageLines, ...fixedFees].reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
    totals.set(currency, (totals.get(currency) ?? new Decimal(0)).plus(subtotal));
    return {
      pricePlanId: association.pricePlanId,
      pricePlanVersion: association.pricePlanVersion,
      associationId: association.id,
      effectiveFrom: new Date(association.effectiveFrom).toISOString(),
      ...(association.effectiveUntil !== null
        ? { effectiveUntil: new Date(association.effectiveUntil).toISOString() }
        : {}),
      currency,
      usageLines,
      fixedFees,
      subtotal: roundMoney(subtotal, currency),
    };
  });
  const grace = Math.max(0, ...parts.map((p) => p.association.definition.pricingCycle.gracePeriod));
  return {
    accountId,
    cycleStart: new Date(cycle.start).toISOString(),
    cycleEnd: new Date(cycle.end).toISOString(),
    status: now < cycle.end + grace * DAY ? 'OPEN' : 'FINAL',
    plans,
    totals: [...totals].map(([currency, amount]) => ({ currency, amount: roundMoney(amount, currency) })),
  };
}
