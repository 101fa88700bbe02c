import { Decimal } from '../decimal/decimal';
import type { FieldIssue } from '../errors/app-error';
import { creditGrantRateCardSchema, intervalMonths, type PricePlanDefinition } from './price-plan';
import type { TogaiRateCard, TogaiRateCardData } from './togai-price-plan-wire';

/**
 * Togai's BILLING_ENTITLEMENT rate card ↔ Meterline's plan credit grant (entitlementRateCards:
 * `granted` credits of a feature at the start of each cycle, expiring at its end). Togai's card is
 * more general; what Meterline can honour is exactly one FeatureConfig spanning the whole cycle
 * (effectiveFrom absent or P0D, effectiveUntil the cycle's length, e.g. P1M for MONTHLY) with
 * every rate 0 — Meterline grants feature credits, it does not sell them. Anything else is
 * refused by field. The card is named by its feature (a grant has no name of its own).
 */
export type PlanCreditGrant = PricePlanDefinition['entitlementRateCards'][number];

export function fromTogaiEntitlementCard(
  data: TogaiRateCardData,
  name: string,
  plan: Pick<PricePlanDefinition, 'pricingCycle'> & { currencies: string[] },
  path: string,
  issues: FieldIssue[],
): PlanCreditGrant | undefined {
  const before = issues.length;
  const card = data.rateCardDetails.billingEntitlementRateCard;
  const at = `${path}.rateCardDetails.billingEntitlementRateCard`;
  if (!card) {
    issues.push({ path: at, message: 'is required for a BILLING_ENTITLEMENT rate card' });
    return undefined;
  }
  if (card.featureId !== data.billableId) {
    issues.push({ path: `${at}.featureId`, message: `must be the billableId, ${data.billableId}` });
  }
  if (name !== card.featureId) {
    issues.push({
      path: `${path.replace(/\.rateCard$/, '')}.rateCardName`,
      message: `must be the featureId, ${card.featureId}: a plan grants each feature once, under its id`,
    });
  }
  if (card.name != null && card.name !== name) {
    issues.push({ path: `${at}.name`, message: `must be the rateCardName, ${name}` });
  }
  const cycle = `P${intervalMonths[plan.pricingCycle.interval]}M`;
  if (card.featureConfigs.length !== 1) {
    issues.push({
      path: `${at}.featureConfigs`,
      message: 'exactly one config is supported: the credits granted for the whole cycle',
    });
  }
  const config = card.featureConfigs[0]!;
  if (config.effectiveFrom != null && !isZeroDuration(config.effectiveFrom)) {
    issues.push({
      path: `${at}.featureConfigs.0.effectiveFrom`,
      message: 'must be absent (or P0D): credits are granted at the start of the cycle',
    });
  }
  if (!sameMonths(config.effectiveUntil, intervalMonths[plan.pricingCycle.interval])) {
    issues.push({
      path: `${at}.featureConfigs.0.effectiveUntil`,
      message: `must be ${cycle}, the plan's ${plan.pricingCycle.interval} cycle: credits expire at the end of the cycle`,
    });
  }
  if ((card.recurrenceConfig?.interval ?? 1) !== 1 || (card.recurrenceConfig?.offset ?? 0) !== 0) {
    issues.push({ path: `${at}.recurrenceConfig`, message: 'only every cycle (interval 1, offset 0) is supported' });
  }
  card.rateValues.forEach((value, i) => {
    if (!plan.currencies.includes(value.currency)) {
      issues.push({
        path: `${at}.rateValues.${i}.currency`,
        message: `${value.currency} is not one of the plan's supportedCurrencies`,
      });
    }
    value.slabRates.forEach((rate, j) => {
      if (!new Decimal(rate.rate).eq(0)) {
        issues.push({
          path: `${at}.rateValues.${i}.slabRates.${j}.rate`,
          message: 'must be 0: Meterline grants feature credits with the plan and does not charge for them',
        });
      }
    });
  });
  if (issues.length > before) {
    return undefined;
  }
  const grant = creditGrantRateCardSchema.safeParse({ featureId: card.featureId, granted: config.featureCreditLimit });
  if (!grant.success) {
    issues.push({
      path: `${at}.featureConfigs.0.featureCreditLimit`,
      message: grant.error.issues[0]?.message ?? 'is not a valid amount',
    });
    return undefined;
  }
  return grant.data;
}

/** A plan credit grant as Togai's BILLING_ENTITLEMENT rate card (rates 0, one config spanning the cycle). */
export function toTogaiEntitlementCard(
  grant: PlanCreditGrant,
  plan: { id: string; currencies: string[]; pricingCycle: PricePlanDefinition['pricingCycle'] },
  number: (decimal: string) => number,
): TogaiRateCard {
  const name = grant.featureId;
  return {
    billableId: grant.featureId,
    type: 'BILLING_ENTITLEMENT',
    displayName: name,
    invoiceTiming: 'IN_ADVANCE',
    rateCardDetails: {
      billingEntitlementRateCard: {
        featureId: grant.featureId,
        featureConfigs: [
          {
            effectiveUntil: `P${intervalMonths[plan.pricingCycle.interval]}M`,
            featureCreditLimit: number(grant.granted),
          },
        ],
        invoiceTiming: 'IN_ADVANCE',
        name,
        ratePlan: { pricingModel: 'TIERED', slabs: [{ order: 1, startAfter: number('0'), priceType: 'PER_UNIT' }] },
        rateValues: plan.currencies.map((currency) => ({ currency, slabRates: [{ order: 1, rate: number('0') }] })),
      },
    },
    name,
    referenceId: plan.id,
    referenceType: 'PRICE_PLAN',
    pricePlanId: plan.id,
    currencies: plan.currencies,
  };
}

function isZeroDuration(duration: string): boolean {
  return /^P(0[YMWD])+$|^PT?0[HMS]$|^P0D$/.test(duration);
}

/** Whether an ISO 8601 duration is exactly `months` months (P1M, P3M, P1Y, P12M, P1Y6M…). */
function sameMonths(duration: string, months: number): boolean {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(duration);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return false;
  }
  return Number(match[1] ?? 0) * 12 + Number(match[2] ?? 0) === months;
}
