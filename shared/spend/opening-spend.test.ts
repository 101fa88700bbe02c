import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { pricePlanDefinitionSchema } from '../pricing/price-plan';
import { rateCycleUsage, type RatingAssociation } from '../pricing/rate-usage';
import { ratedCycleRevenue, type RatedCycleUsage } from './opening-spend';

const definition = pricePlanDefinitionSchema.parse({
  currency: 'USD',
  pricingCycle: { interval: 'MONTHLY' },
  usageRateCards: [
    {
      usageMeterId: 'um.calls',
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '5', priceType: 'FLAT' },
        { startAfter: '100', rate: '0.02' },
      ],
    },
    {
      usageMeterId: 'um.bytes',
      pricingModel: 'VOLUME',
      slabs: [
        { startAfter: '0', rate: '1' },
        { startAfter: '10', rate: '0.5' },
      ],
    },
  ],
});
const association: RatingAssociation = {
  id: 'pa.1',
  accountId: 'acme',
  pricePlanId: 'pp.1',
  pricePlanVersion: 1,
  effectiveFrom: 0,
  effectiveUntil: null,
  definition,
};
const MAY = { cycleStart: Date.parse('2026-05-01T00:00:00Z'), cycleEnd: Date.parse('2026-06-01T00:00:00Z') };
const row = (meterId: string, quantity: string, over: Partial<RatedCycleUsage> = {}): RatedCycleUsage => ({
  associationId: 'pa.1',
  meterId,
  currency: 'USD',
  quantity,
  ...MAY,
  ...over,
});

describe('a new spend limit’s opening: what the cycle has rated', () => {
  it('is what metering’s per-event deltas add up to, tiers, volume breaks and flat fees included', () => {
    // Metering rates event by event from the usage before each; the opening prices the total once.
    const deltas = (meterId: string, quantities: string[]) => {
      const card = definition.usageRateCards.find((c) => c.usageMeterId === meterId)!;
      const usage = quantities.map((quantity, i) => ({
        eventId: `e${i}`,
        accountId: 'acme',
        meterId,
        timestamp: i,
        quantity,
      }));
      return rateCycleUsage(
        {
          ...MAY,
          associationId: 'pa.1',
          pricePlanId: 'pp.1',
          accountId: 'acme',
          meterId,
          currency: 'USD',
          card,
          usage,
          quantity: '0',
        },
        '0',
      ).reduce((sum, r) => sum.plus(r.revenue), new Decimal(0));
    };
    const expected = deltas('um.calls', ['60', '70', '3']).plus(deltas('um.bytes', ['4', '9']));
    expect(expected.toFixed()).toBe('12.16'); // 5 + 33 × 0.02, and 13 × 0.5
    expect(ratedCycleRevenue([row('um.calls', '133'), row('um.bytes', '13')], [association])).toEqual([
      { currency: 'USD', ...MAY, amount: expected.toFixed() },
    ]);
  });

  it('is kept per cycle and currency, and leaves out usage no card prices', () => {
    const june = { cycleStart: MAY.cycleEnd, cycleEnd: Date.parse('2026-07-01T00:00:00Z') };
    expect(
      ratedCycleRevenue(
        [
          row('um.bytes', '2'),
          row('um.bytes', '4', june),
          row('um.unpriced', '1000'),
          row('um.bytes', '1000', { associationId: 'pa.gone' }),
        ],
        [association],
      ),
    ).toEqual([
      { currency: 'USD', ...MAY, amount: '2' },
      { currency: 'USD', ...june, amount: '4' },
    ]);
  });
});
