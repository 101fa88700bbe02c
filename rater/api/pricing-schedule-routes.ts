import { pricingScheduleRoutes as routes } from '../../shared/api/pricing-schedule-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import type { UpdatePricingScheduleResponse } from '../../shared/pricing/pricing-schedule';
import type { Database } from '../db/connect';
import { changePricingSchedule } from '../pipeline/change-pricing-schedule';
import { grantPlanCredits } from '../pipeline/grant-plan-credits';
import { findAccount } from '../store/accounts';
import { listPlanAssociations, ratingAssociationsFor } from '../store/plan-associations';
import {
  findScheduleKey,
  listSchedules,
  toPlanOverride,
  toPricingSchedule,
  type ScheduleRow,
} from '../store/pricing-schedules';
import { sendSpendAdjustments } from '../pipeline/send-spend-adjustments';
import type { RaterHono } from './hono-env';
import { createRouter } from './router';

type Env = RaterHono['Bindings'];

/** Togai's pricing-schedule operations: HTTP in and out; the rules are in changePricingSchedule. */
export const pricingScheduleRoutes = createRouter()
  .openapi(routes.update, async (c) => {
    const { accountId } = c.req.valid('param');
    const schedules = await changePricingSchedule(c.env.db, c.env.principal.tenantId, accountId, [c.req.valid('json')]);
    await sendLedgerChanges(c.env, accountId);
    return c.json(await scheduleResponse(c.env.db, c.env.principal.tenantId, accountId, schedules), 200);
  })
  .openapi(routes.editBatch, async (c) => {
    const { accountId } = c.req.valid('param');
    const dryRun = c.req.valid('query').dry_run ?? false;
    const schedules = await changePricingSchedule(
      c.env.db,
      c.env.principal.tenantId,
      accountId,
      c.req.valid('json').edits,
      {
        dryRun,
        prefix: (i) => `edits.${i}.`,
      },
    );
    if (!dryRun) {
      await sendLedgerChanges(c.env, accountId);
    }
    return c.json(await scheduleResponse(c.env.db, c.env.principal.tenantId, accountId, schedules), 200);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { accountId } = c.req.valid('param');
    const query = c.req.valid('query');
    const afterId = await decodeOwnPageToken(query.nextToken, (id) =>
      findScheduleKey(db, principal.tenantId, accountId, id),
    );
    const after =
      afterId === undefined ? undefined : (await findScheduleKey(db, principal.tenantId, accountId, afterId))!;
    const rows = await listSchedules(db, principal.tenantId, accountId, {
      after,
      limit: query.pageSize + 1,
      start: query.start_date,
      end: query.end_date,
    });
    const page = toPage(rows, query.pageSize, (row) => row.id);
    const withInfo = query.include_price_plan_info ?? false;
    return c.json(
      {
        data: page.data.map((row) => toPricingSchedule(row, withInfo)),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      },
      200,
    );
  })
  .openapi(routes.associations, async (c) => {
    const { db, principal } = c.env;
    return c.json({ data: await listPlanAssociations(db, principal.tenantId, c.req.valid('param').accountId) }, 200);
  });

/**
 * The account's plan credits: a new plan's for this cycle and the next, an ended one's cut to its
 * end. If this send fails, the daily cron sends the same (the entries are idempotent).
 */
/** After the commit: the account's plan credits, and the spend a new association's catch-up rated. */
async function sendLedgerChanges(env: Env, accountId: string): Promise<void> {
  const all = await ratingAssociationsFor(env.db, env.principal.tenantId, [accountId]);
  await grantPlanCredits(
    env.ledgerQueue,
    all.map((a) => ({ ...a, tenantId: env.principal.tenantId })),
    Date.now(),
  ).catch((error: unknown) => console.error('plan credits not sent; the daily cron will send them', error));
  await sendSpendAdjustments(env.ledgerQueue, env.db, env.principal.tenantId, [accountId]).catch((error: unknown) =>
    console.error(`spend rated by the catch-up of '${accountId}' not sent now; the stale sweep sends it`, error),
  );
}

async function scheduleResponse(
  db: Database,
  tenantId: string,
  accountId: string,
  schedules: ScheduleRow[],
): Promise<UpdatePricingScheduleResponse> {
  const found = await findAccount(db, tenantId, accountId);
  return { accountId, accountName: found?.account.name ?? accountId, pricingSchedules: schedules.map(toPlanOverride) };
}
