import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { nextPlanStatus, revisePricePlan, type PlanAction, type PlanStatus } from './plan-lifecycle';
import type { PricePlan } from './price-plan';

const plan = (status: PlanStatus): PricePlan => ({
  id: 'pp.1',
  name: 'standard',
  status,
  version: 3,
  currency: 'USD',
  pricingCycle: {
    interval: 'MONTHLY',
    startOffset: { dayOffset: 1, monthOffset: 1 },
    anniversaryCycle: false,
    gracePeriod: 0,
  },
  usageRateCards: [
    {
      usageMeterId: 'um.calls',
      pricingModel: 'TIERED',
      slabs: [{ startAfter: '0', rate: '0.01', priceType: 'PER_UNIT' }],
    },
  ],
  fixedFees: [{ name: 'platform', amount: '10' }],
  entitlementRateCards: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('price plan lifecycle', () => {
  it.each<[PlanStatus, PlanAction, PlanStatus]>([
    ['DRAFT', 'activate', 'ACTIVE'],
    ['ACTIVE', 'activate', 'ACTIVE'],
    ['ACTIVE', 'archive', 'ARCHIVED'],
    ['ARCHIVED', 'archive', 'ARCHIVED'],
  ])('%s, %s → %s (repeats are no-ops)', (from, action, to) => {
    expect(nextPlanStatus('pp.1', from, action)).toBe(to);
  });

  it.each<[PlanStatus, PlanAction, RegExp]>([
    ['DRAFT', 'archive', /is DRAFT; only ACTIVE plans can be archived/],
    ['ARCHIVED', 'activate', /is ARCHIVED; only DRAFT plans can be activated/],
  ])('refuses %s, %s with a 409', (from, action, message) => {
    expect(() => nextPlanStatus('pp.1', from, action)).toThrow(
      expect.objectContaining({
        status: 409,
        code: 'invalid_lifecycle_transition',
        message: expect.stringMatching(message),
      }),
    );
  });
});

describe('revising a price plan', () => {
  const newRates = {
    usageRateCards: [
      {
        usageMeterId: 'um.calls',
        pricingModel: 'TIERED' as const,
        slabs: [{ startAfter: '0', rate: '0.02', priceType: 'PER_UNIT' as const }],
      },
    ],
  };

  it('edits a DRAFT in place, whatever changes', () => {
    expect(revisePricePlan(plan('DRAFT'), newRates)).toMatchObject({
      changed: true,
      newVersion: false,
      definition: { ...newRates, fixedFees: plan('DRAFT').fixedFees },
    });
  });

  it('publishes a new version of an ACTIVE plan when its rates change, keeping the fields not given', () => {
    const revised = revisePricePlan(plan('ACTIVE'), { ...newRates, name: 'renamed' });
    expect(revised).toMatchObject({ changed: true, newVersion: true });
    expect(revised.definition).toEqual({
      ...newRates,
      currency: 'USD',
      pricingCycle: plan('ACTIVE').pricingCycle,
      fixedFees: plan('ACTIVE').fixedFees,
      entitlementRateCards: [],
    });
  });

  it.each([
    ['a new name or description', { name: 'renamed', description: 'words' }],
    [
      'the definition sent back as read, in another key order',
      { fixedFees: [{ amount: '10', name: 'platform' }], currency: 'USD' },
    ],
    ['nothing', {}],
  ])('makes no version of %s', (_, patch) => {
    expect(revisePricePlan(plan('ACTIVE'), patch)).toMatchObject({
      changed: false,
      newVersion: false,
      definition: { usageRateCards: plan('ACTIVE').usageRateCards },
    });
  });

  it('refuses any change to an ARCHIVED plan', () => {
    expect(() => revisePricePlan(plan('ARCHIVED'), { name: 'x' })).toThrow(AppError);
    expect(() => revisePricePlan(plan('ARCHIVED'), { name: 'x' })).toThrow(
      expect.objectContaining({ status: 409, code: 'price_plan_archived' }),
    );
  });
});
