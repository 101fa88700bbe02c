import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { correctEvent } from '../../../rater/pipeline/correct-event';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryRevenue } from '../../../rater/queries/revenue';
import { queryUsage } from '../../../rater/queries/usage';
import { accountStatement } from '../../../rater/queries/statement';
import { insertFeature } from '../../../rater/store/features';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import type { CorrectionAction } from '../../../shared/api/event-correction-routes';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { roundMoney } from '../../../shared/pricing/currency';
import { price } from '../../../shared/pricing/price';
import { cycleContaining } from '../../../shared/pricing/pricing-cycle';
import { usageRateCardSchema, type UsageRateCard } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { usageQuerySchema } from '../../../shared/usage/usage-query';
import { requestEvent, SCHEMA, seedTenant } from './fixtures';
import { cardArb } from './rate-card-arbitrary';
import { bruteForceUsage } from './usage-brute-force';

/**
 * docs/design.md §15 against the real database: events of two accounts over two months (a plan change
 * mid-cycle), delivered in batches, some twice, interleaved with UNDO, REDO and REDO_EVENT of any
 * of them — some of it concurrent. Afterwards every meter's usage (every aggregation, per hour, per
 * user), the revenue and every statement equal a brute force over the final events alone: the
 * ones delivered and not undone, each with its last payload. So do the feature credits owed to
 * the accounts' ledgers: per event, its debit then its corrections' changes (the ledger applies
 * them in that order, each once) give back exactly what was debited and end at what its final
 * payload consumes; per account, they add up to what the final events consume.
 */
// After 2026-04-15: test/workers/rater/purge-raw-events.test.ts purges raw events before it, and a
// correction refuses an event whose minute may have lost some (409 raw_events_purged).
const START = Date.parse('2026-07-01T00:00:00Z');
const SPAN_MINUTES = 62 * 24 * 60; // July and August
const CHANGE = Date.parse('2026-07-17T12:00:00Z'); // plan A until here, plan B after
const ACCOUNTS = ['acme', 'globex'];
const CYCLE = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 0,
};

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

const payloadArb = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  // Often the same few minutes, so rollup rows are shared and LATEST's tie-break is hit.
  minute: fc.oneof(
    { arbitrary: fc.constantFrom(0, 1, 23_040), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: SPAN_MINUTES - 1 }), weight: 1 },
  ),
  second: fc.constantFrom(0, 0, 30),
  cents: fc.integer({ min: 0, max: 5_000 }),
  user: fc.constantFrom('ann', 'bob'),
});
type Payload = typeof payloadArb extends fc.Arbitrary<infer T> ? T : never;

const correctionArb = fc.oneof(
  fc.record({ action: fc.constantFrom<CorrectionAction>('UNDO', 'UNDO', 'REDO'), target: fc.nat() }),
  fc.record({ action: fc.constant<CorrectionAction>('REDO_EVENT'), target: fc.nat(), payload: payloadArb }),
);

const scenarioArb = fc.record({
  sumCardA: cardArb,
  sumCardB: cardArb,
  countCard: cardArb,
  events: fc.array(payloadArb, { minLength: 1, maxLength: 30 }),
  // How many of them arrive before the first step (the rest only if a step delivers them).
  early: fc.nat(),
  // Each step delivers a batch (some events again) and makes some corrections, all at once when concurrent.
  steps: fc.array(
    fc.record({
      deliver: fc.array(fc.nat(), { maxLength: 8 }),
      corrections: fc.array(correctionArb, { maxLength: 4 }),
      concurrent: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

const iso = (ms: number) => new Date(ms).toISOString();

function toEvent(id: string, p: Payload): AcceptedEvent {
  const timestamp = iso(START + p.minute * 60_000 + p.second * 1000);
  return requestEvent(id, new Decimal(p.cents).div(100).toFixed(), {
    accountId: p.accountId,
    timestamp,
    acceptedAt: timestamp,
    dimensions: { region: 'eu', user: p.user },
  });
}

function wire(e: AcceptedEvent) {
  return {
    id: e.id,
    schemaName: SCHEMA,
    timestamp: e.timestamp,
    accountId: e.accountId,
    attributes: Object.entries(e.attributes).map(([name, value]) => ({ name, value })),
    dimensions: e.dimensions,
  };
}

describe('after any interleaving of events and corrections, everything equals a brute force over the final events', () => {
  it('usage of every aggregation, revenue and statements — with redeliveries, UNDO, REDO, REDO_EVENT and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { tenantId, meters } = await seedTenant(METERS);
        const [countMeter, sumMeter] = meters as [(typeof meters)[0], (typeof meters)[0]];
        const card = (meterId: string, raw: unknown) =>
          usageRateCardSchema.parse({ usageMeterId: meterId, ...(raw as object) });
        const planA = [card(countMeter.id, scenario.countCard), card(sumMeter.id, scenario.sumCardA)];
        const planB = [card(sumMeter.id, scenario.sumCardB)];
        const originals = scenario.events.map((p, i) => toEvent(`e-${i}`, p));

        const { db, pool } = connect(env);
        try {
          await insertFeature(db, tenantId, {
            name: 'bytes',
            schemaAssociations: [{ schemaName: SCHEMA, attributeName: 'bytes' }],
          });
          const a = await activePlan(db, tenantId, 'plan_a', planA);
          const b = await activePlan(db, tenantId, 'plan_b', planB);
          const letters = new Map<string, string>(); // association id → plan letter
          for (const accountId of ACCOUNTS) {
            const first = await insertPlanAssociation(db, tenantId, {
              accountId,
              pricePlanId: a,
              pricePlanVersion: 1,
              effectiveFrom: '2026-01-01T00:00:00Z',
              effectiveUntil: iso(CHANGE),
            });
            const second = await insertPlanAssociation(db, tenantId, {
              accountId,
              pricePlanId: b,
              pricePlanVersion: 1,
              effectiveFrom: iso(CHANGE),
            });
            letters.set(first.id, 'a').set(second.id, 'b');
          }

          // The model: each event id's last payload, or null once undone; absent until delivered.
          const model = new Map<string, AcceptedEvent | null>();
          const stored = new Map<string, AcceptedEvent>(); // the payload the rater holds, undone or not
          const early = originals.slice(0, scenario.early % (originals.length + 1));
          const steps = [{ deliver: early.map((_, i) => i), corrections: [], concurrent: false }, ...scenario.steps];
          for (const step of steps) {
            const batch = step.deliver.map((k) => originals[k % originals.length]!);
            const targets = new Set<string>();
            const corrections = step.corrections.flatMap((c) => {
              const id = `e-${c.target % originals.length}`;
              if (targets.has(id)) {
                return []; // one correction per event per step: their order would be the model's guess
              }
              targets.add(id);
              return [{ ...c, id }];
            });
            const runCorrection = async (c: (typeof corrections)[number]) => {
              const replacement = 'payload' in c ? toEvent(c.id, c.payload) : undefined;
              const target = replacement ?? stored.get(c.id) ?? originals[Number(c.id.slice(2))]!;
              try {
                await correctEvent(
                  db,
                  tenantId,
                  c.action,
                  wire(target),
                  new Date(replacement ? Date.parse(replacement.timestamp) : START),
                );
                return { c, applied: true, replacement };
              } catch (error) {
                if ((error as { code?: string }).code !== 'event_not_found') {
                  throw error;
                }
                return { c, applied: false, replacement };
              }
            };
            const deliver = async () => (batch.length > 0 ? meterBatch(db, [{ tenantId, events: batch }]) : undefined);
            const outcomes = step.concurrent
              ? (await Promise.all([deliver(), ...corrections.map(runCorrection)])).slice(1)
              : [await deliver(), ...(await sequentially(corrections.map((c) => () => runCorrection(c))))].slice(1);
            // A correction that found its event ran after that event's delivery: deliveries first.
            for (const e of batch) {
              if (!stored.has(e.id)) {
                stored.set(e.id, e), model.set(e.id, e);
              }
            }
            for (const outcome of outcomes as Awaited<ReturnType<typeof runCorrection>>[]) {
              if (!outcome.applied) {
                continue;
              }
              const { c, replacement } = outcome;
              if (c.action === 'UNDO') {
                model.set(c.id, null);
              } else if (c.action === 'REDO') {
                model.set(c.id, stored.get(c.id)!);
              } else {
                stored.set(c.id, replacement!), model.set(c.id, replacement!);
              }
            }
          }
          const finals = [...model.values()].filter((e): e is AcceptedEvent => e !== null);

          // Usage: every aggregation, per hour and per user, over the whole span, for each account.
          const from = iso(START);
          const to = iso(START + SPAN_MINUTES * 60_000);
          for (const accountId of [undefined, ...ACCOUNTS]) {
            const query = usageQuerySchema.parse({
              meterId: 'm',
              from,
              to,
              window: 'DAY',
              timeZone: 'UTC',
              accountId,
              groupBy: 'user',
            });
            for (const meter of meters) {
              const answer = await queryUsage(db, tenantId, meter, { ...query, meterId: meter.id });
              const expected = bruteForceUsage(finals, meter.aggregation, {
                from,
                to,
                window: 'DAY',
                timeZone: 'UTC',
                accountId,
                groupBy: ['user'],
              });
              const label = `${meter.aggregation} ${accountId ?? 'all'}`;
              expect(normalise(answer.value), label).toEqual(expected.value);
              expect(windowsOf(answer.data), label).toEqual(expected.data);
              const groups = new Map(
                (answer.groups ?? []).map((g) => [
                  JSON.stringify(g.dimensions),
                  { value: normalise(g.value), data: windowsOf(g.data) },
                ]),
              );
              expect(groups, label).toEqual(expected.groups);
            }
          }

          // Revenue: per account, plan and month, the price of that cycle's usage.
          const expected = new Map<string, { card: UsageRateCard; usage: Decimal }>();
          for (const event of finals) {
            const t = Date.parse(event.timestamp);
            const cards = t < CHANGE ? planA : planB;
            const cycle = cycleContaining(CYCLE, 0, t);
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
            from: '2026-07-01T00:00:00Z',
            to: '2026-09-01T00:00:00Z',
            groupBy: 'accountId,meterId',
            window: 'MONTH',
          });
          const revenue = await queryRevenue(db, tenantId, query);
          expect(revenue.totals.reduce((sum, s) => sum.plus(s.value), new Decimal(0)).toFixed()).toBe(
            expectedRevenue.toFixed(),
          );

          for (const accountId of ACCOUNTS) {
            for (const month of ['2026-07-10T00:00:00Z', '2026-08-10T00:00:00Z']) {
              const statement = await accountStatement(
                db,
                tenantId,
                accountId,
                Date.parse(month),
                Date.parse('2026-10-01T00:00:00Z'),
              );
              let rounded = new Decimal(0);
              for (const plan of statement.plans) {
                for (const line of plan.usageLines) {
                  const entry = expected.get(
                    `${accountId}|${letters.get(plan.associationId)}|${line.usageMeterId}|${Date.parse(statement.cycleStart)}`,
                  );
                  expect(new Decimal(line.usage).toFixed(), `${accountId} ${month}`).toBe(
                    (entry?.usage ?? new Decimal(0)).toFixed(),
                  );
                  expect(line.amount).toBe(roundMoney(entry ? price(entry.card, entry.usage) : '0', 'USD'));
                  rounded = rounded.plus(line.amount);
                }
              }
              expect(statement.totals).toEqual([{ currency: 'USD', amount: rounded.toFixed(2) }]);
            }
          }

          await expectCreditsOwed(db, tenantId, originals, model);
        } finally {
          await pool.end();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});

const normalise = (value: string | null) => (value === null ? null : new Decimal(value).toFixed());
const windowsOf = (data: { from: string; value: string | null }[] | undefined) =>
  new Map((data ?? []).map((p) => [p.from, normalise(p.value)]));

async function sequentially<T>(work: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (const run of work) {
    results.push(await run());
  }
  return results;
}

/**
 * The ledger's view, from the rater's two outboxes (nothing settles them here): each event's chain
 * — its debit, then its credit changes by number — holds one payload's consumption at a time, gives
 * back only what it holds, and ends at the final payload's; per account, the net is the final events'.
 */
async function expectCreditsOwed(
  db: ReturnType<typeof connect>['db'],
  tenantId: string,
  originals: AcceptedEvent[],
  model: Map<string, AcceptedEvent | null>,
) {
  type Held = { account: string; amount: string } | null;
  const { rows: debits } = await db.execute<{ event_id: string; account_id: string; lines: { amount: string }[] }>(sql`
    SELECT event_id, account_id, lines FROM ledger_outbox WHERE tenant_id = ${tenantId}`);
  const { rows: changes } = await db.execute<{
    event_id: string;
    account_id: string;
    effect: 'REFUND' | 'DEBIT';
    lines: { amount: string }[];
  }>(sql`
    SELECT event_id, account_id, effect, lines FROM ledger_corrections WHERE tenant_id = ${tenantId} ORDER BY event_id, seq`);
  const net = new Map<string, Decimal>();
  const add = (account: string, amount: Decimal) => net.set(account, (net.get(account) ?? new Decimal(0)).plus(amount));
  for (const { id } of originals) {
    const debit = debits.find((d) => d.event_id === id);
    let held: Held = debit
      ? { account: debit.account_id, amount: new Decimal(debit.lines[0]!.amount).toFixed() }
      : null;
    if (held) {
      add(held.account, new Decimal(held.amount));
    }
    for (const change of changes.filter((c) => c.event_id === id)) {
      const moved: Held = { account: change.account_id, amount: new Decimal(change.lines[0]!.amount).toFixed() };
      if (change.effect === 'REFUND') {
        expect(moved, `${id} gives back what it holds`).toEqual(held);
        held = null;
        add(moved.account, new Decimal(moved.amount).negated());
      } else {
        expect(held, `${id} debits on top of nothing`).toBeNull();
        held = moved;
        add(moved.account, new Decimal(moved.amount));
      }
    }
    const final = model.get(id);
    expect(held, `${id} ends holding its final payload's consumption`).toEqual(
      final ? { account: final.accountId, amount: new Decimal(final.attributes.bytes!).toFixed() } : null,
    );
  }
  for (const accountId of ACCOUNTS) {
    const expected = [...model.values()]
      .filter((e) => e?.accountId === accountId)
      .reduce((sum, e) => sum.plus(e!.attributes.bytes!), new Decimal(0));
    expect((net.get(accountId) ?? new Decimal(0)).toFixed(), `credits owed by ${accountId}`).toBe(expected.toFixed());
  }
}

async function activePlan(
  db: ReturnType<typeof connect>['db'],
  tenantId: string,
  name: string,
  usageRateCards: UsageRateCard[],
): Promise<string> {
  const draft = await insertPricePlan(db, tenantId, {
    name,
    currency: 'USD',
    pricingCycle: CYCLE,
    usageRateCards,
    fixedFees: [],
    entitlementRateCards: [],
  });
  return (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
}
