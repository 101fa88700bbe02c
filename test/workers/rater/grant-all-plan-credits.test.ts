import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { grantAllPlanCredits, GRANT_PAGE_SIZE } from '../../../rater/pipeline/grant-all-plan-credits';
import { ensureTenant } from '../../../rater/store/api-keys';
import { insertFeature } from '../../../rater/store/features';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { SCHEMA, seedTenant, recordingLedgerQueue } from './fixtures';

const ASSOCIATIONS = 5_000;

describe('plan credits for every open association, in bounded pages', () => {
  it(`grants all ${ASSOCIATIONS} associations' credits over several runs, each run bounded, none twice in a pass`, async () => {
    const { tenantId } = await seedTenant([]);
    const { db, pool } = connect(env);
    try {
      await ensureTenant(db, tenantId);
      const feature = await insertFeature(db, tenantId, {
        name: 'calls',
        schemaAssociations: [{ schemaName: SCHEMA }],
      });
      const draft = await insertPricePlan(db, tenantId, {
        name: 'with credits',
        currency: 'USD',
        pricingCycle: {
          interval: 'MONTHLY',
          startOffset: { dayOffset: 1, monthOffset: 1 },
          anniversaryCycle: false,
          gracePeriod: 0,
        },
        usageRateCards: [],
        fixedFees: [],
        entitlementRateCards: [{ featureId: feature!.id, granted: '10' }],
      });
      const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!;
      const ids = Array.from({ length: ASSOCIATIONS }, (_, i) => `pa.bulk-${String(i).padStart(5, '0')}`);
      await db.execute(sql`
        INSERT INTO plan_associations (tenant_id, id, account_id, plan_id, plan_version, currency, effective_from)
        SELECT ${tenantId}, id, 'acct-' || id, ${plan.id}, 1, 'USD', now() - interval '1 day' FROM unnest(${sql.param(ids)}::text[]) AS id`);

      const { queue, sent } = recordingLedgerQueue();
      const job = `plan-grants-test-${tenantId}`; // the daily cron of other suites runs its own pass
      const runs = [await grantAllPlanCredits(queue, db, { start: new Date(), pagesPerRun: 3, job })];
      while (!runs.at(-1)!.done) {
        runs.push(await grantAllPlanCredits(queue, db, { pagesPerRun: 3, job }));
      }

      // Every run stayed within its bound, and the pass took as many runs as that needs.
      expect(runs.every((r) => r.associations <= 3 * GRANT_PAGE_SIZE)).toBe(true);
      expect(runs.length).toBeGreaterThanOrEqual(Math.ceil(ASSOCIATIONS / (3 * GRANT_PAGE_SIZE)));
      const granted = sent
        .filter((m) => m.tenantId === tenantId && m.kind === 'plan-grants')
        .map((m) => (m.kind === 'plan-grants' ? m.associationId : ''));
      expect(new Set(granted).size).toBe(ASSOCIATIONS);
      expect(granted).toHaveLength(ASSOCIATIONS);
      // The pass is over: a ten-minute run with no pass started does nothing.
      expect(await grantAllPlanCredits(queue, db, { job })).toEqual({ associations: 0, messages: 0, done: true });
    } finally {
      await pool.end();
    }
  }, 120_000);
});
