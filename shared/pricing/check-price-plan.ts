import type { Feature } from '../entitlement/feature';
import type { FieldIssue } from '../errors/app-error';
import type { UsageMeter } from '../meter/usage-meter';
import type { PricePlanDefinition } from './price-plan';

/**
 * Only meters whose usage adds up across events can be priced: a cycle's price is the price of
 * its total, and each event's revenue is the delta it adds to that total (docs/design.md §9). MAX, MIN,
 * LATEST and UNIQUE_COUNT are not sums of per-event values, so an event has no delta to price.
 */
export const priceableAggregations: readonly UsageMeter['aggregation'][] = ['COUNT', 'SUM'];

/**
 * Definition-time checks of a price plan against the tenant's meters and features. Each rate card's
 * meter must exist, not be ARCHIVED (a DRAFT or INACTIVE one may be activated later) and aggregate
 * by COUNT or SUM; a meter is priced at most once per plan. Each credit grant's feature must be
 * ACTIVE, and granted at most once. Only the parts given are checked (a PATCH may carry neither).
 * `meters` and `features` hold what the tenant has under each referenced id (absent: none).
 */
export function checkPricePlan(
  plan: Partial<Pick<PricePlanDefinition, 'usageRateCards' | 'entitlementRateCards'>>,
  meters: ReadonlyMap<string, Pick<UsageMeter, 'status' | 'aggregation'>>,
  features: ReadonlyMap<string, Pick<Feature, 'status'>>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pricedAt = new Map<string, number>();
  (plan.usageRateCards ?? []).forEach(({ usageMeterId: id }, index) => {
    const path = `usageRateCards.${index}.usageMeterId`;
    const meter = meters.get(id);
    const earlier = pricedAt.get(id);
    if (earlier !== undefined) {
      return issues.push({
        path,
        message: `usage meter '${id}' is already priced by usageRateCards.${earlier}; price a meter once per plan`,
      });
    }
    pricedAt.set(id, index);
    if (!meter) {
      return issues.push({ path, message: `no usage meter '${id}'` });
    }
    if (meter.status === 'ARCHIVED') {
      return issues.push({ path, message: `usage meter '${id}' is archived` });
    }
    if (!priceableAggregations.includes(meter.aggregation)) {
      issues.push({
        path,
        message: `usage meter '${id}' aggregates by ${meter.aggregation}; only COUNT and SUM meters can be priced, because priced usage must add up across events`,
      });
    }
  });
  const grantedAt = new Map<string, number>();
  (plan.entitlementRateCards ?? []).forEach(({ featureId: id }, index) => {
    const path = `entitlementRateCards.${index}.featureId`;
    const feature = features.get(id);
    const earlier = grantedAt.get(id);
    if (earlier !== undefined) {
      return issues.push({
        path,
        message: `feature '${id}' is already granted by entitlementRateCards.${earlier}; grant a feature once per plan`,
      });
    }
    grantedAt.set(id, index);
    if (!feature) {
      return issues.push({ path, message: `no feature '${id}'` });
    }
    if (feature.status !== 'ACTIVE') {
      issues.push({ path, message: `feature '${id}' is ${feature.status}; only ACTIVE features can be granted` });
    }
  });
  return issues;
}
