import { concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import { checkPricePlan } from '../../shared/pricing/check-price-plan';
import { planCurrencyIssues } from '../../shared/pricing/plan-currency';
import { nextPlanStatus, revisePricePlan, type PlanAction } from '../../shared/pricing/plan-lifecycle';
import type {
  CreatePricePlanRequest,
  PricePlan,
  PricePlanDefinition,
  UpdatePricePlanRequest,
} from '../../shared/pricing/price-plan';
import { activateCurrencyIssues } from '../../shared/pricing/togai-price-plan-v1';
import type { Database } from '../db/connect';
import { findFeatures } from '../store/features';
import {
  findPlanVersion,
  findPricePlan,
  insertPricePlan,
  setPricePlanStatus,
  updatePricePlan as writePricePlan,
} from '../store/price-plans';
import { inTenantHome } from '../store/tenant-home';
import { findUsageMeters } from '../store/usage-meters';
import type { TenantContext } from './tenant-context';

/** Price plans (v1 and Meterline's shape) with shared/pricing's lifecycle and versions. */
export async function createPricePlan(ctx: TenantContext, input: CreatePricePlanRequest): Promise<PricePlan> {
  checkCurrencies(input);
  await checkReferences(ctx.db, ctx.tenantId, input);
  const created = await inTenantHome(ctx.db, ctx.tenantId, ctx.home, (tx) => insertPricePlan(tx, ctx.tenantId, input));
  if (!created) {
    throw nameTaken('price plan', input.name, 'plans');
  }
  return created;
}

/** The plan as it is now, or as it was at `version`. */
export async function pricePlanAt(ctx: TenantContext, id: string, version: number | undefined): Promise<PricePlan> {
  const plan = await mustFindPricePlan(ctx, id);
  if (version === undefined || version === plan.version) {
    return plan;
  }
  const found = await findPlanVersion(ctx.db, ctx.tenantId, plan.id, version);
  if (!found) {
    throw notFound('price plan version', `${plan.id}@${version}`);
  }
  return found;
}

/** A change, read against the plan it changes (`patchOf`: Togai's body needs the plan to be read). */
export async function updatePricePlan(
  ctx: TenantContext,
  id: string,
  patchOf: (plan: PricePlan) => UpdatePricePlanRequest,
): Promise<PricePlan> {
  const plan = await mustFindPricePlan(ctx, id);
  const patch = patchOf(plan);
  const revision = revisePricePlan(plan, patch);
  checkCurrencies(revision.definition);
  // Only the rate cards and grants given are checked: a rename must not fail because a meter moved on since.
  await checkReferences(ctx.db, ctx.tenantId, {
    usageRateCards: patch.usageRateCards,
    entitlementRateCards: patch.entitlementRateCards,
  });
  const write = await writePricePlan(ctx.db, ctx.tenantId, plan, {
    name: patch.name,
    description: patch.description,
    ...revision,
  });
  if (write.ok) {
    return write.plan;
  }
  throw write.reason === 'name_taken' ? nameTaken('price plan', patch.name ?? plan.name, 'plans') : raced(plan);
}

/** Togai names the currencies to activate; Meterline activates them all, so they must all be named. */
export async function activatePricePlan(
  ctx: TenantContext,
  id: string,
  currencies: string[] | undefined,
): Promise<PricePlan> {
  if (currencies) {
    const issues = activateCurrencyIssues(await mustFindPricePlan(ctx, id), currencies);
    if (issues.length > 0) {
      throw invalid('invalid_body', issues);
    }
  }
  return transitionPricePlan(ctx, id, 'activate');
}

export async function transitionPricePlan(ctx: TenantContext, id: string, action: PlanAction): Promise<PricePlan> {
  const plan = await mustFindPricePlan(ctx, id);
  const status = nextPlanStatus(id, plan.status, action);
  if (status === plan.status) {
    return plan;
  }
  if (action === 'activate') {
    // A draft edited through /v2/price_plans may still lack a currency's rates; rating would have none to use.
    checkCurrencies(plan);
    // A meter or feature may have been archived since the draft was written: the plan would price it.
    await checkReferences(ctx.db, ctx.tenantId, plan, `Price plan '${id}' cannot be activated`);
  }
  return (await setPricePlanStatus(ctx.db, ctx.tenantId, plan, status)) ?? raced(plan);
}

export async function mustFindPricePlan(ctx: TenantContext, id: string): Promise<PricePlan> {
  const plan = await findPricePlan(ctx.db, ctx.tenantId, id);
  if (!plan) {
    throw notFound('price plan', id);
  }
  return plan;
}

/** Every rate in every supported currency (422 naming the field). */
function checkCurrencies(definition: PricePlanDefinition): void {
  const issues = planCurrencyIssues(definition);
  if (issues.length > 0) {
    throw invalid('invalid_price_plan', issues);
  }
}

/** Each rate card's meter and each grant's feature, against what the tenant has now (422 naming the field). */
async function checkReferences(
  db: Database,
  tenantId: string,
  plan: Partial<Pick<PricePlanDefinition, 'usageRateCards' | 'entitlementRateCards'>>,
  detail?: string,
): Promise<void> {
  const [meters, features] = await Promise.all([
    findUsageMeters(
      db,
      tenantId,
      (plan.usageRateCards ?? []).map((card) => card.usageMeterId),
    ),
    findFeatures(
      db,
      tenantId,
      (plan.entitlementRateCards ?? []).map((card) => card.featureId),
    ),
  ]);
  const issues = checkPricePlan(plan, meters, features);
  if (issues.length > 0) {
    throw invalid('invalid_price_plan', issues, detail && `${detail}: ${issues[0]!.path}: ${issues[0]!.message}`);
  }
}

function raced(plan: PricePlan): never {
  throw concurrentChange('price plan', plan.id);
}
