import { describe, expect, it } from 'vitest';
import { buildStatement } from '../../../shared/pricing/statement';
import type { UsageRateCard } from '../../../shared/pricing/rate-card';
import { quotePrice } from './price-calculator';

const tiered: UsageRateCard = {
  usageMeterId: 'um.amount',
  pricingModel: 'TIERED',
  slabs: [
    { startAfter: '0', rate: '0.029', priceType: 'PER_UNIT' },
    { startAfter: '100', rate: '0.025', priceType: 'PER_UNIT' },
  ],
};

describe('quotePrice', () => {
  it.each([
    ['0', '0', '0.00', []],
    ['100', '2.9', '2.90', [['0', '100', '2.9']]],
    [
      '285.5',
      '7.5375',
      '7.54',
      [
        ['0', '100', '2.9'],
        ['100', '185.5', '4.6375'],
      ],
    ],
  ])('prices %s units slab by slab, rounding once, half to even', (usage, exact, amount, slabs) => {
    const quote = quotePrice(tiered, usage, 'USD');
    expect(quote).toMatchObject({ ok: true, exactAmount: exact, amount });
    expect(quote.ok && quote.slabs.map((s) => [s.startAfter, s.units, s.amount])).toEqual(slabs);
  });

  it('quotes what a statement line charges for the same usage', () => {
    const statement = buildStatement(
      'acme',
      { start: 0, end: 1 },
      [
        {
          association: {
            id: 'a',
            accountId: 'acme',
            pricePlanId: 'p',
            pricePlanVersion: 1,
            effectiveFrom: 0,
            effectiveUntil: null,
            definition: {
              currency: 'JPY',
              pricingCycle: {
                interval: 'MONTHLY',
                startOffset: { dayOffset: 1, monthOffset: 1 },
                anniversaryCycle: false,
                gracePeriod: 0,
              },
              usageRateCards: [tiered],
              fixedFees: [],
              entitlementRateCards: [],
            },
          },
          usage: new Map([['um.amount', '1234.5']]),
        },
      ],
      0,
    );
    const line = statement.plans[0]!.usageLines[0]!;
    expect(quotePrice(tiered, '1234.5', 'JPY')).toEqual({
      ok: true,
      usage: '1234.5',
      exactAmount: line.exactAmount,
      amount: line.amount,
      slabs: line.slabs,
    });
  });

  it.each(['', 'ten', '-5', '1e3'])('refuses %j, naming the usage field', (usage) => {
    expect(quotePrice(tiered, usage, 'USD')).toMatchObject({ ok: false, field: 'usage' });
  });
});
