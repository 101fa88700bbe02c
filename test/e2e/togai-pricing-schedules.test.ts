import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PRICING_SCHEDULE_OPERATIONS } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Togai's pricing schedules (AccountsApi update_pricing_schedule, update_pricing_schedule_batch,
 * get_pricing_schedules), called as Togai's client calls them and checked against its models —
 * and what Togai bills: a plan associated from the month's start bills the usage metered before.
 */
afterAll(() => {
  expect([...PRICING_SCHEDULE_OPERATIONS].filter((name) => !checkedOperations.has(name))).toEqual([]);
});

let key: string;
let client: ReturnType<typeof api>;
let schema: string;
let meterId: string;
beforeAll(async () => {
  key = (await createTenant('schedules')).key;
  client = api(key);
  schema = unique('calls');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] })).status).toBe(201);
  expect((await client.post(`/event_schema/${schema}/activate`)).status).toBe(200);
  const meter = await client.post('/usage_meters', {
    name: unique('units'),
    type: 'COUNTER',
    aggregation: 'SUM',
    eventSchemaName: schema,
    computations: [{ computation: '{"var":"attributes.units"}', order: 1 }],
  });
  meterId = meter.body.id;
  expect((await client.post(`/usage_meters/${meterId}/activate`)).status).toBe(200);
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);
type Reply = Awaited<ReturnType<ReturnType<typeof api>['get']>>;
const refusal = (r: Reply) => ({
  status: r.status,
  code: r.body?.code,
  paths: ((r.body?.errors ?? []) as { path: string }[]).map((e) => e.path),
});

async function activePlan(rate: string, fee?: string): Promise<string> {
  const created = await client.post('/price_plans', {
    name: unique('plan'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    usageRateCards: [{ usageMeterId: meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate }] }],
    ...(fee ? { fixedFees: [{ name: 'Base', amount: fee }] } : {}),
  });
  expect(created.status).toBe(200);
  expect((await client.post(`/price_plans/${created.body.id}/activate`)).status).toBe(200);
  return created.body.id;
}

async function meteredEvent(accountId: string, units: string): Promise<void> {
  const id = unique('call');
  const event = {
    id,
    schemaName: schema,
    timestamp: new Date().toISOString(),
    accountId,
    attributes: [{ name: 'units', value: units }],
  };
  expect((await client.post('/ingest', { event })).status).toBe(202);
  const metered = 'INGESTION_COMPLETED_EVENT_METERED';
  const read = await eventually(
    () => client.get(`/events/${id}`),
    (r) => r.body?.events?.[0]?.ingestionStatus?.status === metered,
  );
  expect(read.body.events[0].ingestionStatus.status).toBe(metered);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// The plans' cycle is open now whatever the date (it began three days ago): its start is where a
// backdated association goes; a day 28 days on is inside it, and later than any event here.
const cycle = openMonthlyCycle();
const monthStart = day(cycle.start);
const nextMonthStart = day(cycle.start + 28 * 86_400_000);

describe('a plan associated from the start of the month bills the usage metered before it (Togai does)', () => {
  it('50 units metered, the plan associated from the 1st, 70 more: 120 billed, once', async () => {
    const accountId = unique('acc');
    await togai('create_customer', {
      body: {
        id: unique('cus'),
        name: 'Backdated Inc',
        primaryEmail: 'billing@backdated.test',
        address: {},
        account: { id: accountId, name: 'Backdated account' },
      },
    });
    const plan = await activePlan('1', '10');
    await meteredEvent(accountId, '50');

    const associated = await togai('update_pricing_schedule', {
      params: { account_id: accountId },
      body: { mode: 'ASSOCIATE', pricePlanId: plan, effectiveFrom: monthStart, effectiveUntil: '9999-01-01' },
    });
    expect(associated.body).toEqual({
      accountId,
      accountName: 'Backdated account',
      pricingSchedules: [
        {
          id: expect.stringMatching(/^pa\./),
          pricePlanId: plan,
          pricePlanName: expect.any(String),
          startDate: `${monthStart}T00:00:00Z`,
          endDate: '9999-01-01T00:00:00Z',
          pricePlanVersion: 1,
        },
      ],
    });
    // Rated when associated, in the same transaction: no wait.
    const statementPath = `/accounts/${accountId}/statement`;
    expect((await client.get(statementPath)).body.plans[0].usageLines[0]).toMatchObject({
      usage: '50',
      amount: '50.00',
    });

    await meteredEvent(accountId, '70');
    const statement = await eventually(
      () => client.get(statementPath),
      (r) => r.body?.plans?.[0]?.usageLines?.[0]?.usage === '120',
    );
    expect(statement.body.plans[0].usageLines[0]).toMatchObject({ usage: '120', amount: '120.00' });
    expect(statement.body.totals).toEqual([{ currency: 'USD', amount: '130.00' }]);

    const range = `from=${monthStart}T00:00:00Z&to=${nextMonthStart}T00:00:00Z`;
    const revenue = await client.get(`/revenue?${range}&accountId=${accountId}`);
    expect(revenue.body.totals).toEqual([{ currency: 'USD', value: '120' }]);
    const metrics = await togai('get_metrics', {
      body: {
        startTime: `${monthStart}T00:00:00Z`,
        endTime: `${nextMonthStart}T00:00:00Z`,
        metricQueries: [
          {
            id: 'r',
            name: 'REVENUE',
            aggregationPeriod: 'MONTH',
            filters: [{ fieldName: 'ACCOUNT_ID', fieldValues: [accountId] }],
          },
        ],
      },
    });
    expect(metrics.text).toMatch(/"metricValues":\[120\]/);

    // Asking again is refused (the plan starts there already), and bills nothing twice.
    const again = await client.post(`/accounts/${accountId}/price_plans`, {
      pricePlanId: plan,
      effectiveFrom: monthStart,
      effectiveUntil: '9999-01-01',
    });
    expect(refusal(again)).toEqual({ status: 409, code: 'plan_association_overlaps', paths: ['effectiveFrom'] });
    expect((await client.get(`/revenue?${range}&accountId=${accountId}`)).body.totals).toEqual([
      { currency: 'USD', value: '120' },
    ]);
  });
});

describe("Togai's pricing-schedule operations", () => {
  it('lists schedules, edits them in a batch (dry run first), and refuses what it cannot honour by name', async () => {
    const accountId = unique('acc');
    const [basic, pro] = [await activePlan('1'), await activePlan('0.5')];
    const params = { account_id: accountId };
    await togai('update_pricing_schedule', {
      params,
      body: { pricePlanId: basic, effectiveFrom: monthStart, effectiveUntil: '9999-01-01' },
    });
    await meteredEvent(accountId, '5');

    // From next month: basic ends, pro starts. A dry run answers that and changes nothing.
    const edits = [
      { mode: 'DISASSOCIATE', effectiveFrom: nextMonthStart, effectiveUntil: '9999-01-01' },
      { mode: 'ASSOCIATE', pricePlanId: pro, effectiveFrom: nextMonthStart, effectiveUntil: '9999-01-01' },
    ];
    const dry = await togai('update_pricing_schedule_batch', { params, query: { dry_run: 'true' }, body: { edits } });
    const expected = [
      { pricePlanId: basic, startDate: `${monthStart}T00:00:00Z`, endDate: `${nextMonthStart}T00:00:00Z` },
      { pricePlanId: pro, startDate: `${nextMonthStart}T00:00:00Z`, endDate: '9999-01-01T00:00:00Z' },
    ];
    expect(dry.body).toMatchObject({ accountId, accountName: accountId, pricingSchedules: expected });
    const listed = await togai('get_pricing_schedules', {
      params,
      query: { pageSize: '10', include_price_plan_info: 'true', compact: 'false' },
    });
    expect(listed.body.data).toMatchObject([
      {
        pricePlanId: basic,
        endDate: '9999-01-01T00:00:00Z',
        version: 1,
        isOverriden: false,
        pricePlanInfo: { name: expect.any(String) },
      },
    ]);

    const edited = await togai('update_pricing_schedule_batch', { params, body: { edits } });
    expect(edited.body.pricingSchedules).toMatchObject(expected);
    const [first, second] = edited.body.pricingSchedules;

    // Pages, and the start_date/end_date window (Togai's client writes instants without a zone: UTC).
    const page1 = await togai('get_pricing_schedules', { params, query: { pageSize: '1' } });
    expect(page1.body.data.map((s: { id: string }) => s.id)).toEqual([first.id]);
    const page2 = await togai('get_pricing_schedules', {
      params,
      query: { pageSize: '1', nextToken: page1.body.nextToken },
    });
    expect([page2.body.data.map((s: { id: string }) => s.id), page2.body.nextToken]).toEqual([[second.id], undefined]);
    const window = await togai('get_pricing_schedules', {
      params,
      query: { start_date: `${nextMonthStart}T00:00:00.000000`, end_date: '2099-03-30T10:41:10.088499' },
    });
    expect(window.body.data.map((s: { id: string }) => s.id)).toEqual([second.id]);

    const post = (body: object) => client.post(`/accounts/${accountId}/price_plans`, body);
    // A change over a period in which a plan starts would rewrite it: refused.
    expect(
      refusal(await post({ mode: 'DISASSOCIATE', effectiveFrom: monthStart, effectiveUntil: nextMonthStart })),
    ).toEqual({
      status: 409,
      code: 'plan_association_overlaps',
      paths: ['effectiveFrom'],
    });
    const later = day(Date.parse(`${nextMonthStart}T00:00:00Z`) + 40 * 86_400_000);
    expect(
      refusal(
        await post({
          mode: 'DISASSOCIATE',
          effectiveFrom: later,
          effectiveUntil: day(Date.parse(`${later}T00:00:00Z`) + 86_400_000),
        }),
      ),
    ).toEqual({
      status: 409,
      code: 'plan_association_split',
      paths: ['effectiveUntil'],
    });
    expect(
      refusal(
        await post({
          pricePlanId: pro,
          effectiveFrom: later,
          effectiveUntil: '9999-01-01',
          pricePlanDetailsOverride: { supportedCurrencies: ['EUR'] },
        }),
      ),
    ).toEqual({
      status: 422,
      code: 'invalid_body',
      paths: ['pricePlanDetailsOverride'],
    });
    expect(refusal(await post({ effectiveFrom: later, effectiveUntil: '9999-01-01' }))).toEqual({
      status: 422,
      code: 'invalid_body',
      paths: ['pricePlanId'],
    });
    const batch = await client.post(`/accounts/${accountId}/edit_schedules`, {
      edits: [
        { mode: 'DISASSOCIATE', effectiveFrom: later, effectiveUntil: '9999-01-01' },
        { pricePlanId: 'pp.none', effectiveFrom: later, effectiveUntil: '9999-01-01' },
      ],
    });
    expect(refusal(batch)).toEqual({ status: 422, code: 'invalid_plan_association', paths: ['edits.1.pricePlanId'] });
    // Nothing of a refused batch stays.
    expect((await togai('get_pricing_schedules', { params })).body.data).toMatchObject(expected);
  });

  it('refuses ending a plan where it has rated usage: Meterline does not re-rate under another plan', async () => {
    const accountId = unique('acc');
    const [basic, pro] = [await activePlan('1'), await activePlan('0.5')];
    const today = day(Date.now());
    const twoDaysAgo = day(Date.now() - 2 * 86_400_000);
    await client.post(`/accounts/${accountId}/price_plans`, {
      pricePlanId: basic,
      effectiveFrom: twoDaysAgo,
      effectiveUntil: '9999-01-01',
    });
    await meteredEvent(accountId, '5'); // stamped now: after 00:00 today
    const replace = await client.post(`/accounts/${accountId}/price_plans`, {
      pricePlanId: pro,
      effectiveFrom: today,
      effectiveUntil: '9999-01-01',
    });
    expect(refusal(replace)).toEqual({ status: 409, code: 'plan_association_rated', paths: ['effectiveFrom'] });
    expect((await client.get(`/accounts/${accountId}/price_plans`)).body.data).toMatchObject([
      { pricePlanId: basic, effectiveFrom: `${twoDaysAgo}T00:00:00.000Z` },
    ]);
    // From tomorrow nothing is rated yet: the change is made.
    const tomorrow = day(Date.now() + 86_400_000);
    expect(
      (
        await client.post(`/accounts/${accountId}/price_plans`, {
          pricePlanId: pro,
          effectiveFrom: tomorrow,
          effectiveUntil: '9999-01-01',
        })
      ).status,
    ).toBe(200);
  });
});
