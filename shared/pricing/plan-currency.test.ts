import { describe, expect, it } from 'vitest';
import { planCurrencyIssues, pricePlanInCurrency, ratingCurrency } from './plan-currency';
import { pricePlanDefinitionSchema } from './price-plan';
import { price } from './price';

const twoCurrencies = pricePlanDefinitionSchema.parse({
  currency: 'USD',
  supportedCurrencies: ['USD', 'EUR'],
  pricingCycle: { interval: 'MONTHLY' },
  usageRateCards: [
    {
      usageMeterId: 'um.calls',
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '0.10', currencyRates: { EUR: '0.09' } },
        { startAfter: '100', rate: '0.05', currencyRates: { EUR: '0.045' } },
      ],
    },
  ],
  fixedFees: [{ name: 'platform', amount: '25', currencyAmounts: { EUR: '23' } }],
});

describe('ratingCurrency', () => {
  it.each([
    ['EUR', 'EUR'],
    ['USD', 'USD'],
    [null, 'USD'],
    [undefined, 'USD'],
    ['GBP', 'USD'],
  ])('an account invoiced in %s is rated in %s', (invoiceCurrency, expected) => {
    expect(ratingCurrency(twoCurrencies, invoiceCurrency)).toBe(expected);
  });

  it('a single-currency plan rates everyone in its currency', () => {
    expect(ratingCurrency({ currency: 'JPY' }, 'EUR')).toBe('JPY');
  });
});

describe('pricePlanInCurrency', () => {
  it("prices usage and fees with the currency's own rates", () => {
    const eur = pricePlanInCurrency(twoCurrencies, 'EUR');
    expect(eur.currency).toBe('EUR');
    expect(eur.usageRateCards[0]!.slabs.map((s) => s.rate)).toEqual(['0.09', '0.045']);
    expect(eur.fixedFees[0]!.amount).toBe('23');
    // 100 × 0.09 + 50 × 0.045, graduated
    expect(price(eur.usageRateCards[0]!, '150').toFixed()).toBe('11.25');
    expect(price(pricePlanInCurrency(twoCurrencies, 'USD').usageRateCards[0]!, '150').toFixed()).toBe('12.5');
  });

  it('refuses a currency the plan does not price in', () => {
    expect(() => pricePlanInCurrency(twoCurrencies, 'GBP')).toThrow(/does not price in GBP/);
  });
});

describe('planCurrencyIssues', () => {
  it('finds nothing wrong with a complete plan', () => {
    expect(planCurrencyIssues(twoCurrencies)).toEqual([]);
  });

  it('names each slab and fee missing a rate, and rates in unsupported currencies', () => {
    const plan = pricePlanDefinitionSchema.parse({
      ...twoCurrencies,
      supportedCurrencies: ['USD', 'EUR', 'GBP'],
      fixedFees: [{ name: 'platform', amount: '25', currencyAmounts: { EUR: '23', JPY: '3000' } }],
    });
    expect(planCurrencyIssues(plan)).toEqual([
      {
        path: 'usageRateCards.0.slabs.0.currencyRates',
        message: "has no rate in GBP, one of the plan's supportedCurrencies",
      },
      {
        path: 'usageRateCards.0.slabs.1.currencyRates',
        message: "has no rate in GBP, one of the plan's supportedCurrencies",
      },
      { path: 'fixedFees.0.currencyAmounts', message: "has no rate in GBP, one of the plan's supportedCurrencies" },
      {
        path: 'fixedFees.0.currencyAmounts.JPY',
        message: "JPY is not one of the plan's other supportedCurrencies (EUR, GBP)",
      },
    ]);
  });

  it('wants `currency` first and each currency once', () => {
    const plan = pricePlanDefinitionSchema.parse({ ...twoCurrencies, supportedCurrencies: ['EUR', 'USD', 'EUR'] });
    expect(planCurrencyIssues(plan).map((i) => i.path)).toContain('supportedCurrencies.0');
    expect(planCurrencyIssues(plan).map((i) => i.path)).toContain('supportedCurrencies.2');
  });
});
