import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryRevenue } from '../../../rater/queries/revenue';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { insertUsageMeter, setUsageMeterStatus } from '../../../rater/store/usage-meters';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { requestEvent, SCHEMA, seedTenant, usageOf } from './fixtures';

/**
 * Metering caches configuration per isolate (rater/store/metering-config.ts). A change made
 * through the stores is seen by the next batch; an association the cache cannot know about (written
 * behind its back, as another isolate would) is caught by the batch statement's check under the
 * plan lock, and the batch is rated with it — never without.
 */
describe('metering configuration cached per isolate', () => {
  it('meters with a meter activated after the cache was filled', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    ]);
    const { db, pool } = connect(env);
    try {
      await meterBatch(db, [{ tenantId, events: [requestEvent('before', '5')] }]);
      const draft = await insertUsageMeter(db, tenantId, {
        name: 'sum',
        type: 'COUNTER',
        aggregation: 'SUM',
        eventSchemaName: SCHEMA,
        filters: [],
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      });
      const sum = (await setUsageMeterStatus(db, tenantId, draft!, 'ACTIVE'))!;
      await meterBatch(db, [{ tenantId, events: [requestEvent('after', '7')] }]);
      expect(await usageOf(tenantId, meters[0]!)).toBe('2');
      expect(await usageOf(tenantId, sum)).toBe('7');
    } finally {
      await pool.end();
    }
  });

  it('rates with an association written behind the cache’s back', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    ]);
    const { db, pool } = connect(env);
    try {
      const draft = await insertPricePlan(db, tenantId, {
        name: 'p',
        currency: 'USD',
        pricingCycle: {
          interval: 'MONTHLY',
          startOffset: { dayOffset: 1, monthOffset: 1 },
          anniversaryCycle: false,
          gracePeriod: 0,
        },
        usageRateCards: [
          {
            usageMeterId: meters[0]!.id,
            pricingModel: 'TIERED',
            slabs: [{ startAfter: '0', rate: '2', priceType: 'PER_UNIT' }],
          },
        ],
        fixedFees: [],
        entitlementRateCards: [],
      });
      const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!;
      // The cache now holds "acme has no plan".
      await meterBatch(db, [
        { tenantId, events: [requestEvent('unrated', '1', { timestamp: '2026-04-10T00:00:00.000Z' })] },
      ]);
      await pool.query(
        `INSERT INTO plan_associations (tenant_id, id, account_id, plan_id, plan_version, effective_from, currency) VALUES ($1, 'pa.behind', 'acme', $2, 1, '2026-05-01T00:00:00Z', 'USD')`,
        [tenantId, plan.id],
      );
      await meterBatch(db, [{ tenantId, events: [requestEvent('rated', '1')] }]);
      const query = revenueQuerySchema.parse({
        from: '2026-04-01T00:00:00Z',
        to: '2026-06-01T00:00:00Z',
        groupBy: 'accountId',
        window: 'MONTH',
      });
      const revenue = await queryRevenue(db, tenantId, query);
      expect(revenue.totals.map((t) => Number(t.value)).reduce((a, b) => a + b, 0)).toBe(2);
    } finally {
      await pool.end();
    }
  });
});
