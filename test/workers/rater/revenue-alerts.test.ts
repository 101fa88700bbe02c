import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../rater/db/connect';
import { correctEvent } from '../../../rater/pipeline/correct-event';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryRevenue } from '../../../rater/queries/revenue';
import { listIncidents } from '../../../rater/store/alert-incidents';
import { insertAlert } from '../../../rater/store/alerts';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { insertWebhookEndpoint } from '../../../rater/store/webhook-endpoints';
import { createAlertRequest } from '../../../shared/alert/alert';
import type { Incident } from '../../../shared/alert/incident';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { requestEvent, SCHEMA, seedTenant } from './fixtures';

/**
 * Revenue alerts are detected by the transaction that writes the revenue (migration 0024's
 * triggers on revenue_rollups and cycle_revenue): metering, and a correction that re-rates. Each
 * crossing of the account's revenue in its cycle is recorded once, with its webhook deliveries;
 * a redelivered batch fires nothing, and a correction that lowers the revenue re-arms it.
 */
const MAY = '2026-05-01T10:15:30.000Z';
const JUNE = '2026-06-02T10:15:30.000Z';
const NOW = new Date('2026-05-02T00:00:00Z');
const MONTHLY = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 2,
};

async function scenario(db: Database) {
  const { tenantId, meters } = await seedTenant([
    { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    {
      name: 'bytes',
      aggregation: 'SUM',
      computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      filters: [],
    },
  ]);
  const [count, bytes] = [meters[0]!.id, meters[1]!.id];
  // 1 USD per event and 0.5 USD per byte: an event of b bytes earns 1 + b/2.
  const plan = async (currency: string) => {
    const draft = await insertPricePlan(db, tenantId, {
      name: `p-${currency}`,
      currency,
      pricingCycle: MONTHLY,
      fixedFees: [],
      entitlementRateCards: [],
      usageRateCards: [
        usageRateCardSchema.parse({
          usageMeterId: count,
          pricingModel: 'TIERED',
          slabs: [{ startAfter: '0', rate: '1' }],
        }),
        usageRateCardSchema.parse({
          usageMeterId: bytes,
          pricingModel: 'TIERED',
          slabs: [{ startAfter: '0', rate: '0.5' }],
        }),
      ],
    });
    return (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
  };
  const usd = await plan('USD');
  const eur = await plan('EUR');
  for (const [accountId, planId] of [
    ['acme', usd],
    ['globex', usd],
    ['initech', eur],
  ] as const) {
    await insertPlanAssociation(db, tenantId, {
      accountId,
      pricePlanId: planId,
      pricePlanVersion: 1,
      effectiveFrom: '2026-01-01T00:00:00Z',
    });
  }
  const alert = (body: object) =>
    insertAlert(
      db,
      tenantId,
      createAlertRequest.parse({
        alertTemplateId: 'REVENUE_THRESHOLD',
        interval: 0,
        status: 'ACTIVE',
        entityDetails: { currency: { id: 'USD' } },
        ...body,
      }),
    );
  const event = (id: string, byteCount: string, at = MAY, accountId = 'acme') =>
    requestEvent(id, byteCount, { accountId, timestamp: at, acceptedAt: at });
  const meter = (list: AcceptedEvent[]) => meterBatch(db, [{ tenantId, events: list }]);
  const undo = (e: AcceptedEvent) =>
    correctEvent(
      db,
      tenantId,
      'UNDO',
      {
        id: e.id,
        schemaName: SCHEMA,
        timestamp: e.timestamp,
        accountId: e.accountId,
        attributes: Object.entries(e.attributes).map(([name, value]) => ({ name, value })),
        dimensions: e.dimensions,
      },
      NOW,
    );
  // Amounts are exact JSON numbers (rawJSON): compared as the text a client receives.
  const incidents = async () =>
    (await listIncidents(db, tenantId, {}, { limit: 100 })).map(
      (r) => JSON.parse(JSON.stringify(r.incident)) as Incident,
    );
  const crossings = async () =>
    (await incidents()).map((i) => [
      i.reportData?.account.id,
      i.reportData?.threshold.index,
      i.reportData?.revenue?.before,
      i.reportData?.revenue?.after,
    ]);
  const revenue = async (accountId: string) => {
    const query = revenueQuerySchema.parse({ from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z', accountId });
    return (await queryRevenue(db, tenantId, query)).totals.map((t) => `${t.value} ${t.currency}`);
  };
  return { tenantId, alert, event, meter, undo, incidents, crossings, revenue };
}

async function withScenario(work: (s: Awaited<ReturnType<typeof scenario>>) => Promise<void>) {
  const { db, pool } = connect(env);
  try {
    await work(await scenario(db));
  } finally {
    await pool.end();
  }
}

describe('revenue alerts', () => {
  it('fire once per threshold the batch carries the revenue through, all meters together; a redelivered batch fires nothing', () =>
    withScenario(async (s) => {
      const alert = await s.alert({ parameters: { threshold: { type: 'PERCENTAGE', values: [50, 100], limit: 20 } } }); // 10 and 20 USD
      await s.meter([s.event('a', '4'), s.event('b', '4')]); // 2 × (1 + 2) = 6
      expect(await s.incidents()).toEqual([]);
      const batch = [s.event('c', '10'), s.event('d', '0')]; // (1 + 5) + 1 = 7: 6 → 13
      await s.meter(batch);
      await s.meter(batch); // redelivered: the id gate makes it a no-op
      await s.meter([...batch, s.event('e', '2')]); // partly redelivered: 13 → 15 crosses nothing
      const fired = await s.incidents();
      expect(fired).toHaveLength(1);
      expect(fired[0]).toMatchObject({
        alertId: alert.id,
        alertTemplateId: 'REVENUE_THRESHOLD',
        status: 'TRIGGERED',
        reportData: {
          account: { id: 'acme' },
          currency: { id: 'USD' },
          threshold: { index: 0, value: 10 },
          cycle: { start: '2026-05-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' },
        },
      });
      expect(fired[0]!.reportData?.usageMeter).toBeUndefined();
      // The batch is one change, both meters together, whatever order its rows are written in.
      expect(fired[0]!.reportData?.revenue).toEqual({ before: 6, after: 13 });
      expect(await s.revenue('acme')).toEqual(['15 USD']);
    }));

  it('a correction that lowers the revenue re-arms the threshold: the next crossing fires again, the correction itself fires nothing', () =>
    withScenario(async (s) => {
      await s.alert({ parameters: { threshold: { values: [10] } } });
      const big = s.event('big', '14'); // 1 + 7 = 8
      await s.meter([s.event('small', '2'), big]); // 2 + 8 = 10: crosses 10
      expect(await s.crossings()).toEqual([['acme', 0, 0, 10]]);

      expect(await s.undo(big)).toMatchObject({ changed: true, to: 'REVERTED' }); // 10 → 2
      expect(await s.undo(big)).toMatchObject({ changed: false }); // retried: nothing changes
      expect(await s.revenue('acme')).toEqual(['2 USD']);
      expect(await s.crossings()).toHaveLength(1);

      await s.meter([s.event('again', '16')]); // 2 + 9 = 11: crosses 10 again
      expect(await s.crossings()).toEqual([
        ['acme', 0, 0, 10],
        ['acme', 0, 2, 11],
      ]);
    }));

  it('watch one account or all, in the alert currency only, in each cycle afresh; INACTIVE alerts fire nothing', () =>
    withScenario(async (s) => {
      const all = await s.alert({ parameters: { threshold: { values: [3] } } });
      const globexOnly = await s.alert({
        ownerDetails: { account: { id: 'globex' } },
        parameters: { threshold: { values: [3] } },
      });
      await s.alert({ status: 'INACTIVE', parameters: { threshold: { values: [1] } } });
      await s.meter([s.event('acme-may', '4')]); // 3 USD
      await s.meter([s.event('globex-may', '4', MAY, 'globex')]); // 3 USD
      await s.meter([s.event('initech-may', '40', MAY, 'initech')]); // 21 EUR: no USD alert watches it
      await s.meter([s.event('acme-june', '4', JUNE)]); // June's cycle starts from 0
      const fired = (await s.incidents())
        .map((i) => [i.reportData?.cycle?.start, i.reportData?.account.id, i.alertId].join(' '))
        .sort();
      expect(fired).toEqual(
        [
          `2026-05-01T00:00:00.000Z acme ${all.id}`,
          `2026-05-01T00:00:00.000Z globex ${all.id}`,
          `2026-05-01T00:00:00.000Z globex ${globexOnly.id}`,
          `2026-06-01T00:00:00.000Z acme ${all.id}`,
        ].sort(),
      );
    }));

  it('record each crossing in the webhook outbox once per ACTIVE endpoint, in the same transaction', () =>
    withScenario(async (s) => {
      const { db, pool } = connect(env);
      try {
        const first = await insertWebhookEndpoint(db, s.tenantId, { url: 'http://127.0.0.1:9/one' });
        const second = await insertWebhookEndpoint(db, s.tenantId, { url: 'http://127.0.0.1:9/two' });
        await s.alert({ parameters: { threshold: { values: [1] } } });
        await s.meter([s.event('x', '0')]);
        const [incident] = await s.incidents();
        expect(
          incident?.reportData?.webhooks.deliveries.map((d) => [d.endpointId, d.status, d.attempts]).sort(),
        ).toEqual(
          [
            [first.id, 'PENDING', 0],
            [second.id, 'PENDING', 0],
          ].sort(),
        );
      } finally {
        await pool.end();
      }
    }));
});
