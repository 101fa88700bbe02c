import { pricePlanRoutes as routes } from '../../shared/api/price-plan-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import { checkPricePlan } from '../../shared/pricing/check-price-plan';
import { nextPlanStatus, revisePricePlan, type PlanAction } from '../../shared/pricing/plan-lifecycle';
import type { PricePlan, PricePlanDefinition } from '../../shared/pricing/price-plan';
import type { Database } from '../db/connect';
import { findFeatures } from '../store/features';
import {
  findPlanVersion,
  findPricePlan,
  insertPricePlan,
  listPricePlans,
  setPricePlanStatus,
  updatePricePlan,
} from '../store/price-plans';
import { findUsageMeters } from '../store/usage-meters';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

type Env = { db: Database; principal: { tenantId: string } };

/** Togai's /price_plans API, with shared/pricing's lifecycle and versions (accounts' plans: pricing-schedule-routes.ts). */
export const pricePlanRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal } = c.env;
    const input = c.req.valid('json');
    await checkReferences(db, principal.tenantId, input);
    const created = await inTenantHome(db, principal.tenantId, c.env.home, (tx) => insertPricePlan(tx, principal.tenantId, input));
    if (!created) throw nameTaken('price plan', input.name, 'plans');
    return c.json(created, 201);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { status, nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findPricePlan(db, principal.tenantId, id));
    const rows = await listPricePlans(db, principal.tenantId, { status, afterId, limit: pageSize + 1 });
    return c.json(toPage(rows, pageSize, (p) => p.id), 200);
  })
  .openapi(routes.get, async (c) => {
    const plan = await mustFind(c.env, c.req.valid('param').id);
    const { version } = c.req.valid('query');
    if (version === undefined || version === plan.version) return c.json(plan, 200);
    const found = await findPlanVersion(c.env.db, c.env.principal.tenantId, plan.id, version);
    if (!found) throw notFound('price plan version', `${plan.id}@${version}`);
    return c.json(found, 200);
  })
  .openapi(routes.update, async (c) => {
    const { db, principal } = c.env;
    const plan = await mustFind(c.env, c.req.valid('param').id);
    const patch = c.req.valid('json');
    const revision = revisePricePlan(plan, patch);
    // Only the rate cards and grants given are checked: a rename must not fail because a meter moved on since.
    await checkReferences(db, principal.tenantId, { usageRateCards: patch.usageRateCards, entitlementRateCards: patch.entitlementRateCards });
    const write = await updatePricePlan(db, principal.tenantId, plan, { name: patch.name, description: patch.description, ...revision });
    if (write.ok) return c.json(write.plan, 200);
    throw write.reason === 'name_taken' ? nameTaken('price plan', patch.name ?? plan.name, 'plans') : raced(plan);
  })
  .openapi(routes.activate, async (c) => c.json(await transition(c.env, c.req.valid('param').id, 'activate'), 200))
  .openapi(routes.archive, async (c) => c.json(await transition(c.env, c.req.valid('param').id, 'archive'), 200));

async function transition(env: Env, id: string, action: PlanAction): Promise<PricePlan> {
  const plan = await mustFind(env, id);
  const status = nextPlanStatus(id, plan.status, action);
  if (status === plan.status) return plan;
  // A meter or feature may have been archived since the draft was written: the plan would price it.
  if (action === 'activate') await checkReferences(env.db, env.principal.tenantId, plan, `Price plan '${id}' cannot be activated`);
  return (await setPricePlanStatus(env.db, env.principal.tenantId, plan, status)) ?? raced(plan);
}

/** Each rate card's meter and each grant's feature, against what the tenant has now (422 naming the field). */
async function checkReferences(
  db: Database,
  tenantId: string,
  plan: Partial<Pick<PricePlanDefinition, 'usageRateCards' | 'entitlementRateCards'>>,
  detail?: string,
): Promise<void> {
  const [meters, features] = await Promise.all([
    findUsageMeters(db, tenantId, (plan.usageRateCards ?? []).map((card) => card.usageMeterId)),
    findFeatures(db, tenantId, (plan.entitlementRateCards ?? []).map((card) => card.featureId)),
  ]);
  const issues = checkPricePlan(plan, meters, features);
  if (issues.length > 0) throw invalid('invalid_price_plan', issues, detail && `${detail}: ${issues[0]!.path}: ${issues[0]!.message}`);
}

async function mustFind(env: Env, id: string): Promise<PricePlan> {
  const plan = await findPricePlan(env.db, env.principal.tenantId, id);
  if (!plan) throw notFound('price plan', id);
  return plan;
}

function raced(plan: PricePlan): never {
  throw concurrentChange('price plan', plan.id);
}
