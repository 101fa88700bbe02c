import { describe, expect, it } from 'vitest';
import { pricePlanDefinitionSchema } from './price-plan';
import { cycleGrants } from './cycle-grants';
import { planGrantId } from './plan-grant-id';
import type { RatingAssociation } from './rate-usage';

const at = (s: string) => Date.parse(s);

function association(from: string, until: string | null, features = ['feat.calls']): RatingAssociation {
  return {
    id: 'pa.1',
    accountId: 'acme',
    pricePlanId: 'pp.1',
    pricePlanVersion: 1,
    effectiveFrom: at(from),
    effectiveUntil: until ? at(until) : null,
    definition: pricePlanDefinitionSchema.parse({
      currency: 'USD',
      pricingCycle: { interval: 'MONTHLY' },
      entitlementRateCards: features.map((featureId) => ({ featureId, granted: '10000' })),
    }),
  };
}

describe('cycleGrants', () => {
  it('grants the current and the next cycle, each expiring at its end, under stable ids', () => {
    expect(cycleGrants(association('2026-01-01T00:00:00Z', null), at('2026-03-20T00:00:00Z'))).toEqual([
      {
        featureId: 'feat.calls',
        id: planGrantId('pa.1', Date.parse('2026-03-01T00:00:00.000Z'), 'feat.calls'),
        granted: '10000',
        effectiveFrom: '2026-03-01T00:00:00.000Z',
        effectiveUntil: '2026-04-01T00:00:00.000Z',
        source: 'PRICE_PLAN',
      },
      {
        featureId: 'feat.calls',
        id: planGrantId('pa.1', Date.parse('2026-04-01T00:00:00.000Z'), 'feat.calls'),
        granted: '10000',
        effectiveFrom: '2026-04-01T00:00:00.000Z',
        effectiveUntil: '2026-05-01T00:00:00.000Z',
        source: 'PRICE_PLAN',
      },
    ]);
  });

  it('gives each feature of a plan an entry of its own', () => {
    const grants = cycleGrants(
      association('2026-01-01T00:00:00Z', null, ['feat.calls', 'feat.seats']),
      at('2026-03-20T00:00:00Z'),
    );
    expect(new Set(grants.map((g) => g.id)).size).toBe(4);
  });

  it('grants the last cycle of an ended association, cut at its end, and nothing after it', () => {
    const grants = cycleGrants(association('2026-01-01T00:00:00Z', '2026-03-15T00:00:00Z'), at('2026-04-20T00:00:00Z'));
    expect(grants.map((g) => [g.effectiveFrom, g.effectiveUntil])).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-15T00:00:00.000Z'],
    ]);
  });

  it("cuts the grants to the association's period", () => {
    const grants = cycleGrants(association('2026-03-10T12:00:00Z', '2026-04-05T00:00:00Z'), at('2026-03-10T12:00:00Z'));
    expect(grants.map((g) => [g.effectiveFrom, g.effectiveUntil])).toEqual([
      ['2026-03-10T12:00:00.000Z', '2026-04-01T00:00:00.000Z'],
      ['2026-04-01T00:00:00.000Z', '2026-04-05T00:00:00.000Z'],
    ]);
    expect(
      cycleGrants(association('2026-03-10T12:00:00Z', '2026-03-20T00:00:00Z'), at('2026-03-12T00:00:00Z')),
    ).toHaveLength(1);
  });
});
