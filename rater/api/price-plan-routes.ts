import type { z } from 'zod';
import { isTogaiPlanBody, pricePlanRoutes as routes } from '../../shared/api/price-plan-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import { checkPricePlan } from '../../shared/pricing/check-price-plan';
import { issuesFromZod } from '../../shared/errors/zod-issues';
import { planCurrencyIssues } from '../../shared/pricing/plan-currency';
import { createPricePlanRequest, updatePricePlanRequest, type CreatePricePlanRequest } from '../../shared/pricing/price-plan';
import { activateCurrencyIssues, fromTogaiCreatePricePlan, fromTogaiUpdatePricePlan, togaiListFields, togaiPricePlanFields } from '../../shared/pricing/togai-price-plan-v1';
import { togaiCreatePricePlanRequest, togaiUpdatePricePlanRequest } from '../../shared/pricing/togai-price-plan-v1-wire';
import { definitionOf, nextPlanStatus, revisePricePlan, type PlanAction } from '../../shared/pricing/plan-lifecycle';
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
  .openapi(
    routes.create,
    async (c) => {
      const { db, principal } = c.env;
      const body = c.req.valid('json');
      const input: CreatePricePlanRequest = 'pricePlanDetails' in body ? fromTogaiCreatePricePlan(body) : body;
      checkCurrencies(input);
      await checkReferences(db, principal.tenantId, input);
      const created = await inTenantHome(db, principal.tenantId, c.env.home, (tx) => insertPricePlan(tx, principal.tenantId, input));
      if (!created) throw nameTaken('price plan', input.name, 'plans');
      return c.json(togaiShaped(created), 200);
    },
    rejectInvalidPlanBody(togaiCreatePricePlanRequest, createPricePlanRequest) as never,
  )
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { status, nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findPricePlan(db, principal.tenantId, id));
    const rows = await listPricePlans(db, principal.tenantId, { status, afterId, limit: pageSize + 1 });
    const page = toPage(rows, pageSize, (p) => p.id);
    return c.json({ ...page, data: page.data.map((p) => ({ ...p, ...togaiListFields(p) })) }, 200);
  })
  .openapi(routes.get, async (c) => {
    const plan = await mustFind(c.env, c.req.valid('param').id);
    const { version } = c.req.valid('query');
    if (version === undefined || version === plan.version) return c.json(togaiShaped(plan), 200);
    const found = await findPlanVersion(c.env.db, c.env.principal.tenantId, plan.id, version);
    if (!found) throw notFound('price plan version', `${plan.id}@${version}`);
    return c.json(togaiShaped(found), 200);
  })
  .openapi(
    routes.update,
    async (c) => {
      const { db, principal } = c.env;
      const plan = await mustFind(c.env, c.req.valid('param').id);
      const body = c.req.valid('json');
      const patch = isTogaiPlanBody(body) ? fromTogaiUpdatePricePlan(togaiUpdatePricePlanRequest.parse(body), definitionOf(plan)) : updatePricePlanRequest.parse(body);
      const revision = revisePricePlan(plan, patch);
      checkCurrencies(revision.definition);
      // Only the rate cards and grants given are checked: a rename must not fail because a meter moved on since.
      await checkReferences(db, principal.tenantId, { usageRateCards: patch.usageRateCards, entitlementRateCards: patch.entitlementRateCards });
      const write = await updatePricePlan(db, principal.tenantId, plan, { name: patch.name, description: patch.description, ...revision });
      if (write.ok) return c.json(togaiShaped(write.plan), 200);
      throw write.reason === 'name_taken' ? nameTaken('price plan', patch.name ?? plan.name, 'plans') : raced(plan);
    },
    rejectInvalidPlanBody(togaiUpdatePricePlanRequest, updatePricePlanRequest) as never,
  )
  .openapi(routes.activate, async (c) => {
    const { id } = c.req.valid('param');
    // Togai names the currencies to activate; Meterline activates them all, so they must all be named.
    const currencies = (c.req.valid('json') as { currencies?: string[] } | undefined)?.currencies;
    if (currencies) {
      const issues = activateCurrencyIssues(await mustFind(c.env, id), currencies);
      if (issues.length > 0) throw invalid('invalid_body', issues);
    }
    return c.json(togaiShaped(await transition(c.env, id, 'activate')), 200);
  })
  .openapi(routes.archiveTogai, async (c) => {
    await transition(c.env, c.req.valid('param').id, 'archive');
    return c.json({ success: true }, 200);
  })
  .openapi(routes.archive, async (c) => c.json(togaiShaped(await transition(c.env, c.req.valid('param').id, 'archive')), 200));

/** A plan as /price_plans answers it: Togai's PricePlan fields beside Meterline's own. */
function togaiShaped(plan: PricePlan) {
  return { ...plan, ...togaiPricePlanFields(plan) };
}

/** Every rate in every supported currency (422 naming the field). */
function checkCurrencies(definition: PricePlanDefinition): void {
  const issues = planCurrencyIssues(definition);
  if (issues.length > 0) throw invalid('invalid_price_plan', issues);
}

/**
 * The body is Meterline's shape or Togai's; a failed union names no field, so the body is read
 * again as the shape it meant (Togai's has keys Meterline's lacks) and that shape's issues named.
 * It only ever throws, so it is passed `as never` rather than typed as each route's responses.
 */
function rejectInvalidPlanBody(togai: z.ZodType, meterline: z.ZodType) {
  return (result: { success: boolean; data?: unknown; error?: z.ZodError; target: string }) => {
    if (result.success) return;
    const parsed = (isTogaiPlanBody(result.data) ? togai : meterline).safeParse(result.data);
    throw invalid('invalid_body', issuesFromZod(parsed.success ? result.error! : parsed.error));
  };
}

async function transition(env: Env, id: string, action: PlanAction): Promise<PricePlan> {
  const plan = await mustFind(env, id);
  const status = nextPlanStatus(id, plan.status, action);
  if (status === plan.status) return plan;
  if (action === 'activate') {
    // A draft edited through /v2/price_plans may still lack a currency's rates; rating would have none to use.
    checkCurrencies(plan);
    // A meter or feature may have been archived since the draft was written: the plan would price it.
    await checkReferences(env.db, env.principal.tenantId, plan, `Price plan '${id}' cannot be activated`);
  }
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
