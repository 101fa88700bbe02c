import { nonNegativeDecimalSchema } from '../../../shared/event/event-wire';
import { roundMoney } from '../../../shared/pricing/currency';
import { priceUsage, type SlabCharge } from '../../../shared/pricing/price';
import type { UsageRateCard } from '../../../shared/pricing/rate-card';

export type PriceQuote =
  | { ok: true; usage: string; exactAmount: string; amount: string; slabs: SlabCharge[] }
  | { ok: false; field: string; message: string };

/**
 * The plan page's calculator: what `usage` units cost under a rate card, with the slabs that make
 * it up. It calls the very functions a statement line is built with (priceUsage, then roundMoney
 * once, half to even), so what it shows is what the account is charged — no second pricing.
 */
export function quotePrice(card: UsageRateCard, usageText: string, currency: string): PriceQuote {
  const parsed = nonNegativeDecimalSchema.safeParse(usageText.trim());
  if (!parsed.success) {
    return { ok: false, field: 'usage', message: parsed.error.issues[0]?.message ?? 'is not a decimal number' };
  }
  const priced = priceUsage(card, parsed.data);
  return {
    ok: true,
    usage: parsed.data,
    exactAmount: priced.amount.toFixed(),
    amount: roundMoney(priced.amount, currency),
    slabs: priced.charges,
  };
}
