import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../rater/db/connect';
import { changePricingSchedule } from '../../../rater/pipeline/change-pricing-schedule';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryMetrics } from '../../../rater/queries/metrics';
import { queryRevenue } from '../../../rater/queries/revenue';
import { accountStatement } from '../../../rater/queries/statement';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { raisePurgeWatermark } from '../../../rater/store/purge-watermark';
import { Decimal } from '../../../shared/decimal/decimal';
import { AppError } from '../../../shared/errors/app-error';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { roundMoney } from '../../../shared/pricing/currency';
import { price } from '../../../shared/pricing/price';
import { updatePricingScheduleRequest } from '../../../shared/pricing/pricing-schedule';
import { usageRateCardSchema, type UsageRateCard } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { requestEvent, seedTenant } from './fixtures';
import { cardArb } from './rate-card-arbitrary';

/**
 * A backdated association rates the usage metered since effectiveFrom exactly once (Togai bills
 * it), whatever races it: events metered before it, batches metered while it is made (some
 * redelivered), and batches after. Then revenue, metrics and each month's statement equal a brute
 * force — per calendar month, the price of the usage from effectiveFrom on — exactly.
 */
// July and August: after every cutoff the purge tests (which share this database) delete below.
const START = Date.parse('2026-07-01T00:00:00Z');
const SPAN_MINUTES = 62 * 24 * 60;
const MONTHLY = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 0,
};

const eventArb = fc.record({
  minute: fc.integer({ min: 0, max: SPAN_MINUTES - 1 }),
  cents: fc.integer({ min: 0, max: 10_000 }),
});

const scenarioArb = fc.record({
  sumCard: cardArb,
  countCard: cardArb,
  /** effectiveFrom: a day of July or August (a date, as Togai sends it). */
  fromDay: fc.integer({ min: 0, max: 61 }),
  before: fc.array(eventArb, { maxLength: 25 }),
  racing: fc.array(eventArb, { maxLength: 25 }),
  after: fc.array(eventArb, { maxLength: 10 }),
  redelivered: fc.array(fc.nat(), { maxLength: 8 }),
  batchSize: fc.integer({ min: 1, max: 8 }),
  /** Where among the racing batches the association starts. */
  associateAt: fc.nat(),
});

describe('a backdated association rates the usage since effectiveFrom, exactly once', () => {
  it('whatever is metered before, while and after it is made', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { tenantId, meters } = await seedTenant([
          { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
          {
            name: 'sum',
            aggregation: 'SUM',
            computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
            filters: [],
          },
        ]);
        const [countMeter, sumMeter] = meters as [(typeof meters)[0], (typeof meters)[0]];
        const card = (meterId: string, raw: unknown) =>
          usageRateCardSchema.parse({ usageMeterId: meterId, ...(raw as object) });
        const cards = [card(countMeter.id, scenario.countCard), card(sumMeter.id, scenario.sumCard)];
        const from = new Date(START + scenario.fromDay * 86_400_000).toISOString().slice(0, 10);

        const { db, pool } = connect(env);
        try {
          const planId = await activePlan(db, tenantId, cards);
          let n = 0;
          const toEvents = (list: { minute: number; cents: number }[]) =>
            list.map((e) => {
              const timestamp = new Date(START + e.minute * 60_000).toISOString();
              return requestEvent(`e-${n++}`, new Decimal(e.cents).div(100).toFixed(), {
                timestamp,
                acceptedAt: timestamp,
              });
            });
          const [before, racing, after] = [
            toEvents(scenario.before),
            toEvents(scenario.racing),
            toEvents(scenario.after),
          ];
          const all = [...before, ...racing, ...after];
          const batchesOf = (events: AcceptedEvent[]) => {
            const batches: AcceptedEvent[][] = [];
            for (let i = 0; i < events.length; i += scenario.batchSize) {
              batches.push(events.slice(i, i + scenario.batchSize));
            }
            return batches;
          };
          const meter = (batch: AcceptedEvent[]) => meterBatch(db, [{ tenantId, events: batch }]);

          for (const batch of batchesOf(before)) {
            await meter(batch);
          }
          // Racing: batches (and redeliveries of any event) in flight while the association is made.
          const redelivered = all.length === 0 ? [] : scenario.redelivered.map((k) => all[k % all.length]!);
          const racingBatches = batchesOf([...racing, ...redelivered]);
          const split = racingBatches.length === 0 ? 0 : scenario.associateAt % (racingBatches.length + 1);
          const associate = changePricingSchedule(db, tenantId, 'acme', [
            updatePricingScheduleRequest.parse({
              pricePlanId: planId,
              effectiveFrom: from,
              effectiveUntil: '9999-01-01',
            }),
          ]);
          await Promise.all([
            ...racingBatches.slice(0, split).map(meter),
            associate,
            ...racingBatches.slice(split).map(meter),
          ]);
          for (const batch of batchesOf(after)) {
            await meter(batch);
          }

          // Brute force: per calendar month, the usage of each card from effectiveFrom on.
          const expected = new Map<string, { card: UsageRateCard; usage: Decimal }>();
          for (const event of all) {
            const t = Date.parse(event.timestamp);
            if (t < Date.parse(`${from}T00:00:00Z`)) {
              continue;
            }
            const month = event.timestamp.slice(0, 7);
            for (const c of cards) {
              const key = `${c.usageMeterId}|${month}`;
              const entry = expected.get(key) ?? { card: c, usage: new Decimal(0) };
              entry.usage = entry.usage.plus(c.usageMeterId === countMeter.id ? '1' : event.attributes.bytes!);
              expected.set(key, entry);
            }
          }
          const expectedRevenue = [...expected.values()].reduce(
            (sum, e) => sum.plus(price(e.card, e.usage)),
            new Decimal(0),
          );

          const query = revenueQuerySchema.parse({
            from: '2026-07-01T00:00:00Z',
            to: '2026-09-01T00:00:00Z',
            groupBy: 'meterId',
            window: 'MONTH',
          });
          const total = (await queryRevenue(db, tenantId, query)).totals.reduce(
            (sum, s) => sum.plus(s.value),
            new Decimal(0),
          );
          expect(total.toFixed()).toBe(expectedRevenue.toFixed());
          // The catch-up writes its revenue under the association's plan, as metering does.
          const byPlan = await queryRevenue(db, tenantId, { ...query, groupBy: 'pricePlanId' });
          const planGroups = byPlan.groups ?? [];
          expect(planGroups.filter((g) => g.pricePlanId !== planId)).toEqual([]);
          expect(planGroups.reduce((sum, g) => sum.plus(g.value), new Decimal(0)).toFixed()).toBe(total.toFixed());
          const metrics = await queryMetrics(db, tenantId, {
            startTime: query.from,
            endTime: query.to,
            timeZone: 'UTC',
            metricQueries: [{ id: 'r', name: 'REVENUE', aggregationPeriod: 'MONTH', groupBy: 'ACCOUNT_ID' }],
          });
          const metricTotal = metrics.results[0]!.data.flatMap((s) => s.metricValues).reduce(
            (sum, v) => sum.plus(JSON.stringify(v)),
            new Decimal(0),
          );
          expect(metricTotal.toFixed()).toBe(expectedRevenue.toFixed());

          for (const [month, end] of [
            ['2026-07', '2026-08-01'],
            ['2026-08', '2026-09-01'],
          ] as const) {
            if (end <= from) {
              continue; // no plan in force that month
            }
            const at = Math.max(Date.parse(`${month}-01T00:00:00Z`), Date.parse(`${from}T00:00:00Z`));
            const statement = await accountStatement(db, tenantId, 'acme', at, Date.parse('2026-10-01T00:00:00Z'));
            expect(statement.plans).toHaveLength(1);
            for (const line of statement.plans.flatMap((p) => p.usageLines)) {
              const entry = expected.get(`${line.usageMeterId}|${month}`);
              expect(new Decimal(line.usage).toFixed(), `${month} ${line.usageMeterId}`).toBe(
                (entry?.usage ?? new Decimal(0)).toFixed(),
              );
              expect(line.amount).toBe(roundMoney(entry ? price(entry.card, entry.usage) : '0', 'USD'));
            }
          }
        } finally {
          await pool.end();
        }
      }),
      { numRuns: 20 },
    );
  }, 240_000);

  it('leaves nothing behind when the edit fails after its catch-up ran, and rates once on the retry', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    ]);
    const tiered = usageRateCardSchema.parse({
      usageMeterId: meters[0]!.id,
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '1' },
        { startAfter: '100', rate: '0.5' },
      ],
    });
    const { db, pool } = connect(env);
    try {
      const planId = await activePlan(db, tenantId, [tiered]);
      const events = Array.from({ length: 150 }, (_, i) => {
        const timestamp = new Date(Date.parse('2026-07-02T00:00:00Z') + i * 60_000).toISOString();
        return requestEvent(`e-${i}`, '1', { timestamp, acceptedAt: timestamp });
      });
      await meterBatch(db, [{ tenantId, events }]);
      const edit = (body: object) => updatePricingScheduleRequest.parse(body);
      const revenue = async () => {
        const query = revenueQuerySchema.parse({ from: '2026-07-01T00:00:00Z', to: '2026-08-01T00:00:00Z' });
        return (await queryRevenue(db, tenantId, query)).totals.map((t) => new Decimal(t.value).toFixed());
      };
      // The first edit associates and catches up; the second fails (it would split the first): all rolls back.
      const failing = changePricingSchedule(db, tenantId, 'acme', [
        edit({ pricePlanId: planId, effectiveFrom: '2026-07-01', effectiveUntil: '9999-01-01' }),
        edit({ mode: 'DISASSOCIATE', effectiveFrom: '2026-07-10', effectiveUntil: '2026-07-20' }),
      ]);
      await expect(failing).rejects.toMatchObject({ code: 'plan_association_split' } satisfies Partial<AppError>);
      expect(await revenue()).toEqual([]);
      const dryRun = await changePricingSchedule(
        db,
        tenantId,
        'acme',
        [edit({ pricePlanId: planId, effectiveFrom: '2026-07-01' })],
        { dryRun: true },
      );
      expect(dryRun).toHaveLength(1);
      expect(await revenue()).toEqual([]);

      await changePricingSchedule(db, tenantId, 'acme', [edit({ pricePlanId: planId, effectiveFrom: '2026-07-01' })]);
      expect(await revenue()).toEqual(['125']); // 100 × 1 + 50 × 0.5
      // Ending it where it has rated usage would re-rate: refused, naming the field.
      const ending = changePricingSchedule(db, tenantId, 'acme', [
        edit({ mode: 'DISASSOCIATE', effectiveFrom: '2026-07-02' }),
      ]);
      await expect(ending).rejects.toMatchObject({
        code: 'plan_association_rated',
        errors: [{ path: 'effectiveFrom' }],
      });
      // After the last rated event it may end; usage after that is not rated.
      await changePricingSchedule(db, tenantId, 'acme', [edit({ mode: 'DISASSOCIATE', effectiveFrom: '2026-07-03' })]);
      await meterBatch(db, [
        {
          tenantId,
          events: [
            requestEvent('late', '1', {
              timestamp: '2026-07-05T00:00:00.000Z',
              acceptedAt: '2026-07-05T00:00:00.000Z',
            }),
          ],
        },
      ]);
      expect(await revenue()).toEqual(['125']);
    } finally {
      await pool.end();
    }
  });
});

describe('the catch-up places usage where metering would have', () => {
  it('from an instant inside a minute, and a late event in the cycle open when it arrived', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    ]);
    const { db, pool } = connect(env);
    try {
      const planId = await activePlan(db, tenantId, [
        usageRateCardSchema.parse({
          usageMeterId: meters[0]!.id,
          pricingModel: 'TIERED',
          slabs: [{ startAfter: '0', rate: '1' }],
        }),
      ]);
      const at = (timestamp: string, acceptedAt = timestamp) => ({ timestamp, acceptedAt });
      await meterBatch(db, [
        {
          tenantId,
          events: [
            requestEvent('before-start', '1', at('2026-07-10T12:00:10.000Z')), // same minute as effectiveFrom, before it: not rated
            requestEvent('after-start', '1', at('2026-07-10T12:00:45.000Z')),
            requestEvent('july', '1', at('2026-07-20T00:00:00.000Z')),
            // Stamped in July, arriving after July's cycle closed (no grace): it counts in August's, as metering counts it.
            requestEvent('late', '1', at('2026-07-31T23:00:00.000Z', '2026-08-02T00:00:00.000Z')),
          ],
        },
      ]);
      await changePricingSchedule(db, tenantId, 'acme', [
        updatePricingScheduleRequest.parse({ pricePlanId: planId, effectiveFrom: '2026-07-10T12:00:30Z' }),
      ]);
      const usage = async (month: string) =>
        (
          await accountStatement(
            db,
            tenantId,
            'acme',
            Date.parse(`${month}-15T00:00:00Z`),
            Date.parse('2026-10-01T00:00:00Z'),
          )
        ).plans[0]!.usageLines[0]!.usage;
      expect([await usage('2026-07'), await usage('2026-08')]).toEqual(['2', '1']);
      const query = revenueQuerySchema.parse({ from: '2026-07-01T00:00:00Z', to: '2026-09-01T00:00:00Z' });
      expect((await queryRevenue(db, tenantId, query)).totals.map((t) => new Decimal(t.value).toFixed())).toEqual([
        '3',
      ]);
    } finally {
      await pool.end();
    }
  });
});

describe('backdating stops where raw events may be purged', () => {
  it('refuses an effectiveFrom before the purge watermark, naming it, and takes one at it', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    ]);
    const { db, pool } = connect(env);
    try {
      const planId = await activePlan(db, tenantId, [
        usageRateCardSchema.parse({
          usageMeterId: meters[0]!.id,
          pricingModel: 'TIERED',
          slabs: [{ startAfter: '0', rate: '1' }],
        }),
      ]);
      // As a purge with its cutoff on 1 May would (the purge tests in this database cut below that).
      await raisePurgeWatermark(db, new Date('2026-05-01T00:00:00Z'));
      const edit = (effectiveFrom: string) => [
        updatePricingScheduleRequest.parse({ pricePlanId: planId, effectiveFrom, effectiveUntil: '9999-01-01' }),
      ];
      await expect(changePricingSchedule(db, tenantId, 'acme', edit('2026-04-30'))).rejects.toMatchObject({
        code: 'schedule_before_retention',
        errors: [{ path: 'effectiveFrom', message: expect.stringContaining('2026-05-01T00:00:00.000Z') }],
      });
      expect(await changePricingSchedule(db, tenantId, 'acme', edit('2026-05-01'))).toHaveLength(1);
    } finally {
      await pool.end();
    }
  });
});

async function activePlan(db: Database, tenantId: string, usageRateCards: UsageRateCard[]): Promise<string> {
  const draft = await insertPricePlan(db, tenantId, {
    name: 'backdated',
    currency: 'USD',
    pricingCycle: MONTHLY,
    usageRateCards,
    fixedFees: [],
    entitlementRateCards: [],
  });
  return (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
}
