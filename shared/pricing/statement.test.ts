import { describe, expect, it } from 'vitest';
import { pricePlanDefinitionSchema } from './price-plan';
import type { RatingAssociation } from './rate-usage';
import { buildStatement } from './statement';

const at = (s: string) => Date.parse(s);
const march = { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') };

function association(
  id: string,
  definition: unknown,
  from = '2026-01-01T00:00:00Z',
  until: string | null = null,
): RatingAssociation {
  return {
    id,
    accountId: 'acme',
    pricePlanId: `pp.${id}`,
    pricePlanVersion: 1,
    effectiveFrom: at(from),
    effectiveUntil: until ? at(until) : null,
    definition: pricePlanDefinitionSchema.parse(definition),
  };
}

const stripe = {
  currency: 'USD',
  pricingCycle: { interval: 'MONTHLY', gracePeriod: 3 },
  usageRateCards: [
    { usageMeterId: 'um.amount', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.029' }] },
    { usageMeterId: 'um.charges', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.30' }] },
  ],
  fixedFees: [{ name: 'Platform fee', amount: '25' }],
};

describe('buildStatement', () => {
  it("prices Stripe's 2.9% + 30¢ with a fixed fee, rounding each line half to even", () => {
    const usage = new Map([
      ['um.amount', '135.50'],
      ['um.charges', '3'],
    ]);
    const statement = buildStatement(
      'acme',
      march,
      [{ association: association('a', stripe), usage }],
      at('2026-03-20T00:00:00Z'),
    );
    expect(statement).toMatchObject({
      accountId: 'acme',
      cycleStart: '2026-03-01T00:00:00.000Z',
      cycleEnd: '2026-04-01T00:00:00.000Z',
      status: 'OPEN',
      totals: [{ currency: 'USD', amount: '29.83' }],
    });
    expect(statement.plans[0]!.usageLines.map((l) => [l.usageMeterId, l.usage, l.exactAmount, l.amount])).toEqual([
      ['um.amount', '135.5', '3.9295', '3.93'],
      ['um.charges', '3', '0.9', '0.90'],
    ]);
    expect(statement.plans[0]).toMatchObject({
      fixedFees: [{ name: 'Platform fee', amount: '25.00' }],
      subtotal: '29.83',
    });
  });

  it('shows a line with zero usage, and turns FINAL after the grace period', () => {
    const statement = buildStatement(
      'acme',
      march,
      [{ association: association('a', stripe), usage: new Map() }],
      at('2026-04-04T00:00:00Z'),
    );
    expect(statement.status).toBe('FINAL');
    expect(statement.plans[0]!.usageLines.map((l) => l.amount)).toEqual(['0.00', '0.00']);
    expect(
      buildStatement(
        'acme',
        march,
        [{ association: association('a', stripe), usage: new Map() }],
        at('2026-04-03T23:59:59Z'),
      ).status,
    ).toBe('OPEN');
  });

  it('lists both plans of a cycle with a plan change, each with its own usage', () => {
    const cheaper = {
      ...stripe,
      usageRateCards: [
        { usageMeterId: 'um.charges', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.25' }] },
      ],
      fixedFees: [],
    };
    const statement = buildStatement(
      'acme',
      march,
      [
        {
          association: association('a', stripe, '2026-01-01T00:00:00Z', '2026-03-15T00:00:00Z'),
          usage: new Map([
            ['um.charges', '2'],
            ['um.amount', '10'],
          ]),
        },
        { association: association('b', cheaper, '2026-03-15T00:00:00Z'), usage: new Map([['um.charges', '4']]) },
      ],
      at('2026-03-20T00:00:00Z'),
    );
    expect(statement.plans.map((p) => [p.pricePlanId, p.subtotal])).toEqual([
      ['pp.a', '25.89'],
      ['pp.b', '1.00'],
    ]);
    expect(statement.totals).toEqual([{ currency: 'USD', amount: '26.89' }]);
  });

  it('shows the slab breakdown of a graduated ladder', () => {
    const ladder = {
      currency: 'EUR',
      pricingCycle: { interval: 'MONTHLY' },
      usageRateCards: [
        {
          usageMeterId: 'um.x',
          pricingModel: 'TIERED',
          slabs: [
            { startAfter: '0', rate: '1' },
            { startAfter: '100', rate: '0.5' },
          ],
        },
      ],
    };
    const statement = buildStatement(
      'acme',
      march,
      [{ association: association('a', ladder), usage: new Map([['um.x', '150']]) }],
      at('2026-03-20T00:00:00Z'),
    );
    expect(statement.plans[0]!.usageLines[0]!.slabs.map((s) => [s.units, s.amount])).toEqual([
      ['100', '100'],
      ['50', '25'],
    ]);
    expect(statement.totals).toEqual([{ currency: 'EUR', amount: '125.00' }]);
  });
});
