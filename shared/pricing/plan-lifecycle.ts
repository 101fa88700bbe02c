import { canonicalJson } from '../idempotency/payload-hash';
import { AppError } from '../errors/app-error';
import type { PricePlan, PricePlanDefinition, UpdatePricePlanRequest } from './price-plan';

/**
 * A price plan's life: DRAFT → ACTIVE → ARCHIVED, never back. A DRAFT changes in place (it rates
 * nothing yet, so it stays version 1); an ACTIVE plan's rates change only by publishing a new
 * version, so accounts associated with an earlier one keep the rates they signed up for; an
 * ARCHIVED plan never changes. Repeating a transition that already happened is a no-op.
 */
export type PlanStatus = PricePlan['status'];
export type PlanAction = 'activate' | 'archive';

const rules: Record<PlanAction, { from: PlanStatus; to: PlanStatus }> = {
  activate: { from: 'DRAFT', to: 'ACTIVE' },
  archive: { from: 'ACTIVE', to: 'ARCHIVED' },
};

/** The status after `action`, or a 409 that says which status allows it. */
export function nextPlanStatus(id: string, from: PlanStatus, action: PlanAction): PlanStatus {
  const rule = rules[action];
  if (from === rule.to || from === rule.from) {
    return rule.to;
  }
  throw new AppError(
    'conflict',
    'invalid_lifecycle_transition',
    `Price plan '${id}' is ${from}; only ${rule.from} plans can be ${action === 'archive' ? 'archived' : 'activated'}`,
  );
}

export function definitionOf(plan: PricePlanDefinition): PricePlanDefinition {
  const { currency, supportedCurrencies, pricingCycle, usageRateCards, fixedFees, entitlementRateCards } = plan;
  return {
    currency,
    ...(supportedCurrencies ? { supportedCurrencies } : {}),
    pricingCycle,
    usageRateCards,
    fixedFees,
    entitlementRateCards,
  };
}

/**
 * What a PATCH does to a plan: the definition after it, and whether that is a new version (an
 * ACTIVE plan whose rates really change). Sending back the definition as read is not a change,
 * and neither is a new name or description.
 */
export function revisePricePlan(
  plan: PricePlan,
  patch: UpdatePricePlanRequest,
): { definition: PricePlanDefinition; changed: boolean; newVersion: boolean } {
  if (plan.status === 'ARCHIVED') {
    throw new AppError('conflict', 'price_plan_archived', `Price plan '${plan.id}' is archived and cannot change`);
  }
  const current = definitionOf(plan);
  const definition = definitionOf({ ...current, ...definedFields(patch) });
  const changed = canonicalJson(definition) !== canonicalJson(current);
  return { definition, changed, newVersion: changed && plan.status === 'ACTIVE' };
}

function definedFields(patch: UpdatePricePlanRequest): Partial<PricePlanDefinition> {
  return Object.fromEntries(
    Object.entries(definitionOf(patch as PricePlanDefinition)).filter(([, v]) => v !== undefined),
  );
}
