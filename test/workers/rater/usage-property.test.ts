import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryMetrics } from '../../../rater/queries/metrics';
import { queryUsage } from '../../../rater/queries/usage';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { dimensionFilters, groupByKeys, usageQuerySchema } from '../../../shared/usage/usage-query';
import { requestEvent, seedTenant } from './fixtures';
import { bruteForceUsage, type Window } from './usage-brute-force';

const bytes = { computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }], filters: [] };
const METERS = [
  { name: 'count', aggregation: 'COUNT' as const, computations: [], filters: [] },
  { name: 'sum', aggregation: 'SUM' as const, ...bytes },
  { name: 'max', aggregation: 'MAX' as const, ...bytes },
  { name: 'min', aggregation: 'MIN' as const, ...bytes },
  { name: 'latest', aggregation: 'LATEST' as const, ...bytes },
  {
    name: 'users',
    aggregation: 'UNIQUE_COUNT' as const,
    filters: [],
    computations: [{ computation: '{"var":"dimensions.user"}', order: 1 }],
  },
];

// Four weeks of March 2026: New York (8 March) and Berlin (29 March) change to summer time, a
// month boundary is crossed; Adelaide's change (5 April, an ambiguous hour) stays outside.
const START = Date.parse('2026-03-06T00:00:00Z');
const SPAN_MINUTES = 28 * 24 * 60;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', '+05:30', '-03:30'];
const ACCOUNTS = ['acme', 'globex', 'initech'];

const eventArb = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  // Often the same few instants, so LATEST's tie-break (event id) and shared rollup rows are hit.
  minute: fc.oneof(fc.integer({ min: 0, max: SPAN_MINUTES - 1 }), fc.constantFrom(0, 1, 1439, 1440)),
  second: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constant(0)),
  cents: fc.integer({ min: -100_000, max: 100_000 }),
  user: fc.constantFrom('ann', 'bob', 'cyd', 'dan', 'eve'),
  region: fc.constantFrom('eu', 'us'),
});

const scenarioArb = fc.record({
  events: fc.array(eventArb, { minLength: 1, maxLength: 60 }),
  // Events delivered again (a redelivered queue batch, an overlapping consumer): counted once.
  redelivered: fc.array(fc.nat(), { maxLength: 20 }),
  batchSize: fc.integer({ min: 1, max: 25 }),
  order: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
  query: fc.record({
    fromMinute: fc.integer({ min: -60, max: SPAN_MINUTES / 2 }),
    spanMinutes: fc.integer({ min: 1, max: SPAN_MINUTES + 120 }),
    accountId: fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined }),
    window: fc.constantFrom<Window>('HOUR', 'DAY', 'WEEK', 'MONTH'),
    timeZone: fc.constantFrom(...ZONES),
    groupBy: fc.option(fc.constantFrom('user', 'region', 'region,user'), { nil: undefined }),
    filter: fc.option(
      fc.constantFrom<string | string[]>('user:ann', ['user:ann', 'user:bob'], 'region:us', ['region:eu', 'user:cyd']),
      { nil: undefined },
    ),
  }),
});

const iso = (ms: number) => new Date(ms).toISOString();
const normalise = (value: string | null) => (value === null ? null : new Decimal(value).toFixed());
const windowsOf = (data: { from: string; value: string | null }[] | undefined) =>
  new Map((data ?? []).map((p) => [p.from, normalise(p.value)]));

describe('usage answers equal a brute-force computation over the raw events', () => {
  it('for every aggregation, any arrival order, redeliveries, accounts, windows, time zones, groups and filters — /usage and /metrics', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { tenantId, meters } = await seedTenant(METERS);
        const events: AcceptedEvent[] = scenario.events.map((e, i) => {
          const cents = Math.abs(e.cents);
          const value = `${e.cents < 0 ? '-' : ''}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
          return requestEvent(`e-${i}`, value, {
            accountId: e.accountId,
            timestamp: iso(START + e.minute * 60_000 + e.second * 1000),
            dimensions: { region: e.region, user: e.user },
          });
        });
        // Late arrivals: deliver in a shuffled order, in batches, with some events twice.
        const shuffled = [...events, ...scenario.redelivered.map((k) => events[k % events.length]!)];
        shuffled.forEach((_, i) => {
          const j = scenario.order[i % scenario.order.length]! % shuffled.length;
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        });
        const { db, pool } = connect(env);
        try {
          for (let i = 0; i < shuffled.length; i += scenario.batchSize) {
            await meterBatch(db, [{ tenantId, events: shuffled.slice(i, i + scenario.batchSize) }]);
          }
          // The random query, and the whole span for every account, so no event escapes checking.
          const whole = {
            ...scenario.query,
            fromMinute: -60,
            spanMinutes: SPAN_MINUTES + 120,
            accountId: undefined,
            filter: undefined,
          };
          for (const q of [scenario.query, whole]) {
            const from = iso(START + q.fromMinute * 60_000);
            const to = iso(START + (q.fromMinute + q.spanMinutes) * 60_000);
            const query = usageQuerySchema.parse({
              meterId: 'm',
              from,
              to,
              window: q.window,
              timeZone: q.timeZone,
              accountId: q.accountId,
              groupBy: q.groupBy,
              filter: q.filter,
            });
            const brute = {
              from,
              to,
              window: q.window,
              timeZone: q.timeZone,
              accountId: q.accountId,
              groupBy: groupByKeys(query),
              filters: dimensionFilters(query),
            };
            for (const meter of meters) {
              const answer = await queryUsage(db, tenantId, meter, { ...query, meterId: meter.id });
              const expected = bruteForceUsage(events, meter.aggregation, brute);
              const label = `${meter.aggregation} ${JSON.stringify(q)}`;
              expect(normalise(answer.value), label).toEqual(expected.value);
              expect(windowsOf(answer.data), label).toEqual(expected.data);
              if (q.groupBy) {
                const groups = new Map(
                  (answer.groups ?? []).map((g) => [
                    JSON.stringify(g.dimensions),
                    { value: normalise(g.value), data: windowsOf(g.data) },
                  ]),
                );
                expect(groups, label).toEqual(expected.groups);
              }
              // POST /metrics: the same meter per period and account (it has no dimension filters).
              const metrics = await queryMetrics(db, tenantId, {
                startTime: from,
                endTime: to,
                timeZone: q.timeZone,
                metricQueries: [
                  {
                    id: 'm',
                    name: 'USAGE',
                    aggregationPeriod: q.window,
                    groupBy: 'ACCOUNT_ID',
                    filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [meter.id] }],
                  },
                ],
              });
              // A value is an exact decimal written as a JSON number: its JSON text is the decimal.
              const series = new Map(
                metrics.results[0]!.data.map((s) => {
                  expect(s.groupedBy!.fieldName).toBe('ACCOUNT_ID');
                  return [
                    s.groupedBy!.fieldValue,
                    new Map(s.timestamps.map((t, i) => [t, normalise(JSON.stringify(s.metricValues[i]!))])),
                  ];
                }),
              );
              const perAccount = new Map(
                ACCOUNTS.map(
                  (accountId) =>
                    [
                      accountId,
                      bruteForceUsage(events, meter.aggregation, {
                        ...brute,
                        accountId,
                        groupBy: [],
                        filters: new Map(),
                      }).data,
                    ] as const,
                ).filter(([, windows]) => windows.size > 0),
              );
              expect(series, `metrics ${label}`).toEqual(perAccount);
            }
            // POST /metrics for every meter at once: one series per meter and account, in the same order.
            const all = await queryMetrics(db, tenantId, {
              startTime: from,
              endTime: to,
              timeZone: q.timeZone,
              metricQueries: [{ id: 'all', name: 'USAGE', aggregationPeriod: q.window, groupBy: 'ACCOUNT_ID' }],
            });
            const allSeries = all.results[0]!.data.map(
              (s) =>
                [
                  `${s.seriesKey![1]!.fieldValue} ${s.seriesKey![0]!.fieldValue}`,
                  new Map(s.timestamps.map((t, i) => [t, normalise(JSON.stringify(s.metricValues[i]!))])),
                ] as const,
            );
            const expectedAll = [...meters]
              .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
              .flatMap((meter) =>
                [...ACCOUNTS]
                  .sort()
                  .map(
                    (accountId) =>
                      [
                        `${meter.id} ${accountId}`,
                        bruteForceUsage(events, meter.aggregation, {
                          ...brute,
                          accountId,
                          groupBy: [],
                          filters: new Map(),
                        }).data,
                      ] as const,
                  )
                  .filter(([, windows]) => windows.size > 0),
              );
            expect(allSeries, `metrics of every meter ${JSON.stringify(q)}`).toEqual(expectedAll);
          }
        } finally {
          await pool.end();
        }
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
