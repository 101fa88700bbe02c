import { describe, expect, it } from 'vitest';
import { pricePlanDefinitionSchema } from './price-plan';
import { cycleGrants } from './cycle-grants';
import type { RatingAssociation } from './rate-usage';

const at = (s: string) => Date.parse(s);

function association(from: string, until: string | null): RatingAssociation {
  return {
    id: 'pa.1', accountId: 'acme', pricePlanId: 'pp.1', pricePlanVersion: 1, effectiveFrom: at(from), effectiveUntil: until ? at(until) : null,
    definition: pricePlanDefinitionSchema.parse({
      currency: 'USD', pricingCycle: { interval: 'MONTHLY' },
      entitlementRateCards: [{ featureId: 'feat.calls', granted: '10000' }],
    }),
  };
}

describe('cycleGrants', () => {
  it('grants the current and the next cycle, each expiring at its end, under stable ids', () => {
    expect(cycleGrants(association('2026-01-01T00:00:00Z', null), at('2026-03-20T00:00:00Z'))).toEqual([
      { featureId: 'feat.calls', id: 'pa.1#2026-03-01T00:00:00.000Z$PRICE_PLAN', granted: '10000', effectiveFrom: '2026-03-01T00:00:00.000Z', effectiveUntil: '2026-04-01T00:00:00.000Z', source: 'PRICE_PLAN' },
      { featureId: 'feat.calls', id: 'pa.1#2026-04-01T00:00:00.000Z$PRICE_PLAN', granted: '10000', effectiveFrom: '2026-04-01T00:00:00.000Z', effectiveUntil: '2026-05-01T00:00:00.000Z', source: 'PRICE_PLAN' },
    ]);
  });

  it("cuts the grants to the association's period", () => {
    const grants = cycleGrants(association('2026-03-10T12:00:00Z', '2026-04-05T00:00:00Z'), at('2026-03-10T12:00:00Z'));
    expect(grants.map((g) => [g.effectiveFrom, g.effectiveUntil])).toEqual([
      ['2026-03-10T12:00:00.000Z', '2026-04-01T00:00:00.000Z'],
      ['2026-04-01T00:00:00.000Z', '2026-04-05T00:00:00.000Z'],
    ]);
    expect(cycleGrants(association('2026-03-10T12:00:00Z', '2026-03-20T00:00:00Z'), at('2026-03-12T00:00:00Z'))).toHaveLength(1);
  });
});
