import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { pricePlanDefinitionSchema, type PricePlan } from './price-plan';
import {
  activateCurrencyIssues,
  fromTogaiCreatePricePlan,
  fromTogaiUpdatePricePlan,
  togaiPricePlanFields,
} from './togai-price-plan-v1';
import { togaiCreatePricePlanRequest, togaiUpdatePricePlanRequest } from './togai-price-plan-v1-wire';

const usage = {
  name: 'calls',
  usageMeterId: 'um.calls',
  ratePlan: {
    pricingModel: 'VOLUME',
    slabs: [
      { order: 1, startAfter: 0, priceType: 'PER_UNIT' },
      { order: 2, startAfter: 100, priceType: 'PER_UNIT' },
    ],
  },
  rateValues: [
    {
      currency: 'EUR',
      slabRates: [
        { order: 1, rate: 0.9 },
        { order: 2, rate: 0.7 },
      ],
    },
    {
      currency: 'USD',
      slabRates: [
        { order: 1, rate: 1 },
        { order: 2, rate: 0.8 },
      ],
    },
  ],
};
const created = () =>
  fromTogaiCreatePricePlan(
    togaiCreatePricePlanRequest.parse({
      name: 'api',
      pricePlanDetails: {
        supportedCurrencies: ['EUR', 'USD'],
        pricingCycleConfig: {
          interval: 'ANNUALLY',
          startOffset: { dayOffset: '15', monthOffset: 'FIRST' },
          gracePeriod: 1,
        },
        usageRateCards: [usage],
        fixedFeeRateCards: [
          {
            id: 'support',
            rateValues: [
              { currency: 'EUR', rate: 90 },
              { currency: 'USD', rate: 100 },
            ],
            enableProration: false,
          },
        ],
      },
    }),
  );

/** The plan's definition: the create request without its name. */
const definitionOfCreated = () => {
  const { name: _name, description: _description, ...definition } = created();
  return pricePlanDefinitionSchema.parse(definition);
};

describe("Togai's v1 create request", () => {
  it('becomes a Meterline plan priced in EUR first, USD beside it', () => {
    const plan = created();
    expect(plan).toMatchObject({
      name: 'api',
      currency: 'EUR',
      supportedCurrencies: ['EUR', 'USD'],
      pricingCycle: { interval: 'ANNUALLY', startOffset: { dayOffset: 15, monthOffset: 1 }, gracePeriod: 1 },
    });
    expect(plan.usageRateCards).toEqual([
      {
        usageMeterId: 'um.calls',
        pricingModel: 'VOLUME',
        name: 'calls',
        slabs: [
          { startAfter: '0', rate: '0.9', priceType: 'PER_UNIT', currencyRates: { USD: '1' } },
          { startAfter: '100', rate: '0.7', priceType: 'PER_UNIT', currencyRates: { USD: '0.8' } },
        ],
      },
    ]);
    expect(plan.fixedFees).toEqual([
      { name: 'support', amount: '90', currencyAmounts: { USD: '100' }, addOnId: 'support' },
    ]);
  });

  it('names the field under pricePlanDetails when a card cannot be read', () => {
    try {
      fromTogaiCreatePricePlan(
        togaiCreatePricePlanRequest.parse({
          name: 'api',
          pricePlanDetails: {
            supportedCurrencies: ['USD'],
            pricingCycleConfig: { interval: 'MONTHLY', gracePeriod: 0 },
            usageRateCards: [usage],
          },
        }),
      );
      throw new Error('accepted');
    } catch (error) {
      expect((error as AppError).errors).toEqual([
        {
          path: 'pricePlanDetails.usageRateCards.0.rateValues.0.currency',
          message: "EUR is not one of the plan's supportedCurrencies (USD)",
        },
      ]);
    }
  });
});

describe("Togai's v1 update request", () => {
  it('replaces only the rate card lists it carries, in the currencies the plan keeps', () => {
    const current = definitionOfCreated();
    const patch = fromTogaiUpdatePricePlan(
      togaiUpdatePricePlanRequest.parse({ description: 'new', pricePlanDetails: { supportedCurrencies: ['USD'] } }),
      current,
    );
    expect(patch).toMatchObject({ description: 'new', currency: 'USD', supportedCurrencies: ['USD'] });
    expect(patch.usageRateCards).toBeUndefined();
    expect(() =>
      fromTogaiUpdatePricePlan(togaiUpdatePricePlanRequest.parse({ migrationMode: 'IMMEDIATE' }), current),
    ).toThrow(AppError);
  });
});

describe("Togai's PricePlan fields", () => {
  it('show the version as one open-ended pricing schedule, its currencies active once the plan is', () => {
    const definition = definitionOfCreated();
    const plan: PricePlan = {
      ...definition,
      id: 'pp.1',
      name: 'api',
      status: 'ACTIVE',
      version: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
    };
    const fields = togaiPricePlanFields(plan, (d) => d as unknown as number);
    expect(fields.pricingSchedule).toEqual([
      expect.objectContaining({
        id: 'pp.1.v2',
        version: 2,
        startDate: '2026-01-01T00:00:00.000Z',
        endDate: '9999-12-31T23:59:59Z',
        isOverriden: false,
      }),
    ]);
    expect(fields.pricingSchedule[0]!.pricePlanDetails).toMatchObject({
      supportedCurrencies: ['EUR', 'USD'],
      activeCurrencies: ['EUR', 'USD'],
      pricingCycleConfig: { startOffset: { dayOffset: '15', monthOffset: '1' } },
    });
    expect(activateCurrencyIssues(plan, ['USD', 'EUR'])).toEqual([]);
    expect(activateCurrencyIssues(plan, ['USD'])).toHaveLength(1);
  });

  it("show a plan's per-cycle credit grants as Togai's billingEntitlementRateCards", () => {
    const definition = definitionOfCreated();
    const plan: PricePlan = {
      ...definition,
      entitlementRateCards: [{ featureId: 'feat.calls', granted: '1000' }],
      id: 'pp.1',
      name: 'api',
      status: 'DRAFT',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const details = togaiPricePlanFields(plan, (d) => d as unknown as number).pricingSchedule[0]!.pricePlanDetails;
    expect(details.billingEntitlementRateCards).toEqual([expect.objectContaining({ featureId: 'feat.calls' })]);
  });
});
