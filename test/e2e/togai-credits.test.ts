import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTRACT_TESTED, CREDIT_CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Togai's CreditsApi (money credits paid out to an account's statements), and contract gaps found
 * before: count features, plan-granted entry ids, empty event pages — each called as Togai's
 * client calls it and checked against Togai's own models (test/contract/).
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Every supported operation this file is responsible for (CREDIT_CONTRACT_TESTED) is checked here.
afterAll(() => {
  expect(CREDIT_CONTRACT_TESTED.filter((name) => !CONTRACT_TESTED.has(name) || !checkedOperations.has(name))).toEqual(
    [],
  );
});

let key: string;
beforeAll(async () => {
  key = (await createTenant('togai_credits')).key;
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A SUM meter priced 1 USD a unit, with a fixed fee of 10 USD, on a monthly cycle open now. */
async function pricedAccount() {
  const client = api(key);
  const cycle = openMonthlyCycle();
  const schema = unique('credit_usage');
  await togai('create_event_schema', { body: { name: schema, attributes: [{ name: 'units' }], dimensions: [] } });
  await togai('activate_event_schema', { params: { event_schema_name: schema } });
  const meter = await togai('create_usage_meter', {
    body: {
      name: unique('units'),
      type: 'COUNTER',
      aggregation: 'SUM',
      eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.units"}', order: 1 }],
    },
  });
  await togai('activate_usage_meter', { params: { usage_meter_id: meter.body.id } });
  const plan = await client.post('/price_plans', {
    name: unique('credit_plan'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    usageRateCards: [{ usageMeterId: meter.body.id, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
    fixedFees: [{ name: 'Base', amount: '10' }],
  });
  expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
  const customerId = unique('credit_cus');
  const accountId = unique('credit_acc');
  await togai('create_customer', {
    body: {
      id: customerId,
      name: 'Credits customer',
      primaryEmail: 'billing@credits.test',
      address: {},
      account: { id: accountId, name: 'Credits account', invoiceCurrency: 'USD' },
    },
  });
  const associated = await client.post(`/accounts/${accountId}/price_plans`, {
    pricePlanId: plan.body.id,
    effectiveFrom: new Date(cycle.start).toISOString(),
  });
  expect(associated.status).toBe(200);
  const usage = (units: string, id = unique('evt')) => ({
    id,
    schemaName: schema,
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    accountId,
    attributes: [{ name: 'units', value: units }],
    dimensions: {},
  });
  return { client, accountId, schema, usage };
}

describe("Togai's CreditsApi", () => {
  it('grants credits, pays the open cycle from them by priority then expiry, exactly, voids one, and lists and balances them', async () => {
    const { client, accountId, usage } = await pricedAccount();
    const today = Date.now();
    const idempotencyKey = unique('key');
    const grant = (body: Record<string, unknown>) => ({
      accountId,
      purpose: 'Promotion',
      effectiveFrom: day(today),
      ...body,
    });
    const created = await togai('create_credit', {
      body: {
        creditRequests: [
          grant({ creditAmount: 15.5, priority: 1 }),
          grant({ creditAmount: 100, priority: 1, effectiveUntil: day(today + 10 * DAY), idempotencyKey }),
          grant({ creditAmount: '50.125', priority: 2 }),
        ],
      },
    });
    const [never, soon, second] = created.body.credits.map((c: { id: string }) => c.id) as [string, string, string];
    expect(created.text).toContain('"creditAmount":50.125');

    // The same idempotencyKey again: the same credit, nothing granted twice.
    const again = await togai('create_credit', {
      body: {
        creditRequests: [
          grant({ creditAmount: 100, priority: 1, effectiveUntil: day(today + 10 * DAY), idempotencyKey }),
        ],
      },
    });
    expect(again.body.credits[0].id).toBe(soon);

    // The cycle charges 10 (fee) + 1.5 + 0.75 (usage) = 12.25, held (the cycle is open) by the
    // priority-1 credit that expires first. A redelivered event is counted once.
    const first = usage('1.5');
    expect((await client.post('/ingest', { event: first })).status).toBe(202);
    expect((await client.post('/ingestBatch', { events: [usage('0.75'), first] })).status).toBe(202);
    const held = await eventually(
      () => togai('get_credit_details', { params: { credit_id: soon } }),
      (r) => r.body.holdAmount === 12.25,
    );
    expect(held.text).toContain('"holdAmount":12.25');
    expect(held.body).toMatchObject({ status: 'ACTIVE', consumedAmount: 0, balance: 87.75, creditUnit: 'USD' });
    expect(
      held.body.transactions.map((t: { transactionType: string; amount: number }) => [t.transactionType, t.amount]),
    ).toEqual([
      ['CREDITED', 100],
      ['DEBITED', 12.25],
    ]);
    expect((await togai('get_credit_details', { params: { credit_id: never } })).body).toMatchObject({
      holdAmount: 0,
      balance: 15.5,
    });

    const balance = await togai('credit_balance_for_account', { params: { account_id: accountId } });
    expect(balance.body).toMatchObject({
      activeCredits: 165.625,
      availableBalance: 165.625,
      runningBalance: 153.375,
      inapplicableCredits: 0,
      unit: 'USD',
    });
    expect(balance.text).toContain('"runningBalance":153.375');

    // Voided, the credit keeps the 12.25 it paid and pays nothing more: the next unit goes to the other priority-1 credit.
    const voided = await togai('void_credit', { params: { credit_id: soon } });
    expect(voided.body).toMatchObject({ status: 'VOIDED', holdAmount: 12.25, balance: 0 });
    await togai('void_credit', { params: { credit_id: soon } }); // a repeat changes nothing
    expect((await client.post('/ingest', { event: usage('1') })).status).toBe(202);
    await eventually(
      () => togai('get_credit_details', { params: { credit_id: never } }),
      (r) => r.body.holdAmount === 1,
    );
    const after = await togai('credit_balance_for_account', { params: { account_id: accountId } });
    expect(after.body).toMatchObject({ activeCredits: 65.625, runningBalance: 64.625 });
    const details = await togai('get_credit_details', { params: { credit_id: soon } });
    expect(
      details.body.transactions.map((t: { transactionType: string; amount: number }) => [t.transactionType, t.amount]),
    ).toEqual([
      ['CREDITED', 100],
      ['DEBITED', 12.25],
      ['VOIDED', 87.75],
    ]);

    const listed = await togai('list_credits', { query: { accountId, pageSize: '2' } });
    expect(listed.body.data).toHaveLength(2);
    const rest = await togai('list_credits', { query: { accountId, pageSize: '2', nextToken: listed.body.nextToken } });
    expect([...listed.body.data, ...rest.body.data].map((c: { id: string }) => c.id).sort()).toEqual(
      [never, soon, second].sort(),
    );
    expect(
      (await togai('list_credits', { query: { accountId, status: 'VOIDED' } })).body.data.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([soon]);
    expect((await togai('list_credits', { query: { id: second } })).body.data.map((c: { id: string }) => c.id)).toEqual(
      [second],
    );
  });

  it('refuses bad grants with 422 naming the field, and an unknown credit or account with 404', async () => {
    const { client, accountId } = await pricedAccount();
    const base = { accountId, purpose: 'x', effectiveFrom: day(Date.now()), creditAmount: 1, priority: 1 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, accountId: unique('nobody') }, 'creditRequests.0.accountId'],
      [{ ...base, creditAmount: -1 }, 'creditRequests.0.creditAmount'],
      [{ ...base, creditAmount: 0 }, 'creditRequests.0.creditAmount'],
      [{ ...base, effectiveFrom: '2026-13-01' }, 'creditRequests.0.effectiveFrom'],
      [{ ...base, effectiveUntil: '2020-01-01' }, 'creditRequests.0.effectiveUntil'],
      [{ ...base, applicableEntityIds: ['rc.1'] }, 'creditRequests.0.applicableEntityIds.0'],
    ];
    for (const [request, path] of cases) {
      const response = await client.post('/credits', { creditRequests: [request] });
      expect([path, response.status, response.body.errors?.map((e: { path: string }) => e.path)]).toEqual([
        path,
        422,
        [path],
      ]);
    }
    const key = unique('key');
    expect((await client.post('/credits', { creditRequests: [{ ...base, idempotencyKey: key }] })).status).toBe(200);
    const conflict = await client.post('/credits', {
      creditRequests: [{ ...base, creditAmount: 2, idempotencyKey: key }],
    });
    expect([conflict.status, conflict.body.errors?.[0]?.path]).toEqual([409, 'creditRequests.0.idempotencyKey']);
    expect((await client.get('/credits/cred.nosuchcredit')).status).toBe(404);
    expect((await client.post('/credits/cred.nosuchcredit/void')).status).toBe(404);
    expect((await client.get(`/accounts/${unique('nobody')}/credit_balance`)).status).toBe(404);
  });

  it("keeps each tenant's credits its own", async () => {
    const { accountId } = await pricedAccount();
    const created = await togai('create_credit', {
      body: {
        creditRequests: [{ accountId, purpose: 'x', effectiveFrom: day(Date.now()), creditAmount: 5, priority: 1 }],
      },
    });
    const other = api((await createTenant('credits_other')).key);
    const id = created.body.credits[0].id;
    expect((await other.get(`/credits/${id}`)).status).toBe(404);
    expect((await other.post(`/credits/${id}/void`)).status).toBe(404);
    expect((await other.get(`/credits?id=${id}`)).body.data).toEqual([]);
    expect((await other.get(`/accounts/${accountId}/credit_balance`)).status).toBe(404);
  });
});

describe('contract gaps', () => {
  it("answers a count feature (no attribute) with attributeName '', which Togai's client parses", async () => {
    const schema = unique('count_schema');
    await togai('create_event_schema', { body: { name: schema, attributes: [{ name: 'n' }], dimensions: [] } });
    await togai('activate_event_schema', { params: { event_schema_name: schema } });
    const byTogai = await togai('create_feature', {
      body: { name: unique('calls'), schemaAssociations: [{ schemaName: schema, attributeName: '' }] },
    });
    expect(byTogai.body.schemaAssociations).toEqual([{ schemaName: schema, attributeName: '' }]);
    const byMeterline = await api(key).post('/features', {
      name: unique('calls'),
      schemaAssociations: [{ schemaName: schema }],
    });
    const read = await togai('get_feature', { params: { feature_id: byMeterline.body.id } });
    expect(read.body.schemaAssociations).toEqual([{ schemaName: schema, attributeName: '' }]);
    await togai('get_features', { query: { pageSize: '50' } });
    await togai('update_feature', {
      params: { feature_id: byMeterline.body.id },
      body: { schemaAssociations: read.body.schemaAssociations },
    });
  });

  it("gives plan-granted credit entries ids within Togai's 50 characters", async () => {
    const { client, schema } = await pricedAccount();
    const feature = await togai('create_feature', {
      body: { name: unique('granted'), schemaAssociations: [{ schemaName: schema, attributeName: 'units' }] },
    });
    const cycle = openMonthlyCycle();
    const plan = await client.post('/price_plans', {
      name: unique('grant_plan'),
      currency: 'USD',
      pricingCycle: cycle.pricingCycle,
      entitlementRateCards: [{ featureId: feature.body.id, granted: '1000' }],
    });
    expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
    const other = unique('granted_acc');
    expect(
      (
        await client.post(`/accounts/${other}/price_plans`, {
          pricePlanId: plan.body.id,
          effectiveFrom: new Date(cycle.start).toISOString(),
        })
      ).status,
    ).toBe(200);
    const params = { account_id: other, feature_id: feature.body.id };
    const entries = await eventually(
      () => togai('list_feature_credit_entries', { params }),
      (r) => r.body.data?.length === 2,
    );
    for (const entry of entries.body.data) {
      expect(entry.id.length).toBeLessThanOrEqual(50);
    }
    await togai('update_feature_credit_entry', {
      params: { ...params, entry_id: entries.body.data[0].id },
      body: { granted: 1001 },
    });
  });

  it("answers an events page with nothing in it 404 no_events (Togai's list holds 1 to 50), and a page with events in Togai's model", async () => {
    const { client, schema, usage } = await pricedAccount();
    const none = await client.get(`/events?schemaName=${schema}`);
    expect([none.status, none.body.code]).toEqual([404, 'no_events']);
    expect((await client.post('/ingest', { event: usage('1') })).status).toBe(202);
    await eventually(
      () => client.get(`/events?schemaName=${schema}`),
      (r) => r.status === 200,
    );
    await togai('get_events', { query: { schemaName: schema } });
  });
});

describe('events of accounts never created (tenant setting unknownAccounts)', () => {
  it("meters them by default; under FAIL answers Togai's INGESTION_FAILED_ACCOUNT_NOT_FOUND, counts nothing, and meters them once when replayed after the account exists", async () => {
    const tenant = await createTenant('unknown_accounts');
    const client = api(tenant.key);
    const togaiOf = (name: string, request?: Parameters<typeof callTogai>[3]) =>
      callTogai(inject('stackUrl'), tenant.key, name, request);
    expect((await client.get('/tenant_settings')).body.unknownAccounts).toBe('METER');
    const refused = await client.patch('/tenant_settings', { unknownAccounts: 'IGNORE' });
    expect([refused.status, refused.body.errors?.[0]?.path]).toEqual([422, 'unknownAccounts']);

    const schema = unique('acct_events');
    await client.post('/event_schema', { name: schema, attributes: [{ name: 'n' }], dimensions: [] });
    await client.post(`/event_schema/${schema}/activate`);
    const meter = await client.post('/usage_meters', {
      name: unique('n'),
      aggregation: 'SUM',
      eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.n"}', order: 1 }],
    });
    await client.post(`/usage_meters/${meter.body.id}/activate`);
    const event = (accountId: string, n: string) => ({
      id: unique('evt'),
      schemaName: schema,
      timestamp: new Date().toISOString(),
      accountId,
      attributes: [{ name: 'n', value: n }],
      dimensions: {},
    });
    const statusOf = async (id: string) =>
      (
        await eventually(
          () => client.get(`/events/${id}`),
          (r) => r.status === 200,
        )
      ).body.events[0].ingestionStatus.status;

    // The default: an account nobody created is metered (the tour and /entitled rely on it).
    const free = event(unique('free'), '1');
    await client.post('/ingest', { event: free });
    expect(await statusOf(free.id)).toBe('INGESTION_COMPLETED_EVENT_METERED');

    expect((await client.patch('/tenant_settings', { unknownAccounts: 'FAIL' })).body.unknownAccounts).toBe('FAIL');
    const ghost = unique('ghost');
    const known = unique('known');
    await client.post('/customers', {
      id: unique('cus'),
      name: 'Known',
      primaryEmail: 'known@example.test',
      address: {},
      account: { id: known, name: 'Known' },
    });
    const lost = event(ghost, '2.5');
    const counted = event(known, '4');
    expect((await client.post('/ingestBatch', { events: [lost, counted] })).status).toBe(202);
    expect(await statusOf(lost.id)).toBe('INGESTION_FAILED_ACCOUNT_NOT_FOUND');
    expect(await statusOf(counted.id)).toBe('INGESTION_COMPLETED_EVENT_METERED');
    await togaiOf('get_single_event', { params: { event_id: lost.id } });
    const listed = await togaiOf('get_events', { query: { status: 'INGESTION_FAILED_ACCOUNT_NOT_FOUND' } });
    expect(listed.body.events.map((e: { eventPayload: { id: string } }) => e.eventPayload.id)).toEqual([lost.id]);

    const minute = 60_000;
    const range = `from=${new Date(Math.floor(Date.now() / minute) * minute - 60 * minute).toISOString()}&to=${new Date(Math.ceil(Date.now() / minute) * minute + minute).toISOString()}`;
    const usage = async (accountId: string) =>
      (await client.get(`/usage?meterId=${meter.body.id}&accountId=${accountId}&${range}`)).body.value;
    expect(await usage(ghost)).toBe('0');

    // A replay of the oldest failures leaves it (its account still missing); named, it waits for the account too.
    expect((await client.post('/events/replay', { limit: 100 })).body.events).toEqual([]);
    expect((await client.post('/events/replay', { eventIds: [lost.id] })).body.events).toEqual([
      expect.objectContaining({ id: lost.id, status: 'INGESTION_FAILED_ACCOUNT_NOT_FOUND' }),
    ]);
    await client.post('/customers', {
      id: unique('cus'),
      name: 'Ghost',
      primaryEmail: 'ghost@example.test',
      address: {},
      account: { id: ghost, name: 'Ghost' },
    });
    const replayed = await client.post('/events/replay', { eventIds: [lost.id] });
    expect(replayed.body.events).toEqual([{ id: lost.id, status: 'INGESTION_COMPLETED_EVENT_METERED' }]);
    expect((await client.post('/events/replay', { eventIds: [lost.id] })).body.events).toEqual([]);
    expect(await usage(ghost)).toBe('2.5');

    expect((await client.patch('/tenant_settings', { unknownAccounts: 'METER' })).body.unknownAccounts).toBe('METER');
  });
});

describe("Togai's create_customer_contact", () => {
  it("adds contacts to a customer, in Togai's model, with unique usernames, and refuses what Meterline cannot keep", async () => {
    const client = api(key);
    const customerId = unique('contact_cus');
    await togai('create_customer', {
      body: { id: customerId, name: 'With contacts', primaryEmail: 'billing@contacts.test', address: {} },
    });
    const params = { customer_id: customerId };
    const username = unique('ada');
    const first = await togai('create_customer_contact', {
      params,
      body: {
        preferredUsername: username,
        name: 'Ada',
        email: 'ada@contacts.test',
        phone: '+44 20 7946 0000',
        loginAccess: false,
      },
    });
    expect(first.body).toMatchObject({
      username,
      name: 'Ada',
      email: 'ada@contacts.test',
      loginAccess: false,
      verified: false,
    });
    const second = await togai('create_customer_contact', {
      params,
      body: { name: 'Grace', email: 'grace@contacts.test' },
    });
    expect(second.body.username).not.toBe(username);
    const listed = await client.get(`/customers/${customerId}/contacts`);
    expect(listed.body.data.map((c: { name: string }) => c.name)).toEqual(['Ada', 'Grace']);

    const taken = await client.post(`/customers/${customerId}/contacts`, {
      preferredUsername: username,
      name: 'Other',
      email: 'o@contacts.test',
    });
    expect([taken.status, taken.body.errors?.[0]?.path]).toEqual([409, 'preferredUsername']);
    for (const [body, path] of [
      [{ name: 'A', email: 'not an email' }, 'email'],
      [{ name: 'A', email: 'a@contacts.test', password: 'secret' }, 'password'],
      [{ name: 'A', email: 'a@contacts.test', loginAccess: true }, 'loginAccess'],
      [{ name: 'A', email: 'a@contacts.test', phone: '1'.repeat(21) }, 'phone'],
    ] as const) {
      const refused = await client.post(`/customers/${customerId}/contacts`, body);
      expect([path, refused.status, refused.body.errors?.map((e: { path: string }) => e.path)]).toEqual([
        path,
        422,
        [path],
      ]);
    }
    expect(
      (await client.post(`/customers/${unique('nobody')}/contacts`, { name: 'A', email: 'a@contacts.test' })).status,
    ).toBe(404);
    await togai('delete_customer', { params });
    expect(
      (await client.post(`/customers/${customerId}/contacts`, { name: 'Late', email: 'late@contacts.test' })).status,
    ).toBe(409);
  });
});

describe("Togai's AliasesApi", () => {
  it('registers aliases all or none, reads, lists and deletes them, and keeps one an account holds', async () => {
    const client = api(key);
    const [one, two, held] = [unique('al_one'), unique('al_two'), unique('al_held')];
    const created = await togai('create_alias', {
      body: { aliases: [{ value: one }, { value: two }, { value: held }] },
    });
    expect(created.body.data.map((a: { value: string }) => a.value)).toEqual([one, two, held]);
    expect((await togai('get_alias', { params: { alias: one } })).body.value).toBe(one);
    const first = await togai('list_aliases', { query: { pageSize: '2.0' } });
    expect(first.body.data).toHaveLength(2);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await togai('list_aliases', { query: { pageSize: '2', ...(token ? { nextToken: token } : {}) } });
      seen.push(...page.body.data.map((a: { value: string }) => a.value));
      token = page.body.nextToken;
    } while (token);
    expect(seen).toEqual(expect.arrayContaining([one, two, held]));
    expect(new Set(seen).size).toBe(seen.length);

    // All or none: one value already registered refuses the whole request, naming it.
    const again = await client.post('/aliases', { aliases: [{ value: unique('al_new') }, { value: two }] });
    expect([again.status, again.body.errors?.map((e: { path: string }) => e.path)]).toEqual([409, ['aliases.1.value']]);

    // An alias an account holds cannot be deleted until it is removed from the account.
    const customerId = unique('al_cus');
    const accountId = unique('al_acc');
    await client.post('/customers', {
      id: customerId,
      name: 'Aliased',
      primaryEmail: 'a@aliases.test',
      address: {},
      account: { id: accountId, name: 'Aliased', aliases: [held] },
    });
    expect((await client.delete(`/aliases/${held}`)).status).toBe(409);
    await togai('remove_aliases', { params: { account_id: accountId }, body: { aliases: [held] } });
    await togai('delete_alias', { params: { alias: held } });
    await togai('delete_alias', { params: { alias: one } });
    expect((await client.get(`/aliases/${one}`)).status).toBe(404);
    expect((await client.delete(`/aliases/${one}`)).status).toBe(404);
  });
});
