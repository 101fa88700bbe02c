import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../rater/db/connect';
import { changePricingSchedule } from '../../../rater/pipeline/change-pricing-schedule';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { listIncidents } from '../../../rater/store/alert-incidents';
import { insertAlert } from '../../../rater/store/alerts';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { insertWebhookEndpoint } from '../../../rater/store/webhook-endpoints';
import { createAlertRequest } from '../../../shared/alert/alert';
import { updatePricingScheduleRequest } from '../../../shared/pricing/pricing-schedule';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { requestEvent, seedTenant } from './fixtures';

/**
 * Usage alerts are detected by the metering transaction itself (migration 0022's trigger on
 * cycle_usage): an incident and its webhook deliveries exist exactly when the usage that crossed
 * the threshold is committed, once per crossing, whatever is redelivered.
 */
const MAY = '2026-05-01T10:15:30.000Z';
const JUNE = '2026-06-02T10:15:30.000Z';

async function scenario(db: Database) {
  const { tenantId, meters } = await seedTenant([
    { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
  ]);
  const meterId = meters[0]!.id;
  const card = usageRateCardSchema.parse({
    usageMeterId: meterId,
    pricingModel: 'TIERED',
    slabs: [{ startAfter: '0', rate: '1' }],
  });
  const draft = await insertPricePlan(db, tenantId, {
    name: 'p',
    currency: 'USD',
    pricingCycle: {
      interval: 'MONTHLY',
      startOffset: { dayOffset: 1, monthOffset: 1 },
      anniversaryCycle: false,
      gracePeriod: 2,
    },
    usageRateCards: [card],
    fixedFees: [],
    entitlementRateCards: [],
  });
  const planId = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
  for (const account of ['acme', 'globex']) {
    await changePricingSchedule(db, tenantId, account, [
      updatePricingScheduleRequest.parse({ pricePlanId: planId, effectiveFrom: '2026-05-01' }),
    ]);
  }
  const alert = (body: object) =>
    insertAlert(
      db,
      tenantId,
      createAlertRequest.parse({
        alertTemplateId: 'USAGE_THRESHOLD',
        interval: 0,
        status: 'ACTIVE',
        entityDetails: { usageMeter: { id: meterId } },
        ...body,
      }),
    );
  const events = (prefix: string, n: number, at: string, accountId = 'acme') =>
    Array.from({ length: n }, (_, i) =>
      requestEvent(`${prefix}-${i}`, '1', { accountId, timestamp: at, acceptedAt: at }),
    );
  const meter = (list: ReturnType<typeof events>) => meterBatch(db, [{ tenantId, events: list }]);
  const incidents = async () => (await listIncidents(db, tenantId, {}, { limit: 100 })).map((r) => r.incident);
  return { tenantId, alert, events, meter, incidents };
}

describe('usage alerts', () => {
  it('fire once per threshold crossed, from the batch that crossed it; a redelivered batch fires nothing', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await scenario(db);
      const alert = await s.alert({ parameters: { threshold: { type: 'PERCENTAGE', values: [30, 50], limit: 10 } } });
      const endpoint = await insertWebhookEndpoint(db, s.tenantId, { url: 'http://127.0.0.1:9/unused' });

      await s.meter(s.events('a', 2, MAY));
      expect(await s.incidents()).toEqual([]);
      const batch = s.events('b', 4, MAY); // 2 → 6: crosses 3 and 5 (30% and 50% of 10)
      await s.meter(batch);
      await s.meter(batch); // redelivered: the id gate makes it a no-op
      await s.meter([...batch, ...s.events('c', 1, MAY)]); // partly redelivered: 6 → 7 crosses nothing
      const fired = await s.incidents();
      expect(
        fired.map((i) => [
          i.alertId,
          i.reportData?.threshold.index,
          JSON.stringify(i.reportData?.threshold.value),
          JSON.stringify(i.reportData?.usage?.before),
          JSON.stringify(i.reportData?.usage?.after),
        ]),
      ).toEqual([
        [alert.id, 0, '3', '2', '6'],
        [alert.id, 1, '5', '2', '6'],
      ]);
      // Each crossing is in the webhook outbox once per endpoint, PENDING.
      expect(fired.map((i) => i.reportData?.webhooks.deliveries)).toEqual([
        [{ endpointId: endpoint.id, status: 'PENDING', attempts: 0, nextAttemptAt: expect.any(String) }],
        [{ endpointId: endpoint.id, status: 'PENDING', attempts: 0, nextAttemptAt: expect.any(String) }],
      ]);
    } finally {
      await pool.end();
    }
  });

  it('fire again when the value starts below the threshold again (a new cycle), and watch one account or all', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await scenario(db);
      const all = await s.alert({ parameters: { threshold: { values: [2] } } });
      const globexOnly = await s.alert({
        ownerDetails: { account: { id: 'globex' } },
        parameters: { threshold: { values: [2] } },
      });
      await s.meter(s.events('may-acme', 2, MAY));
      await s.meter(s.events('may-globex', 3, MAY, 'globex'));
      await s.meter(s.events('june-acme', 5, JUNE));
      const byKey = (rows: unknown[][]) => rows.map((r) => r.join(' ')).sort();
      const fired = (await s.incidents()).map((i) => [i.reportData?.cycle?.start, i.reportData?.account.id, i.alertId]);
      expect(byKey(fired)).toEqual(
        byKey([
          ['2026-05-01T00:00:00.000Z', 'acme', all.id],
          ['2026-05-01T00:00:00.000Z', 'globex', all.id],
          ['2026-05-01T00:00:00.000Z', 'globex', globexOnly.id],
          ['2026-06-01T00:00:00.000Z', 'acme', all.id],
        ]),
      );
    } finally {
      await pool.end();
    }
  });

  it('an INACTIVE alert fires nothing', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await scenario(db);
      await s.alert({ status: 'INACTIVE', parameters: { threshold: { values: [1] } } });
      await s.meter(s.events('x', 3, MAY));
      expect(await s.incidents()).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
