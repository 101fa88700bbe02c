import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';

/**
 * Price plans rating events end to end (docs/design.md §9), through the public API of the running stack:
 * worked examples whose amounts are known, read back from GET /revenue, POST /metrics REVENUE and
 * the account's statement.
 */
const client = api();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let schema: string;
let amountMeter: string; // SUM of card transaction amounts
let chargeMeter: string; // COUNT of card charges

/** Worked examples happen in a cycle open now, whatever today's date (see openMonthlyCycle). */
const cycle = openMonthlyCycle();

const payment = (accountId: string, amount: string, timestamp: number, mode = 'card') => ({
  id: unique('pay'),
  schemaName: schema,
  timestamp: new Date(timestamp).toISOString(),
  accountId,
  attributes: [{ name: 'transaction_amount', value: amount }],
  dimensions: { payment_mode: mode },
});

async function activePlan(body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/price_plans', {
    name: unique('plan'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    ...body,
  });
  expect(created.status).toBe(200);
  expect((await client.post(`/price_plans/${created.body.id}/activate`)).status).toBe(200);
  return created.body.id;
}

async function associate(accountId: string, pricePlanId: string, effectiveFrom: number) {
  const response = await client.post(`/accounts/${accountId}/price_plans`, {
    pricePlanId,
    effectiveFrom: new Date(effectiveFrom).toISOString(),
  });
  expect(response.status).toBe(200);
}

const statementOf = (accountId: string, at: number) =>
  client.get(`/accounts/${accountId}/statement?at=${new Date(at).toISOString()}`);

beforeAll(async () => {
  schema = unique('payment');
  await client.post('/event_schema', {
    name: schema,
    attributes: [{ name: 'transaction_amount' }],
    dimensions: [{ name: 'payment_mode' }],
  });
  await client.post(`/event_schema/${schema}/activate`);
  const card = [{ field: 'payment_mode', value: 'card' }];
  const amount = await client.post('/usage_meters', {
    name: unique('card_amount'),
    aggregation: 'SUM',
    eventSchemaName: schema,
    filters: card,
    computations: [{ computation: '{"var":"attributes.transaction_amount"}', order: 1 }],
  });
  const charges = await client.post('/usage_meters', {
    name: unique('card_charges'),
    aggregation: 'COUNT',
    eventSchemaName: schema,
    filters: card,
  });
  amountMeter = amount.body.id;
  chargeMeter = charges.body.id;
  await client.post(`/usage_meters/${amountMeter}/activate`);
  await client.post(`/usage_meters/${chargeMeter}/activate`);
});

describe("Stripe's 2.9% + 30¢, two meters, one plan, with a fixed fee", () => {
  it('rates each card charge and states the cycle: 3.93 + 0.90 + 25.00 = 29.83', async () => {
    const { start } = cycle;
    const account = unique('shop');
    const plan = await activePlan({
      usageRateCards: [
        { usageMeterId: amountMeter, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.029' }] },
        { usageMeterId: chargeMeter, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.30' }] },
      ],
      fixedFees: [{ name: 'Platform fee', amount: '25' }],
    });
    await associate(account, plan, start - DAY);
    const events = [
      payment(account, '10.00', start + HOUR),
      payment(account, '25.50', start + 2 * HOUR),
      payment(account, '100.00', start + 3 * HOUR),
      payment(account, '999', start + 4 * HOUR, 'bank_transfer'),
    ];
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);

    const range = `from=${new Date(start).toISOString()}&to=${new Date(start + DAY).toISOString()}&accountId=${account}`;
    const revenue = await eventually(
      () => client.get(`/revenue?${range}&groupBy=meterId`),
      (r) => r.body?.totals?.[0]?.value === '4.8295',
    );
    expect(revenue.body.totals).toEqual([{ currency: 'USD', value: '4.8295' }]);
    expect(revenue.body.groups).toEqual(
      expect.arrayContaining([
        { currency: 'USD', meterId: amountMeter, value: '3.9295' },
        { currency: 'USD', meterId: chargeMeter, value: '0.9' },
      ]),
    );

    const statement = await statementOf(account, start + HOUR);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({
      accountId: account,
      cycleStart: new Date(start).toISOString(),
      totals: [{ currency: 'USD', amount: '29.83' }],
    });
    const [plan0] = statement.body.plans;
    expect(
      plan0.usageLines.map((l: { usageMeterId: string; usage: string; exactAmount: string; amount: string }) => [
        l.usageMeterId,
        l.usage,
        l.exactAmount,
        l.amount,
      ]),
    ).toEqual([
      [amountMeter, '135.5', '3.9295', '3.93'],
      [chargeMeter, '3', '0.9', '0.90'],
    ]);
    expect(plan0.fixedFees).toEqual([{ name: 'Platform fee', amount: '25.00' }]);

    const metrics = await client.post('/metrics', {
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + DAY).toISOString(),
      metricQueries: [
        {
          id: 'r',
          name: 'REVENUE',
          aggregationPeriod: 'DAY',
          groupBy: 'ACCOUNT_ID',
          filters: [{ fieldName: 'ACCOUNT_ID', fieldValues: [account] }],
        },
      ],
    });
    expect(metrics.body.results[0].data).toEqual([
      {
        groupedBy: { fieldName: 'ACCOUNT_ID', fieldValue: account },
        seriesKey: [
          { fieldName: 'ACCOUNT_ID', fieldValue: account },
          { fieldName: 'CURRENCY', fieldValue: 'USD' },
        ],
        timestamps: [new Date(start).toISOString()],
        metricValues: [4.8295],
      },
    ]);
    expect(metrics.text).toContain('"metricValues":[4.8295]'); // a JSON number whose text is the exact decimal
  });
});

describe('slab boundaries', () => {
  it('volume pricing: the event that crosses the break earns negative revenue, and the total is the price of the total', async () => {
    const { start } = cycle;
    const account = unique('volume');
    const plan = await activePlan({
      usageRateCards: [
        {
          usageMeterId: amountMeter,
          pricingModel: 'VOLUME',
          slabs: [
            { startAfter: '0', rate: '1.00' },
            { startAfter: '100', rate: '0.80' },
          ],
        },
      ],
    });
    await associate(account, plan, start);
    expect((await client.post('/ingest', { event: payment(account, '100', start + HOUR) })).status).toBe(202);
    const range = `/revenue?from=${new Date(start).toISOString()}&to=${new Date(start + DAY).toISOString()}&accountId=${account}&window=HOUR`;
    await eventually(
      () => client.get(range),
      (r) => r.body?.totals?.[0]?.value === '100',
    );
    // Exactly on the boundary: still 1.00 a unit. One unit past it: all 101 at 0.80 = 80.8.
    expect((await client.post('/ingest', { event: payment(account, '1', start + 2 * HOUR) })).status).toBe(202);
    const after = await eventually(
      () => client.get(range),
      (r) => r.body?.totals?.[0]?.value === '80.8',
    );
    expect(after.body.totals[0].data).toEqual([
      { from: new Date(start + HOUR).toISOString(), value: '100' },
      { from: new Date(start + 2 * HOUR).toISOString(), value: '-19.2' },
    ]);
    const line = (await statementOf(account, start + HOUR)).body.plans[0].usageLines[0];
    expect(line).toMatchObject({
      usage: '101',
      amount: '80.80',
      slabs: [{ slab: 1, startAfter: '100', units: '101', rate: '0.80', amount: '80.8' }],
    });
  });

  it('graduated pricing and a package price, landing on and just past the boundaries', async () => {
    const { start } = cycle;
    const account = unique('ladder');
    const plan = await activePlan({
      usageRateCards: [
        {
          usageMeterId: amountMeter,
          pricingModel: 'TIERED',
          slabs: [
            { startAfter: '0', rate: '1.00' },
            { startAfter: '100', rate: '0.80' },
            { startAfter: '1000', rate: '0.50' },
          ],
        },
        {
          usageMeterId: chargeMeter,
          pricingModel: 'PACKAGE',
          packageSize: '2',
          slabs: [{ startAfter: '0', rate: '5' }],
        },
      ],
    });
    await associate(account, plan, start);
    // 100 (on the first boundary), 900 (on the second), 0.5 (just past it): 100 + 720 + 0.25.
    const events = [
      payment(account, '100', start + HOUR),
      payment(account, '900', start + 2 * HOUR),
      payment(account, '0.5', start + 3 * HOUR),
    ];
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    const statement = await eventually(
      () => statementOf(account, start + HOUR),
      (r) => r.body?.plans?.[0]?.usageLines?.[0]?.usage === '1000.5',
    );
    const [amountLine, packageLine] = statement.body.plans[0].usageLines;
    expect(amountLine.slabs.map((s: { units: string; amount: string }) => [s.units, s.amount])).toEqual([
      ['100', '100'],
      ['900', '720'],
      ['0.5', '0.25'],
    ]);
    expect(amountLine.amount).toBe('820.25');
    // Three charges start two packages of two: 10.
    expect(packageLine).toMatchObject({ usage: '3', amount: '10.00' });
    expect(statement.body.totals).toEqual([{ currency: 'USD', amount: '830.25' }]);
  });
});

describe('a plan change mid-cycle', () => {
  it('rates each event under the plan in force at its timestamp, and states both plans', async () => {
    const { start } = cycle;
    const account = unique('upgrade');
    const perCharge = (rate: string) => [
      { usageMeterId: chargeMeter, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate }] },
    ];
    const basic = await activePlan({ usageRateCards: perCharge('0.50'), fixedFees: [{ name: 'Basic', amount: '10' }] });
    const pro = await activePlan({ usageRateCards: perCharge('0.20'), fixedFees: [{ name: 'Pro', amount: '30' }] });
    await associate(account, basic, start - DAY);
    await associate(account, pro, start + DAY);
    const events = [
      payment(account, '1', start + 12 * HOUR),
      payment(account, '1', start + DAY - 1),
      payment(account, '1', start + DAY),
      payment(account, '1', start + 36 * HOUR),
    ];
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    const statement = await eventually(
      () => statementOf(account, start + 36 * HOUR),
      (r) =>
        r.body?.plans?.length === 2 &&
        r.body.plans.every((p: { usageLines: { usage: string }[] }) => p.usageLines[0]!.usage === '2'),
    );
    expect(
      statement.body.plans.map((p: { pricePlanId: string; subtotal: string }) => [p.pricePlanId, p.subtotal]),
    ).toEqual([
      [basic, '11.00'], // 2 × 0.50 + 10
      [pro, '30.40'], // 2 × 0.20 + 30
    ]);
    expect(statement.body.totals).toEqual([{ currency: 'USD', amount: '41.40' }]);
    const revenue = await client.get(
      `/revenue?from=${new Date(start).toISOString()}&to=${new Date(start + 2 * DAY).toISOString()}&accountId=${account}`,
    );
    expect(revenue.body.totals).toEqual([{ currency: 'USD', value: '1.4' }]);
  });
});

describe('credits granted by a plan', () => {
  it("puts the plan's feature credits for the current cycle into the account's ledger", async () => {
    const account = unique('granted');
    const feature = await client.post('/features', {
      name: unique('charges'),
      schemaAssociations: [{ schemaName: schema }],
    });
    const plan = await activePlan({ entitlementRateCards: [{ featureId: feature.body.id, granted: '1000' }] });
    await associate(account, plan, Date.now() - HOUR);
    const credits = await eventually(
      () => client.get(`/accounts/${account}/features/${feature.body.id}`),
      (r) => r.body?.granted === 1000,
    );
    expect(credits.body).toMatchObject({ granted: 1000, balance: 1000 });
    const entries = (await client.get(`/accounts/${account}/features/${feature.body.id}/entries`)).body.data;
    expect(entries).toHaveLength(2); // this cycle's, and the next one's, granted ahead
    expect(entries.map((e: { source: string; status: string }) => [e.source, e.status])).toEqual([
      ['PRICE_PLAN', 'ACTIVE'],
      ['PRICE_PLAN', 'ACTIVE'],
    ]);
    // The next cycle's entry is ACTIVE too (Togai has no PENDING): it starts where this cycle's ends.
    expect(entries[1].effectiveFrom).toBe(entries[0].effectiveUntil);
  });
});

describe('reading revenue: errors', () => {
  it.each([
    ['a groupBy it does not know', 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&groupBy=region', 'groupBy'],
    ['a range that ends before it starts', 'from=2026-03-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ['from off a whole minute', 'from=2026-03-01T00:00:30Z&to=2026-04-01T00:00:00Z', 'from'],
    ['too many windows', 'from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&window=MINUTE', 'window'],
  ])('refuses %s with a 422 naming the field', async (_, query, field) => {
    const response = await client.get(`/revenue?${query}`);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('answers 404 for a statement of an account without a plan', async () => {
    const response = await client.get(`/accounts/${unique('nobody')}/statement`);
    expect(response).toMatchObject({ status: 404, body: { code: 'no_price_plan' } });
  });
});
