import type { z } from 'zod';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { isTogaiPlanBody, pricePlanRoutes as routes } from '../../shared/api/price-plan-routes';
import { invalid } from '../../shared/errors/app-error';
import { issuesFromZod } from '../../shared/errors/zod-issues';
import { definitionOf } from '../../shared/pricing/plan-lifecycle';
import {
  createPricePlanRequest,
  updatePricePlanRequest,
  type CreatePricePlanRequest,
  type PricePlan,
} from '../../shared/pricing/price-plan';
import {
  fromTogaiCreatePricePlan,
  fromTogaiUpdatePricePlan,
  togaiListFields,
  togaiPricePlanFields,
} from '../../shared/pricing/togai-price-plan-v1';
import {
  togaiCreatePricePlanRequest,
  togaiUpdatePricePlanRequest,
} from '../../shared/pricing/togai-price-plan-v1-wire';
import {
  activatePricePlan,
  createPricePlan,
  pricePlanAt,
  transitionPricePlan,
  updatePricePlan,
} from '../services/price-plans';
import { tenantContext } from '../services/tenant-context';
import { findPricePlan, listPricePlans } from '../store/price-plans';
import { createRouter } from './router';

/** Togai's /price_plans API; the rules live in services/price-plans.ts (accounts' plans: pricing-schedule-routes.ts). */
export const pricePlanRoutes = createRouter()
  .openapi(
    routes.create,
    async (c) => {
      const body = c.req.valid('json');
      const input: CreatePricePlanRequest = 'pricePlanDetails' in body ? fromTogaiCreatePricePlan(body) : body;
      return c.json(togaiShaped(await createPricePlan(tenantContext(c.env), input)), 200);
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
  .openapi(routes.get, async (c) =>
    c.json(
      togaiShaped(await pricePlanAt(tenantContext(c.env), c.req.valid('param').id, c.req.valid('query').version)),
      200,
    ),
  )
  .openapi(
    routes.update,
    async (c) => {
      const body = c.req.valid('json');
      const patchOf = (plan: PricePlan) =>
        isTogaiPlanBody(body)
          ? fromTogaiUpdatePricePlan(togaiUpdatePricePlanRequest.parse(body), definitionOf(plan))
          : updatePricePlanRequest.parse(body);
      return c.json(togaiShaped(await updatePricePlan(tenantContext(c.env), c.req.valid('param').id, patchOf)), 200);
    },
    rejectInvalidPlanBody(togaiUpdatePricePlanRequest, updatePricePlanRequest) as never,
  )
  .openapi(routes.activate, async (c) => {
    const currencies = (c.req.valid('json') as { currencies?: string[] } | undefined)?.currencies;
    return c.json(togaiShaped(await activatePricePlan(tenantContext(c.env), c.req.valid('param').id, currencies)), 200);
  })
  .openapi(routes.archiveTogai, async (c) => {
    await transitionPricePlan(tenantContext(c.env), c.req.valid('param').id, 'archive');
    return c.json({ success: true }, 200);
  })
  .openapi(routes.archive, async (c) =>
    c.json(togaiShaped(await transitionPricePlan(tenantContext(c.env), c.req.valid('param').id, 'archive')), 200),
  );

/** A plan as /price_plans answers it: Togai's PricePlan fields beside Meterline's own. */
function togaiShaped(plan: PricePlan) {
  return { ...plan, ...togaiPricePlanFields(plan) };
}

/**
 * The body is Meterline's shape or Togai's; a failed union names no field, so the body is read
 * again as the shape it meant (Togai's has keys Meterline's lacks) and that shape's issues named.
 * It only ever throws, so it is passed `as never` rather than typed as each route's responses.
 */
function rejectInvalidPlanBody(togai: z.ZodType, meterline: z.ZodType) {
  return (result: { success: boolean; data?: unknown; error?: z.ZodError; target: string }) => {
    if (result.success) {
      return;
    }
    const parsed = (isTogaiPlanBody(result.data) ? togai : meterline).safeParse(result.data);
    throw invalid('invalid_body', issuesFromZod(parsed.success ? result.error! : parsed.error));
  };
}
