import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryRevenue } from '../../../rater/queries/revenue';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { price } from '../../../shared/pricing/price';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { requestEvent, seedTenant, usageOf } from './fixtures';

/**
 * One hot account (a tenant's whole traffic on one customer) metered by 8 consumers at once, each
 * with its own pool as separate invocations would be, every batch delivered twice by different
 * consumers. Every batch touches the same rollup rows and the same cycle-usage rows, so this is
 * where lock order and lock span show: no deadlock (Postgres would abort a batch), no lost update
 * (usage and revenue equal a brute force exactly), and the throughput is printed.
 */
const CONSUMERS = 8;
const EVENTS = 480;
const BATCH = 20;

describe('one hot account, 8 concurrent consumers', () => {
  it('meters and rates every event once: no deadlock, no lost update', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
      {
        name: 'sum',
        aggregation: 'SUM',
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
        filters: [],
      },
      {
        name: 'max',
        aggregation: 'MAX',
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
        filters: [],
      },
      {
        name: 'latest',
        aggregation: 'LATEST',
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
        filters: [],
      },
    ]);
    const [countMeter, sumMeter, maxMeter, latestMeter] = meters as [
      (typeof meters)[0],
      (typeof meters)[0],
      (typeof meters)[0],
      (typeof meters)[0],
    ];
    const countCard = usageRateCardSchema.parse({
      usageMeterId: countMeter.id,
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '0.5' },
        { startAfter: '100', rate: '0.25' },
        { startAfter: '300', rate: '7', priceType: 'FLAT' },
      ],
    });
    const sumCard = usageRateCardSchema.parse({
      usageMeterId: sumMeter.id,
      pricingModel: 'VOLUME',
      slabs: [
        { startAfter: '0', rate: '0.01' },
        { startAfter: '5000', rate: '0.008' },
      ],
    });

    const { db, pool } = connect(env);
    try {
      const draft = await insertPricePlan(db, tenantId, {
        name: 'hot',
        currency: 'USD',
        pricingCycle: {
          interval: 'MONTHLY',
          startOffset: { dayOffset: 1, monthOffset: 1 },
          anniversaryCycle: false,
          gracePeriod: 0,
        },
        usageRateCards: [countCard, sumCard],
        fixedFees: [],
        entitlementRateCards: [],
      });
      const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!;
      await insertPlanAssociation(db, tenantId, {
        accountId: 'hot',
        pricePlanId: plan.id,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00Z',
      });
    } finally {
      await pool.end();
    }

    // All in two minutes of May: every batch hits the same few rollup rows and one cycle per card.
    const events: AcceptedEvent[] = Array.from({ length: EVENTS }, (_, i) =>
      requestEvent(`hot-${i}`, new Decimal((i * 37) % 101).div(4).toFixed(), {
        accountId: 'hot',
        timestamp: new Date(Date.parse('2026-05-01T10:15:00Z') + (i % 120) * 1000).toISOString(),
      }),
    );
    const batches: AcceptedEvent[][] = [];
    for (let i = 0; i < EVENTS; i += BATCH) {
      batches.push(events.slice(i, i + BATCH));
    }
    // Each batch twice, the second copy half the queue later: another consumer takes it.
    const deliveries = [...batches.keys(), ...batches.keys()].map((k, i) =>
      i < batches.length ? k : (k + batches.length / 2) % batches.length,
    );

    const started = performance.now();
    let next = 0;
    const processed = await Promise.all(
      Array.from({ length: CONSUMERS }, async () => {
        const { db: own, pool: ownPool } = connect(env);
        let count = 0;
        try {
          while (next < deliveries.length) {
            const batch = batches[deliveries[next++]!]!;
            count += (await meterBatch(own, [{ tenantId, events: batch }])).processed;
          }
        } finally {
          await ownPool.end();
        }
        return count;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `hot account: ${EVENTS} events, ${deliveries.length} deliveries by ${CONSUMERS} consumers in ${seconds.toFixed(2)} s — ${(EVENTS / seconds).toFixed(0)} events/s`,
    );

    expect(processed.reduce((a, b) => a + b, 0)).toBe(EVENTS);
    const total = events.reduce((sum, e) => sum.plus(e.attributes.bytes!), new Decimal(0));
    expect(await usageOf(tenantId, countMeter, 'hot')).toBe(String(EVENTS));
    expect(new Decimal((await usageOf(tenantId, sumMeter, 'hot'))!).toFixed()).toBe(total.toFixed());
    const largest = events.reduce((m, e) => Decimal.max(m, e.attributes.bytes!), new Decimal(0));
    expect(new Decimal((await usageOf(tenantId, maxMeter, 'hot'))!).toFixed()).toBe(largest.toFixed());
    const last = [...events]
      .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id < b.id ? -1 : 1))
      .at(-1)!;
    expect(new Decimal((await usageOf(tenantId, latestMeter, 'hot'))!).toFixed()).toBe(
      new Decimal(last.attributes.bytes!).toFixed(),
    );

    const { db: reader, pool: readerPool } = connect(env);
    try {
      const query = revenueQuerySchema.parse({
        from: '2026-05-01T00:00:00Z',
        to: '2026-06-01T00:00:00Z',
        groupBy: 'accountId',
        window: 'MONTH',
      });
      const revenue = await queryRevenue(reader, tenantId, query);
      const got = revenue.totals.reduce((sum, s) => sum.plus(s.value), new Decimal(0));
      expect(got.toFixed()).toBe(price(countCard, String(EVENTS)).plus(price(sumCard, total)).toFixed());
    } finally {
      await readerPool.end();
    }
  });
});
