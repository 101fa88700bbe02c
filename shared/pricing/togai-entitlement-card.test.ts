import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { applyRateCardOperations, fromCreatePricePlanV2 } from './togai-price-plan';
import { bulkRateCardOperationsRequest } from './togai-price-plan-wire';
import { planRateCards, toTogaiRateCard } from './togai-rate-card';

const ops = (operations: unknown[]) => bulkRateCardOperationsRequest.parse({ operations }).operations;
const plan = (interval: 'MONTHLY' | 'QUARTERLY' = 'MONTHLY') =>
  fromCreatePricePlanV2({
    name: 'api',
    type: 'BILLING',
    supportedCurrencies: ['USD', 'EUR'],
    pricingCycleConfig: { interval, gracePeriod: 0 },
  }).definition;

const card = (details: Record<string, unknown> = {}) => ({
  billableId: 'feat.calls',
  type: 'BILLING_ENTITLEMENT',
  invoiceTiming: 'IN_ADVANCE',
  rateCardDetails: {
    billingEntitlementRateCard: {
      featureId: 'feat.calls',
      featureConfigs: [{ effectiveUntil: 'P1M', featureCreditLimit: 100 }],
      invoiceTiming: 'IN_ADVANCE',
      ratePlan: { pricingModel: 'TIERED', slabs: [{ order: 1, startAfter: 0, priceType: 'PER_UNIT' }] },
      rateValues: [{ currency: 'USD', slabRates: [{ order: 1, rate: 0 }] }],
      ...details,
    },
  },
});
const create = (rateCard: unknown, rateCardName = 'feat.calls') =>
  ops([{ actionType: 'CREATE', rateCardName, rateCard }]);

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    if (error instanceof AppError) {
      return error.errors.map((e) => e.path);
    }
    throw error;
  }
  throw new Error('no error');
}

describe('BILLING_ENTITLEMENT rate cards as plan credit grants', () => {
  it('grants featureCreditLimit each cycle, and shows the grant back as the same card', () => {
    const { definition, written } = applyRateCardOperations(plan(), create(card()));
    expect(definition.entitlementRateCards).toEqual([{ featureId: 'feat.calls', granted: '100' }]);
    expect(written).toEqual(['feat.calls']);
    const shown = toTogaiRateCard(
      planRateCards(definition)[0]!,
      { id: 'pp.1', currencies: ['USD', 'EUR'], pricingCycle: definition.pricingCycle },
      (d) => d as unknown as number,
    );
    expect(shown).toMatchObject({ type: 'BILLING_ENTITLEMENT', billableId: 'feat.calls', name: 'feat.calls' });
    expect(shown.rateCardDetails.billingEntitlementRateCard).toMatchObject({
      featureConfigs: [{ effectiveUntil: 'P1M', featureCreditLimit: '100' }],
    });
    // What is shown is accepted again as it stands.
    const { billableId, type, invoiceTiming, rateCardDetails } = shown;
    const again = applyRateCardOperations(
      plan(),
      create(
        JSON.parse(
          JSON.stringify({
            billableId,
            type,
            invoiceTiming,
            rateCardDetails: { billingEntitlementRateCard: rateCardDetails.billingEntitlementRateCard },
          }),
        ),
      ),
    );
    expect(again.definition.entitlementRateCards).toEqual(definition.entitlementRateCards);
  });

  it('reads a quarterly cycle as P3M, and UPDATE and DELETE by the feature’s id', () => {
    const quarterly = applyRateCardOperations(
      plan('QUARTERLY'),
      create(card({ featureConfigs: [{ effectiveFrom: 'P0D', effectiveUntil: 'P3M', featureCreditLimit: 7.5 }] })),
    ).definition;
    expect(quarterly.entitlementRateCards).toEqual([{ featureId: 'feat.calls', granted: '7.5' }]);
    const updated = applyRateCardOperations(
      quarterly,
      ops([
        {
          actionType: 'UPDATE',
          rateCardName: 'feat.calls',
          rateCard: card({ featureConfigs: [{ effectiveUntil: 'P3M', featureCreditLimit: 9 }] }),
        },
      ]),
    ).definition;
    expect(updated.entitlementRateCards).toEqual([{ featureId: 'feat.calls', granted: '9' }]);
    expect(
      applyRateCardOperations(updated, ops([{ actionType: 'DELETE', rateCardName: 'feat.calls' }])).definition
        .entitlementRateCards,
    ).toEqual([]);
  });

  const at = 'operations.0.rateCard.rateCardDetails.billingEntitlementRateCard';
  it.each([
    [
      'a price for the credits',
      card({ rateValues: [{ currency: 'USD', slabRates: [{ order: 1, rate: 0.5 }] }] }),
      `${at}.rateValues.0.slabRates.0.rate`,
    ],
    [
      'credits expiring before the cycle ends',
      card({ featureConfigs: [{ effectiveUntil: 'P20D', featureCreditLimit: 100 }] }),
      `${at}.featureConfigs.0.effectiveUntil`,
    ],
    [
      'credits granted later in the cycle',
      card({ featureConfigs: [{ effectiveFrom: 'P5D', effectiveUntil: 'P1M', featureCreditLimit: 100 }] }),
      `${at}.featureConfigs.0.effectiveFrom`,
    ],
    [
      'several configs',
      card({
        featureConfigs: [
          { effectiveUntil: 'P1M', featureCreditLimit: 1 },
          { effectiveUntil: 'P1M', featureCreditLimit: 2 },
        ],
      }),
      `${at}.featureConfigs`,
    ],
    ['another feature than billableId', card({ featureId: 'feat.other' }), `${at}.featureId`],
    [
      'a rate in a currency the plan lacks',
      card({ rateValues: [{ currency: 'GBP', slabRates: [{ order: 1, rate: 0 }] }] }),
      `${at}.rateValues.0.currency`,
    ],
    ['every other cycle', card({ recurrenceConfig: { interval: 2 } }), `${at}.recurrenceConfig`],
    [
      'a fixed fee card beside it',
      {
        ...card(),
        rateCardDetails: {
          ...card().rateCardDetails,
          fixedFeeRateCard: { id: 'feat.calls', rateValues: [{ currency: 'USD', rate: 1 }], enableProration: false },
        },
      },
      'operations.0.rateCard.rateCardDetails.fixedFeeRateCard',
    ],
  ])('refuses %s, by field', (_, rateCard, path) => {
    expect(issuesOf(() => applyRateCardOperations(plan(), create(rateCard)))).toContain(path);
  });

  it('names the card by its feature', () => {
    expect(issuesOf(() => applyRateCardOperations(plan(), create(card(), 'credits')))).toContain(
      'operations.0.rateCardName',
    );
  });
});
