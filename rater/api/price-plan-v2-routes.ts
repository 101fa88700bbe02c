import { pricePlanV2Routes as routes } from '../../shared/api/price-plan-v2-routes';
import { decodeOwnPageToken, decodePageToken, toPage } from '../../shared/api/page';
import { invalid } from '../../shared/errors/app-error';
import type { TogaiRateCard } from '../../shared/pricing/togai-price-plan-wire';
import { findPlanDrafts, listPlanVersions } from '../store/price-plan-drafts';
import { findPlanVersion, findPricePlan, listPricePlans } from '../store/price-plans';
import { applyRateCardOperationsV2, rateCardsOf } from '../services/price-plan-rate-cards';
import {
  asV2,
  asValidatedEntityErrors,
  createPlanV2,
  discardPlanV2,
  finalizePlanV2,
  findPlanView,
  planErrors,
  updatePlanV2,
  versionAsV2,
  type PlanContext,
} from '../services/price-plans-v2';
import { definitionOf } from '../../shared/pricing/plan-lifecycle';
import { createRouter } from './router';

type Bindings = { db: PlanContext['db']; home: PlanContext['home']; principal: { tenantId: string } };
const context = (env: Bindings): PlanContext => ({ db: env.db, tenantId: env.principal.tenantId, home: env.home });

/** Togai's PricePlanV2Api: HTTP in and out; the rules are in rater/services/price-plans-v2.ts. */
export const pricePlanV2Routes = createRouter()
  .openapi(routes.create, async (c) => c.json(await createPlanV2(context(c.env), c.req.valid('json')), 200))
  .openapi(routes.list, async (c) => {
    const ctx = context(c.env);
    const { nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findPricePlan(ctx.db, ctx.tenantId, id));
    const page = toPage(
      await listPricePlans(ctx.db, ctx.tenantId, { afterId, limit: pageSize + 1 }),
      pageSize,
      (p) => p.id,
    );
    const drafts = await findPlanDrafts(
      ctx.db,
      ctx.tenantId,
      page.data.map((p) => p.id),
    );
    const data = page.data.map((plan) => {
      const draft = drafts.get(plan.id) ?? null;
      return asV2({ plan, draft, definition: draft?.definition ?? definitionOf(plan) });
    });
    return c.json({ data, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }, 200);
  })
  .openapi(routes.get, async (c) => {
    const ctx = context(c.env);
    const view = await findPlanView(ctx, c.req.valid('param').price_plan_id);
    const { version } = c.req.valid('query');
    const shown = asV2(view);
    if (version === undefined || version === shown.version) {
      return c.json(shown, 200);
    }
    const found = await findPlanVersion(ctx.db, ctx.tenantId, view.plan.id, version);
    if (!found) {
      throw invalid('invalid_query', [
        { path: 'version', message: `price plan '${view.plan.id}' has no version ${version}` },
      ]);
    }
    return c.json(versionAsV2(found), 200);
  })
  .openapi(routes.update, async (c) =>
    c.json(await updatePlanV2(context(c.env), c.req.valid('param').price_plan_id, c.req.valid('json')), 200),
  )
  .openapi(routes.finalize, async (c) => {
    await finalizePlanV2(context(c.env), c.req.valid('param').price_plan_id, c.req.valid('json'));
    return c.json({ success: true }, 200);
  })
  .openapi(routes.discard, async (c) => {
    await discardPlanV2(context(c.env), c.req.valid('param').price_plan_id);
    return c.json({ success: true }, 200);
  })
  .openapi(routes.versions, async (c) => {
    const ctx = context(c.env);
    const id = c.req.valid('param').price_plan_id;
    const { nextToken, pageSize } = c.req.valid('query');
    const view = await findPlanView(ctx, id);
    const before = pageAfter(nextToken, 'version');
    // Newest first: the draft (one above the latest), then the published versions.
    const draft = before === undefined && view.draft ? [asV2(view)] : [];
    const published = (
      await listPlanVersions(ctx.db, ctx.tenantId, id, { beforeVersion: before, limit: pageSize + 1 })
    ).map(versionAsV2);
    const rows = [...draft, ...published];
    const page = toPage(rows, pageSize, (p) => String(p.version));
    return c.json({ data: page.data, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }, 200);
  })
  .openapi(routes.rateCards, async (c) => {
    const { nextToken, pageSize } = c.req.valid('query');
    const cards = rateCardsOf(await findPlanView(context(c.env), c.req.valid('param').price_plan_id));
    const after = decodePageToken(nextToken);
    const start = after === undefined ? 0 : cards.findIndex((card) => card.name === after) + 1;
    if (start === 0 && after !== undefined) {
      throw invalid('invalid_query', [{ path: 'nextToken', message: 'is not a token this API returned' }]);
    }
    const page = toPage<TogaiRateCard>(cards.slice(start, start + pageSize + 1), pageSize, (card) => card.name);
    return c.json({ data: page.data, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }, 200);
  })
  .openapi(routes.bulkRateCards, async (c) => {
    const rateCards = await applyRateCardOperationsV2(
      context(c.env),
      c.req.valid('param').price_plan_id,
      c.req.valid('json').operations,
    );
    return c.json({ rateCards }, 200);
  })
  .openapi(routes.errors, async (c) => {
    const ctx = context(c.env);
    const view = await findPlanView(ctx, c.req.valid('param').price_plan_id);
    return c.json(
      { data: asValidatedEntityErrors(view.plan.id, view.definition, await planErrors(ctx, view.definition)) },
      200,
    );
  });

/** A version number carried by a page token (the last one served). */
function pageAfter(token: string | undefined, path: string): number | undefined {
  const after = decodePageToken(token);
  if (after === undefined) {
    return undefined;
  }
  const n = Number(after);
  if (!Number.isInteger(n) || n < 1) {
    throw invalid('invalid_query', [{ path: 'nextToken', message: `is not a token this API returned (${path})` }]);
  }
  return n;
}
