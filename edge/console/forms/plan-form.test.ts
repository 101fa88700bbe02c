import { describe, expect, it } from 'vitest';
import { createPricePlanRequest, pricePlanSchema, type PricePlan } from '../../../shared/pricing/price-plan';
import { formHoldsPlan, planFields, planFormShape, planRequest } from './plan-form';

const plan: PricePlan = pricePlanSchema.parse({
  id: 'pp.1',
  name: 'cards',
  status: 'ACTIVE',
  version: 2,
  createdAt: 'x',
  updatedAt: 'x',
  currency: 'USD',
  pricingCycle: { interval: 'MONTHLY', startOffset: { dayOffset: 'LAST', monthOffset: 1 }, gracePeriod: 3 },
  usageRateCards: [
    {
      usageMeterId: 'um.amount',
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '0.029' },
        { startAfter: '100', rate: '0.025' },
      ],
    },
    {
      usageMeterId: 'um.count',
      pricingModel: 'PACKAGE',
      packageSize: '10',
      slabs: [{ startAfter: '0', rate: '5', priceType: 'FLAT' }],
    },
  ],
  fixedFees: [{ name: 'Platform fee', amount: '25' }],
});

describe('planRequest', () => {
  it("gives back a plan's rates from its own fields: what the edit form saves unchanged is the plan", () => {
    const body = planRequest(planFields(plan));
    expect(body).toEqual({
      name: 'cards',
      currency: 'USD',
      pricingCycle: {
        interval: 'MONTHLY',
        startOffset: { dayOffset: 'LAST', monthOffset: 1 },
        anniversaryCycle: false,
        gracePeriod: 3,
      },
      usageRateCards: plan.usageRateCards,
      fixedFees: plan.fixedFees,
    });
    expect(createPricePlanRequest.safeParse(body).success).toBe(true);
  });

  it('drops blank rows, and keeps a half-filled slab so the API names what is missing', () => {
    const body = planRequest({
      name: 'p',
      currency: 'EUR',
      interval: 'MONTHLY',
      dayOffset: '5',
      cardMeter: ['', 'um.count', ''],
      cardModel: ['TIERED', 'VOLUME', 'TIERED'],
      cardPackageSize: ['', '', ''],
      card1StartAfter: ['0', '', '10'],
      card1Rate: ['1', '', ''],
      card1PriceType: ['PER_UNIT', 'PER_UNIT', 'FLAT'],
      feeName: ['', ''],
      feeAmount: ['', ''],
    });
    expect(body.usageRateCards).toEqual([
      {
        usageMeterId: 'um.count',
        pricingModel: 'VOLUME',
        slabs: [
          { startAfter: '0', rate: '1', priceType: 'PER_UNIT' },
          { startAfter: '10', rate: '', priceType: 'FLAT' },
        ],
      },
    ]);
    expect(body.fixedFees).toEqual([]);
    expect(createPricePlanRequest.safeParse(body).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'usageRateCards.0.slabs.1.rate',
    ]);
  });
});

describe('the plan form', () => {
  it('offers a spare rate card, slab and fee beyond what the plan has', () => {
    expect(planFormShape(planFields(plan))).toEqual({ cards: 3, slabs: [3, 3, 3], fees: 2 });
    expect(planFormShape({})).toEqual({ cards: 2, slabs: [3, 3], fees: 2 });
  });

  it('is offered only for plans whose every rate it holds', () => {
    expect(formHoldsPlan(plan)).toBe(true);
    expect(formHoldsPlan({ ...plan, supportedCurrencies: ['USD', 'EUR'] })).toBe(false);
    expect(formHoldsPlan({ ...plan, fixedFees: [{ name: 'Fee', amount: '1', displayName: 'A fee' }] })).toBe(false);
  });
});
