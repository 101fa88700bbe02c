import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryMetrics } from '../../../rater/queries/metrics';
import { queryRevenue } from '../../../rater/queries/revenue';
import { accountStatement } from '../../../rater/queries/statement';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { roundMoney } from '../../../shared/pricing/currency';
import { price } from '../../../shared/pricing/price';
import { cycleContaining } from '../../../shared/pricing/pricing-cycle';
import { usageRateCardSchema, type UsageRateCard } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { requestEvent, seedTenant } from './fixtures';
import { cardArb } from './rate-card-arbitrary';

/**
 * docs/design.md §9 against the real database: events of two accounts over two months, a plan change in
 * the middle of a cycle, any pricing model, delivered shuffled, in batches, some twice, some
 * batches racing each other. Then the revenue Postgres holds — per event, summed — must equal a
 * brute force: per (plan, cycle) the price of that cycle's total usage, exactly; and each
 * statement's totals the rounded sum of its lines; split by the plan that rated it, each plan's
 * revenue is its own cycles' price, and the splits by plan and by account add up to the total.
 */
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN_MINUTES = 61 * 24 * 60; // March and April
const CHANGE = Date.parse('2026-03-17T12:00:00Z'); // plan A until here, plan B after
const ACCOUNTS = ['acme', 'globex'];
const MONTHLY = { interval: 'MONTHLY' as const };

const scenarioArb = fc.record({
  sumCardA: cardArb,
  sumCardB: cardArb,
  countCard: cardArb,
  events: fc.array(
    fc.record({
      accountId: fc.constantFrom(...ACCOUNTS),
      minute: fc.integer({ min: 0, max: SPAN_MINUTES - 1 }),
      cents: fc.integer({ min: 0, max: 10_000 }),
    }),
    { minLength: 1, maxLength: 50 },
  ),
  redelivered: fc.array(fc.nat(), { maxLength: 10 }),
  batchSize: fc.integer({ min: 1, max: 20 }),
  concurrent: fc.boolean(),
  order: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
});

describe('rated revenue equals the price of each cycle’s usage', () => {
  it('for any pricing model, plan change mid-cycle, arrival order, redelivery and concurrency', async () => {
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
        const planA = [card(countMeter.id, scenario.countCard), card(sumMeter.id, scenario.sumCardA)];
        const planB = [card(sumMeter.id, scenario.sumCardB)];

        const { db, pool } = connect(env);
        try {
          const associations = new Map<string, { a: string; b: string }>();
          const a = await activePlan(db, tenantId, 'plan_a', planA);
          const b = await activePlan(db, tenantId, 'plan_b', planB);
          for (const accountId of ACCOUNTS) {
            const first = await insertPlanAssociation(db, tenantId, {
              accountId,
              pricePlanId: a,
              pricePlanVersion: 1,
              effectiveFrom: '2026-01-01T00:00:00Z',
              effectiveUntil: new Date(CHANGE).toISOString(),
            });
            const second = await insertPlanAssociation(db, tenantId, {
              accountId,
              pricePlanId: b,
              pricePlanVersion: 1,
              effectiveFrom: new Date(CHANGE).toISOString(),
            });
            associations.set(accountId, { a: first.id, b: second.id });
          }

          const events: AcceptedEvent[] = scenario.events.map((e, i) => {
            const timestamp = new Date(START + e.minute * 60_000).toISOString();
            return requestEvent(`e-${i}`, new Decimal(e.cents).div(100).toFixed(), {
              accountId: e.accountId,
              timestamp,
              acceptedAt: timestamp,
            });
          });
          const shuffled = [...events, ...scenario.redelivered.map((k) => events[k % events.length]!)];
          shuffled.forEach((_, i) => {
            const j = scenario.order[i % scenario.order.length]! % shuffled.length;
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          });
          const batches: AcceptedEvent[][] = [];
          for (let i = 0; i < shuffled.length; i += scenario.batchSize) {
            batches.push(shuffled.slice(i, i + scenario.batchSize));
          }
          if (scenario.concurrent) {
            await Promise.all(batches.map((batch) => meterBatch(db, [{ tenantId, events: batch }])));
          } else {
            for (const batch of batches) {
              await meterBatch(db, [{ tenantId, events: batch }]);
            }
          }

          // Brute force: per account, plan and calendar month, the usage of each priced meter.
          const expected = new Map<string, { card: UsageRateCard; usage: Decimal }>();
          for (const event of events) {
            const t = Date.parse(event.timestamp);
            const cards = t < CHANGE ? planA : planB;
            const cycle = cycleContaining(
              { ...MONTHLY, startOffset: { dayOffset: 1, monthOffset: 1 }, anniversaryCycle: false, gracePeriod: 0 },
              0,
              t,
            );
            for (const c of cards) {
              const key = `${event.accountId}|${t < CHANGE ? 'a' : 'b'}|${c.usageMeterId}|${cycle.start}`;
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
            from: '2026-03-01T00:00:00Z',
            to: '2026-05-01T00:00:00Z',
            groupBy: 'accountId,meterId',
            window: 'MONTH',
          });
          const revenue = await queryRevenue(db, tenantId, query);
          const total = revenue.totals.reduce((sum, s) => sum.plus(s.value), new Decimal(0));
          expect(total.toFixed()).toBe(expectedRevenue.toFixed());

          // By plan: each plan's revenue is the brute force of its own cycles, and the splits by
          // plan, by account and by both each add up to the same total, with nothing left out.
          const expectedByPlan = new Map([a, b].map((plan) => [plan, new Decimal(0)]));
          for (const [key, e] of expected) {
            const plan = key.split('|')[1] === 'a' ? a : b;
            expectedByPlan.set(plan, (expectedByPlan.get(plan) ?? new Decimal(0)).plus(price(e.card, e.usage)));
          }
          const sumOf = (series: { value: string }[]) =>
            series.reduce((sum, s) => sum.plus(s.value), new Decimal(0)).toFixed();
          const split = async (groupBy: string) =>
            queryRevenue(db, tenantId, revenueQuerySchema.parse({ from: query.from, to: query.to, groupBy }));
          const byPlan = await split('pricePlanId');
          for (const [plan, value] of expectedByPlan) {
            const found = byPlan.groups?.filter((g) => g.pricePlanId === plan) ?? [];
            expect(sumOf(found), `plan ${plan}`).toBe(value.toFixed());
          }
          expect(byPlan.groups?.every((g) => g.pricePlanId === a || g.pricePlanId === b)).toBe(true);
          expect(sumOf(byPlan.groups ?? [])).toBe(expectedRevenue.toFixed());
          expect(sumOf((await split('accountId')).groups ?? [])).toBe(expectedRevenue.toFixed());
          expect(sumOf((await split('pricePlanId,accountId')).groups ?? [])).toBe(expectedRevenue.toFixed());
          expect(sumOf(byPlan.totals)).toBe(expectedRevenue.toFixed());
          const onlyB = await queryRevenue(
            db,
            tenantId,
            revenueQuerySchema.parse({ from: query.from, to: query.to, pricePlanId: b }),
          );
          expect(sumOf(onlyB.totals)).toBe((expectedByPlan.get(b) ?? new Decimal(0)).toFixed());

          const metrics = await queryMetrics(db, tenantId, {
            startTime: query.from,
            endTime: query.to,
            timeZone: 'UTC',
            metricQueries: [{ id: 'r', name: 'REVENUE', aggregationPeriod: 'MONTH', groupBy: 'ACCOUNT_ID' }],
          });
          const metricTotal = metrics.results[0]!.data.flatMap((s) => s.metricValues).reduce(
            (sum, v) => sum.plus(JSON.stringify(v)),
            new Decimal(0),
          ); // each value's JSON text is its exact decimal
          expect(metricTotal.toFixed()).toBe(expectedRevenue.toFixed());

          // Each month's statement: lines priced from the cycle's usage, totals = rounded lines.
          for (const accountId of ACCOUNTS) {
            for (const month of ['2026-03-10T00:00:00Z', '2026-04-10T00:00:00Z']) {
              const statement = await accountStatement(
                db,
                tenantId,
                accountId,
                Date.parse(month),
                Date.parse('2026-06-01T00:00:00Z'),
              );
              let rounded = new Decimal(0);
              for (const plan of statement.plans) {
                const letter = plan.associationId === associations.get(accountId)!.a ? 'a' : 'b';
                for (const line of plan.usageLines) {
                  const entry = expected.get(
                    `${accountId}|${letter}|${line.usageMeterId}|${Date.parse(statement.cycleStart)}`,
                  );
                  expect(new Decimal(line.usage).toFixed(), `${accountId} ${month} ${letter}`).toBe(
                    (entry?.usage ?? new Decimal(0)).toFixed(),
                  );
                  expect(line.amount).toBe(roundMoney(entry ? price(entry.card, entry.usage) : '0', 'USD'));
                  rounded = rounded.plus(line.amount);
                }
              }
              expect(statement.status).toBe('FINAL');
              expect(statement.totals).toEqual([{ currency: 'USD', amount: rounded.toFixed(2) }]);
            }
          }
        } finally {
          await pool.end();
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});

async function activePlan(
  db: ReturnType<typeof connect>['db'],
  tenantId: string,
  name: string,
  usageRateCards: UsageRateCard[],
): Promise<string> {
  const draft = await insertPricePlan(db, tenantId, {
    name,
    currency: 'USD',
    pricingCycle: {
      ...MONTHLY,
      startOffset: { dayOffset: 1, monthOffset: 1 },
      anniversaryCycle: false,
      gracePeriod: 0,
    },
    usageRateCards,
    fixedFees: [],
    entitlementRateCards: [],
  });
  return (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
}
