import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { planCurrencyIssues, pricePlanInCurrency } from './plan-currency';
import { price } from './price';
import { applyRateCardOperations, applyUpdatePricePlanV2, fromCreatePricePlanV2 } from './togai-price-plan';
import { bulkRateCardOperationsRequest } from './togai-price-plan-wire';
import { planRateCards, toTogaiRateCard } from './togai-rate-card';

/** Operations as the route hands them over: read by Togai's wire schema (numbers become exact decimals). */
const ops = (operations: unknown[]) => bulkRateCardOperationsRequest.parse({ operations }).operations;

const monthly = { interval: 'MONTHLY' as const, gracePeriod: 3 };
const plan = () =>
  fromCreatePricePlanV2({
    name: 'api',
    type: 'BILLING',
    supportedCurrencies: ['USD', 'EUR'],
    pricingCycleConfig: monthly,
  }).definition;

const usageCard = (
  rateValues: unknown[],
  slabs: unknown[] = [
    { order: 1, startAfter: 0, priceType: 'PER_UNIT' },
    { order: 2, startAfter: 1000, priceType: 'PER_UNIT' },
  ],
) => ({
  billableId: 'um.calls',
  type: 'USAGE' as const,
  invoiceTiming: 'IN_ARREARS' as const,
  rateCardDetails: {
    usageRateCard: { usageMeterId: 'um.calls', ratePlan: { pricingModel: 'TIERED', slabs }, rateValues },
  },
});
const usd = {
  currency: 'USD',
  slabRates: [
    { order: 1, rate: '0.002' },
    { order: 2, rate: '0.001' },
  ],
};
const eur = {
  currency: 'EUR',
  slabRates: [
    { order: 2, rate: '0.0009' },
    { order: 1, rate: '0.0018' },
  ],
};

function issuesOf(f: () => unknown) {
  try {
    f();
  } catch (error) {
    if (error instanceof AppError) {
      return error.errors?.map((e) => `${e.path}: ${e.message}`);
    }
    throw error;
  }
  throw new Error('no error');
}

describe('fromCreatePricePlanV2', () => {
  it("makes the first supported currency the plan's currency and reads Togai's cycle offsets", () => {
    const created = fromCreatePricePlanV2({
      name: 'api',
      type: 'BILLING',
      supportedCurrencies: ['EUR', 'USD'],
      pricingCycleConfig: {
        interval: 'QUARTERLY',
        startOffset: { dayOffset: 'LAST', monthOffset: 'LAST' },
        gracePeriod: 5,
      },
    });
    expect(created.definition.currency).toBe('EUR');
    expect(created.definition.supportedCurrencies).toEqual(['EUR', 'USD']);
    expect(created.definition.pricingCycle).toEqual({
      interval: 'QUARTERLY',
      startOffset: { dayOffset: 'LAST', monthOffset: 3 },
      anniversaryCycle: false,
      gracePeriod: 5,
    });
  });

  it('refuses by field what Meterline would not honour', () => {
    expect(
      issuesOf(() =>
        fromCreatePricePlanV2({
          name: 'x',
          type: 'PURCHASE',
          supportedCurrencies: ['USD', 'XXX', 'USD'],
          deferredRevenue: true,
          pricingCycleConfig: { interval: 'WEEKLY', gracePeriod: 0 },
        }),
      ),
    ).toEqual([
      'type: only BILLING plans are supported yet',
      'deferredRevenue: is not supported: Meterline rates every event as it arrives',
      'supportedCurrencies.1: XXX is not an ISO 4217 code Meterline knows',
      'supportedCurrencies.2: USD is listed twice',
      'pricingCycleConfig.interval: WEEKLY cycles are not supported yet; use MONTHLY, QUARTERLY, HALF_YEARLY or ANNUALLY',
    ]);
  });
});

describe('applyRateCardOperations', () => {
  it('creates a tiered usage card with a rate per currency, matched to slabs by order', () => {
    const { definition, written } = applyRateCardOperations(
      plan(),
      ops([{ actionType: 'CREATE', rateCardName: 'calls', rateCard: usageCard([usd, eur]) }]),
    );
    expect(written).toEqual(['calls']);
    expect(definition.usageRateCards[0]!.slabs).toEqual([
      { startAfter: '0', rate: '0.002', priceType: 'PER_UNIT', currencyRates: { EUR: '0.0018' } },
      { startAfter: '1000', rate: '0.001', priceType: 'PER_UNIT', currencyRates: { EUR: '0.0009' } },
    ]);
    expect(planCurrencyIssues(definition)).toEqual([]);
    const eurCard = pricePlanInCurrency(definition, 'EUR').usageRateCards[0]!;
    expect(price(eurCard, '1500').toFixed()).toBe('2.25'); // 1000 × 0.0018 + 500 × 0.0009
  });

  it('reads a lone PACKAGE slab as a package card and writes it back as Togai sent it', () => {
    const { definition } = applyRateCardOperations(
      plan(),
      ops([
        {
          actionType: 'CREATE',
          rateCardName: 'calls',
          rateCard: usageCard(
            [
              { currency: 'USD', slabRates: [{ order: 1, rate: 5 }] },
              { currency: 'EUR', slabRates: [{ order: 1, rate: 4.5 }] },
            ],
            [{ order: 1, startAfter: 0, priceType: 'PACKAGE', slabConfig: { packageSize: '100' } }],
          ),
        },
      ]),
    );
    const card = definition.usageRateCards[0]!;
    expect(card).toMatchObject({ pricingModel: 'PACKAGE', packageSize: '100' });
    expect(price(card, '101').toFixed()).toBe('10');
    const togai = toTogaiRateCard(
      planRateCards(definition)[0]!,
      { id: 'pp.1', currencies: ['USD', 'EUR'] },
      (d) => d as unknown as number,
    );
    expect(togai.rateCardDetails.usageRateCard).toEqual({
      name: 'calls',
      usageMeterId: 'um.calls',
      ratePlan: {
        pricingModel: 'TIERED',
        slabs: [{ order: 1, startAfter: '0', priceType: 'PACKAGE', slabConfig: { packageSize: '100' } }],
      },
      rateValues: [
        { currency: 'USD', slabRates: [{ order: 1, rate: '5' }] },
        { currency: 'EUR', slabRates: [{ order: 1, rate: '4.5' }] },
      ],
    });
  });

  it('lets a card miss a later currency (an error of the plan) but never its first', () => {
    const { definition } = applyRateCardOperations(
      plan(),
      ops([{ actionType: 'CREATE', rateCardName: 'calls', rateCard: usageCard([usd]) }]),
    );
    expect(planCurrencyIssues(definition).map((i) => i.message)).toContain(
      "has no rate in EUR, one of the plan's supportedCurrencies",
    );
    expect(
      issuesOf(() =>
        applyRateCardOperations(
          plan(),
          ops([{ actionType: 'CREATE', rateCardName: 'calls', rateCard: usageCard([eur]) }]),
        ),
      ),
    ).toEqual([
      "operations.0.rateCard.rateCardDetails.usageRateCard.rateValues: needs rates in USD, the plan's first currency",
    ]);
  });

  it('creates, updates and deletes fixed fees by name, refusing what it would not honour', () => {
    const fee = (rate: number, extra: object = {}) => ({
      billableId: 'platform',
      type: 'FIXED_FEE' as const,
      invoiceTiming: 'IN_ARREARS' as const,
      rateCardDetails: {
        fixedFeeRateCard: {
          id: 'platform',
          rateValues: [
            { currency: 'USD', rate },
            { currency: 'EUR', rate: rate - 2 },
          ],
          enableProration: false,
          ...extra,
        },
      },
    });
    let { definition } = applyRateCardOperations(
      plan(),
      ops([{ actionType: 'CREATE', rateCardName: 'base', rateCard: fee(25) }]),
    );
    expect(definition.fixedFees).toEqual([
      { name: 'base', amount: '25', currencyAmounts: { EUR: '23' }, addOnId: 'platform' },
    ]);
    ({ definition } = applyRateCardOperations(
      definition,
      ops([{ actionType: 'UPDATE', rateCardName: 'base', rateCard: fee(30) }]),
    ));
    expect(definition.fixedFees[0]!.amount).toBe('30');
    expect(
      applyRateCardOperations(definition, ops([{ actionType: 'DELETE', rateCardName: 'base' }])).definition.fixedFees,
    ).toEqual([]);
    expect(
      issuesOf(() =>
        applyRateCardOperations(
          definition,
          ops([
            {
              actionType: 'CREATE',
              rateCardName: 'base',
              rateCard: fee(1, { enableProration: true, type: 'ONE_TIME' }),
            },
          ]),
        ),
      ),
    ).toEqual(["operations.0.rateCardName: the plan already has a rate card 'base'"]);
    expect(
      issuesOf(() =>
        applyRateCardOperations(
          definition,
          ops([
            {
              actionType: 'CREATE',
              rateCardName: 'other',
              rateCard: { ...fee(3, { enableProration: true, type: 'ONE_TIME' }), invoiceTiming: 'IN_ADVANCE' },
            },
          ]),
        ),
      ),
    ).toEqual([
      'operations.0.rateCard.invoiceTiming: must be IN_ARREARS: Meterline charges usage and fixed fees in the statement of the cycle they belong to',
      'operations.0.rateCard.rateCardDetails.fixedFeeRateCard.type: ONE_TIME fees are not supported yet; RECURRING fees are charged each cycle',
      'operations.0.rateCard.rateCardDetails.fixedFeeRateCard.enableProration: proration is not supported yet: a fee is charged in full each cycle',
    ]);
  });
});

describe('applyUpdatePricePlanV2', () => {
  it('rebases rates on a new first currency and drops the rates of a currency removed', () => {
    const { definition } = applyRateCardOperations(
      plan(),
      ops([{ actionType: 'CREATE', rateCardName: 'calls', rateCard: usageCard([usd, eur]) }]),
    );
    const euroOnly = applyUpdatePricePlanV2(definition, { supportedCurrencies: ['EUR'] });
    expect(euroOnly.currency).toBe('EUR');
    expect(euroOnly.usageRateCards[0]!.slabs.map((s) => [s.rate, s.currencyRates])).toEqual([
      ['0.0018', undefined],
      ['0.0009', undefined],
    ]);
    expect(issuesOf(() => applyUpdatePricePlanV2(definition, { supportedCurrencies: ['GBP', 'USD'] }))).toContain(
      "supportedCurrencies.0: rate card 'calls' has no rate in GBP; give every rate card one before making it the first currency",
    );
  });
});
