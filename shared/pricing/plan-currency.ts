import type { FieldIssue } from '../errors/app-error';
import type { PricePlanDefinition } from './price-plan';

/**
 * A plan priced in several currencies (Togai's supportedCurrencies): `currency` is the first, the
 * one each slab's `rate` and each fee's `amount` are in; every other supported currency has its
 * own rate beside it (`currencyRates`, `currencyAmounts`). An account is rated in one of them.
 */
export function currenciesOf(definition: Pick<PricePlanDefinition, 'currency' | 'supportedCurrencies'>): string[] {
  return definition.supportedCurrencies ?? [definition.currency];
}

/**
 * The currency an account is rated in under this plan: its invoice currency (Togai's
 * Account.invoiceCurrency) when the plan supports it, otherwise the plan's first currency — what
 * Togai does for an account without one ("defaults to base currency").
 */
export function ratingCurrency(
  definition: Pick<PricePlanDefinition, 'currency' | 'supportedCurrencies'>,
  invoiceCurrency: string | null | undefined,
): string {
  return invoiceCurrency && currenciesOf(definition).includes(invoiceCurrency) ? invoiceCurrency : definition.currency;
}

/**
 * The plan as one currency sees it: every rate and fee in `currency`, which becomes `currency`. The
 * rating code prices only `rate` and `amount`, so handing it this view is all it takes to rate an
 * account in its own currency. A currency the plan does not price in is refused (a definition
 * that passed planCurrencyIssues has every rate).
 */
export function pricePlanInCurrency(definition: PricePlanDefinition, currency: string): PricePlanDefinition {
  if (currency === definition.currency) {
    return definition;
  }
  if (!currenciesOf(definition).includes(currency)) {
    throw new Error(`the plan does not price in ${currency}`);
  }
  const rateIn = (rates: Record<string, string> | undefined, what: string) => {
    const rate = rates?.[currency];
    if (rate === undefined) {
      throw new Error(`${what} has no rate in ${currency}`);
    }
    return rate;
  };
  return {
    ...definition,
    currency,
    usageRateCards: definition.usageRateCards.map((card) => ({
      ...card,
      slabs: card.slabs.map((slab, i) => ({
        ...slab,
        rate: rateIn(slab.currencyRates, `rate card ${card.usageMeterId}, slab ${i}`),
      })),
    })),
    fixedFees: definition.fixedFees.map((fee) => ({
      ...fee,
      amount: rateIn(fee.currencyAmounts, `fixed fee ${fee.name}`),
    })),
  };
}

/**
 * What stops a definition from pricing in each of its currencies: a slab or fee without a rate in
 * one of them, a rate in a currency the plan does not support, a currency listed twice, or a
 * `currency` that is not the first supported one.
 */
export function planCurrencyIssues(definition: PricePlanDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const currencies = currenciesOf(definition);
  const others = currencies.slice(1);
  if (currencies[0] !== definition.currency) {
    issues.push({ path: 'supportedCurrencies.0', message: `must be the plan's currency, ${definition.currency}` });
  }
  currencies.forEach((c, i) => {
    if (currencies.indexOf(c) !== i) {
      issues.push({ path: `supportedCurrencies.${i}`, message: `${c} is listed twice` });
    }
  });
  const check = (rates: Record<string, string> | undefined, path: string) => {
    for (const c of others) {
      if (rates?.[c] === undefined) {
        issues.push({ path, message: `has no rate in ${c}, one of the plan's supportedCurrencies` });
      }
    }
    for (const c of Object.keys(rates ?? {})) {
      if (!others.includes(c)) {
        issues.push({
          path: `${path}.${c}`,
          message: `${c} is not one of the plan's other supportedCurrencies (${others.join(', ') || 'none'})`,
        });
      }
    }
  };
  definition.usageRateCards.forEach((card, i) =>
    card.slabs.forEach((slab, j) => check(slab.currencyRates, `usageRateCards.${i}.slabs.${j}.currencyRates`)),
  );
  definition.fixedFees.forEach((fee, i) => check(fee.currencyAmounts, `fixedFees.${i}.currencyAmounts`));
  return issues;
}
