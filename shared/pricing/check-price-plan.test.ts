import { describe, expect, it } from 'vitest';
import type { Feature } from '../entitlement/feature';
import type { UsageMeter } from '../meter/usage-meter';
import { checkPricePlan } from './check-price-plan';
import type { UsageRateCard } from './rate-card';

const meters = new Map<string, Pick<UsageMeter, 'status' | 'aggregation'>>([
  ['um.count', { status: 'ACTIVE', aggregation: 'COUNT' }],
  ['um.sum', { status: 'ACTIVE', aggregation: 'SUM' }],
  ['um.draft', { status: 'DRAFT', aggregation: 'SUM' }],
  ['um.paused', { status: 'INACTIVE', aggregation: 'COUNT' }],
  ['um.gone', { status: 'ARCHIVED', aggregation: 'COUNT' }],
  ['um.max', { status: 'ACTIVE', aggregation: 'MAX' }],
  ['um.unique', { status: 'ACTIVE', aggregation: 'UNIQUE_COUNT' }],
]);
const features = new Map<string, Pick<Feature, 'status'>>([
  ['feat.on', { status: 'ACTIVE' }],
  ['feat.off', { status: 'ARCHIVED' }],
]);

const card = (usageMeterId: string): UsageRateCard => ({
  usageMeterId,
  pricingModel: 'TIERED',
  slabs: [{ startAfter: '0', rate: '1', priceType: 'PER_UNIT' }],
});
const grant = (featureId: string) => ({ featureId, granted: '10' });

describe('checking a price plan against the tenant’s meters and features', () => {
  it.each([
    ['COUNT and SUM meters', { usageRateCards: [card('um.count'), card('um.sum')] }],
    [
      'DRAFT and INACTIVE meters, which may be activated later',
      { usageRateCards: [card('um.draft'), card('um.paused')] },
    ],
    ['an ACTIVE feature', { entitlementRateCards: [grant('feat.on')] }],
    ['a plan that prices nothing', { usageRateCards: [], entitlementRateCards: [] }],
    ['a change that carries neither part', {}],
  ])('accepts %s', (_, plan) => {
    expect(checkPricePlan(plan, meters, features)).toEqual([]);
  });

  it.each([
    [
      'an unknown meter',
      { usageRateCards: [card('um.count'), card('um.none')] },
      'usageRateCards.1.usageMeterId',
      /no usage meter 'um.none'/,
    ],
    [
      'an ARCHIVED meter',
      { usageRateCards: [card('um.count'), card('um.gone')] },
      'usageRateCards.1.usageMeterId',
      /'um.gone' is archived/,
    ],
    [
      'a MAX meter',
      { usageRateCards: [card('um.count'), card('um.max')] },
      'usageRateCards.1.usageMeterId',
      /aggregates by MAX; only COUNT and SUM .* must add up across events/,
    ],
    [
      'a UNIQUE_COUNT meter',
      { usageRateCards: [card('um.count'), card('um.unique')] },
      'usageRateCards.1.usageMeterId',
      /aggregates by UNIQUE_COUNT/,
    ],
    [
      'a meter priced twice',
      { usageRateCards: [card('um.count'), card('um.count')] },
      'usageRateCards.1.usageMeterId',
      /already priced by usageRateCards.0/,
    ],
    [
      'an unknown feature',
      { entitlementRateCards: [grant('feat.on'), grant('feat.none')] },
      'entitlementRateCards.1.featureId',
      /no feature 'feat.none'/,
    ],
    [
      'an ARCHIVED feature',
      { entitlementRateCards: [grant('feat.on'), grant('feat.off')] },
      'entitlementRateCards.1.featureId',
      /is ARCHIVED; only ACTIVE/,
    ],
    [
      'a feature granted twice',
      { entitlementRateCards: [grant('feat.on'), grant('feat.on')] },
      'entitlementRateCards.1.featureId',
      /already granted by entitlementRateCards.0/,
    ],
  ])('refuses %s, naming the field', (_, plan, path, message) => {
    expect(checkPricePlan(plan, meters, features)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('reports every bad card, not just the first', () => {
    const plan = {
      usageRateCards: [card('um.gone'), card('um.sum'), card('um.max'), card('um.gone')],
      entitlementRateCards: [grant('feat.x')],
    };
    expect(checkPricePlan(plan, meters, features).map((i) => i.path)).toEqual([
      'usageRateCards.0.usageMeterId',
      'usageRateCards.2.usageMeterId',
      'usageRateCards.3.usageMeterId',
      'entitlementRateCards.0.featureId',
    ]);
  });
});
