import { describe, expect, it } from 'vitest';
import { pricePlanDefinitionSchema } from './price-plan';
import { applyRateCardOperations } from './togai-price-plan';
import { bulkRateCardOperationsRequest } from './togai-price-plan-wire';
import { planRateCards, rateCardName, toTogaiRateCard } from './togai-rate-card';

/** Decimals stay strings on the way out here (JSON.rawJSON is workerd's, not Node 20's). */
const asText = (decimal: string) => decimal as unknown as number;

const plan = pricePlanDefinitionSchema.parse({
  currency: 'USD',
  supportedCurrencies: ['USD', 'EUR', 'JPY'],
  pricingCycle: { interval: 'MONTHLY' },
  usageRateCards: [
    {
      usageMeterId: 'um.calls',
      name: 'calls',
      displayName: 'API calls',
      tag: 'api',
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '0', priceType: 'PER_UNIT', currencyRates: { EUR: '0', JPY: '0' } },
        { startAfter: '1000', rate: '0.0015', priceType: 'PER_UNIT', currencyRates: { EUR: '0.0014', JPY: '0.2' } },
        { startAfter: '1000000', rate: '500', priceType: 'FLAT', currencyRates: { EUR: '460', JPY: '75000' } },
      ],
    },
    {
      usageMeterId: 'um.bytes',
      name: 'bytes',
      pricingModel: 'VOLUME',
      slabs: [
        { startAfter: '0', rate: '0.1', priceType: 'PER_UNIT', currencyRates: { EUR: '0.09', JPY: '15' } },
        { startAfter: '5.5', rate: '0.05', priceType: 'PER_UNIT', currencyRates: { EUR: '0.045', JPY: '7' } },
      ],
    },
    {
      usageMeterId: 'um.seats',
      name: 'seats',
      pricingModel: 'PACKAGE',
      packageSize: '10',
      slabs: [{ startAfter: '0', rate: '12.5', priceType: 'PER_UNIT', currencyRates: { EUR: '11', JPY: '1900' } }],
    },
  ],
  fixedFees: [
    {
      name: 'platform',
      amount: '25',
      currencyAmounts: { EUR: '23', JPY: '3900' },
      addOnId: 'addon.platform',
      displayName: 'Platform',
      tag: 'base',
    },
  ],
});

describe("Togai's rate cards", () => {
  it('read back exactly what was written: every kind of card, every currency', () => {
    const operations = planRateCards(plan).map((card) => {
      const togai = toTogaiRateCard(card, { id: 'pp.1', currencies: ['USD', 'EUR', 'JPY'] }, asText);
      const { billableId, type, displayName, invoiceTiming, rateCardDetails, tag } = togai;
      return {
        actionType: 'CREATE',
        rateCardName: rateCardName(card),
        rateCard: { billableId, type, displayName, invoiceTiming, rateCardDetails, tag },
      };
    });
    const empty = { ...plan, usageRateCards: [], fixedFees: [] };
    const { definition } = applyRateCardOperations(
      empty,
      bulkRateCardOperationsRequest.parse({ operations }).operations,
    );
    // What Togai cannot say is not kept: a card's displayName defaults to its name.
    expect(definition.usageRateCards).toEqual(
      plan.usageRateCards.map((card) => ({ ...card, displayName: card.displayName ?? card.name })),
    );
    expect(definition.fixedFees).toEqual(plan.fixedFees);
  });

  it("list only a card's complete currencies", () => {
    const partial = { ...plan.fixedFees[0]!, currencyAmounts: { EUR: '23' } };
    const togai = toTogaiRateCard(
      { kind: 'fee', fee: partial },
      { id: 'pp.1', currencies: ['USD', 'EUR', 'JPY'] },
      asText,
    );
    expect(togai.currencies).toEqual(['USD', 'EUR']);
    expect(togai.rateCardDetails.fixedFeeRateCard).toMatchObject({
      id: 'addon.platform',
      rateValues: [
        { currency: 'USD', rate: '25' },
        { currency: 'EUR', rate: '23' },
      ],
    });
  });
});
