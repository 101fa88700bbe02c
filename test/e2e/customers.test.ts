import { describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';

/**
 * Togai's CustomersApi and AccountsApi (docs/CustomersApi.md, AccountsApi.md of Togai's client):
 * every answer is compared whole, field by field, with what Togai's models (Customer,
 * CreateCustomerResponse, Account, AccountAlias, the paginated responses) hold.
 */
const client = api();
type Reply = Awaited<ReturnType<typeof client.get>>;
const paths = (r: Reply) => ((r.body?.errors ?? []) as { path: string }[]).map((e) => e.path);
const problem = (r: Reply) => ({ status: r.status, code: r.body?.code, contentType: r.contentType });
const instant = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const togaiId = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}\\.[0-9a-z]{16}$`));
const address = {
  line1: '1 Main St',
  line2: 'Suite 4',
  postalCode: '94105',
  city: 'San Francisco',
  state: 'CA',
  country: 'US',
  phoneNumber: '+1 555 0100',
};

async function newCustomer(extra: Record<string, unknown> = {}) {
  const id = unique('cus');
  const created = await client.post('/customers', {
    id,
    name: 'Acme Inc',
    primaryEmail: 'billing@acme.test',
    address: { city: 'Paris', country: 'FR' },
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function newAccount(customerId: string, extra: Record<string, unknown> = {}) {
  const created = await client.post('/accounts', { id: unique('acc'), name: 'Production', customerId, ...extra });
  expect(created.status).toBe(201);
  return created.body;
}

/** Every item of a paged list, following nextToken. */
async function everything(path: string, pageSize: number) {
  const items: { id: string }[] = [];
  let token: string | undefined;
  do {
    const page = await client.get(
      `${path}${path.includes('?') ? '&' : '?'}pageSize=${pageSize}${token ? `&nextToken=${token}` : ''}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeLessThanOrEqual(pageSize);
    expect(page.body.context).toEqual({ pageSize, sortOrder: 'ASC' });
    items.push(...page.body.data);
    token = page.body.nextToken;
  } while (token);
  return items;
}

describe('customers', () => {
  it('creates a customer with an account in one step, as CreateCustomerResponse', async () => {
    const [id, accountId] = [unique('cus'), unique('acc')];
    const settings = [{ id: 'tax', value: '18', namespace: 'USER', name: 'Tax rate', dataType: 'NUMERIC' }];
    const created = await client.post('/customers', {
      id,
      name: 'Acme Inc',
      primaryEmail: 'billing@acme.test',
      address,
      settings,
      account: {
        id: accountId,
        name: 'Acme production',
        invoiceCurrency: 'USD',
        aliases: [`${accountId}-old`],
        tags: ['Gold', 'eu'],
        netTermDays: 30,
      },
    });
    const account = {
      id: accountId,
      togaiAccountId: togaiId('acc'),
      togaiCustomerId: created.body.togaiCustomerId,
      name: 'Acme production',
      customerId: id,
      invoiceCurrency: 'USD',
      aliases: [{ alias: `${accountId}-old` }],
      netTermDays: 30,
      status: 'ACTIVE',
      tags: ['gold', 'eu'],
    };
    const billingAddress = '1 Main St, Suite 4, San Francisco, CA, 94105, US';
    expect(created).toMatchObject({ status: 201 });
    expect(created.body).toEqual({
      id,
      togaiCustomerId: togaiId('cus'),
      name: 'Acme Inc',
      primaryEmail: 'billing@acme.test',
      billingAddress,
      address,
      settings,
      account,
    });

    const customer = await client.get(`/customers/${id}`);
    expect(customer.body).toEqual({
      id,
      togaiCustomerId: created.body.togaiCustomerId,
      name: 'Acme Inc',
      primaryEmail: 'billing@acme.test',
      billingAddress,
      address,
      status: 'ACTIVE',
      createdAt: instant,
      updatedAt: instant,
    });
    expect(customer.body.createdAt).toBe(customer.body.updatedAt);
    expect((await client.get(`/accounts/${accountId}`)).body).toEqual({
      ...account,
      togaiAccountId: created.body.account.togaiAccountId,
    });
  });

  it('creates a customer alone: no account, no settings in the answer', async () => {
    const id = unique('cus');
    const created = await client.post('/customers', {
      id,
      name: 'Solo',
      primaryEmail: 'solo@example.test',
      address: {},
    });
    expect(created.body).toEqual({
      id,
      togaiCustomerId: togaiId('cus'),
      name: 'Solo',
      primaryEmail: 'solo@example.test',
      billingAddress: '',
      address: {},
    });
    expect((await client.get(`/accounts?customerId=${id}`)).body.data).toEqual([]);
  });

  it('names each bad field of a create in a 422 problem', async () => {
    const bad = await client.post('/customers', {
      id: 'x'.repeat(51),
      name: 'ab',
      primaryEmail: 'a@b.c',
      address: { country: 'France' },
      colour: 'red',
    });
    expect(problem(bad)).toEqual({ status: 422, code: 'invalid_body', contentType: 'application/problem+json' });
    expect(paths(bad).sort()).toEqual(['(body)', 'address.country', 'id', 'name']);
    const missing = await client.post('/customers', { id: unique('cus'), name: 'Acme' });
    expect(paths(missing).sort()).toEqual(['address', 'primaryEmail']);
    const nested = await client.post('/customers', {
      id: unique('cus'),
      name: 'Acme',
      primaryEmail: 'a@b.c',
      address: {},
      account: { id: 'a', name: 'ok name', invoiceCurrency: 'usd' },
    });
    expect(paths(nested)).toEqual(['account.invoiceCurrency']);
  });

  it('refuses an id taken, even by a deleted customer, and a taken account id without creating the customer', async () => {
    const customer = await newCustomer();
    expect((await client.delete(`/customers/${customer.id}`)).status).toBe(200);
    const again = await client.post('/customers', {
      id: customer.id,
      name: 'Again',
      primaryEmail: 'a@b.c',
      address: {},
    });
    expect([problem(again), paths(again)]).toEqual([
      { status: 409, code: 'customer_exists', contentType: 'application/problem+json' },
      ['id'],
    ]);

    const account = await newAccount((await newCustomer()).id);
    const id = unique('cus');
    const taken = await client.post('/customers', {
      id,
      name: 'Acme',
      primaryEmail: 'a@b.c',
      address: {},
      account: { id: account.id, name: 'Clash' },
    });
    expect([taken.status, taken.body.code, paths(taken)]).toEqual([409, 'account_exists', ['account.id']]);
    expect((await client.get(`/customers/${id}`)).status).toBe(404); // one transaction: nothing was kept
  });

  it('pages through customers in creation order with Togai’s nextToken', async () => {
    const ours = [await newCustomer(), await newCustomer(), await newCustomer()].map((c) => c.id);
    const all = (await everything('/customers', 2)).map((c) => c.id);
    expect(all.filter((id) => ours.includes(id))).toEqual(ours);
    expect(new Set(all).size).toBe(all.length);
    const forged = await client.get(`/customers?nextToken=${btoa(JSON.stringify({ after: 'not-a-customer' }))}`);
    expect([forged.status, paths(forged)]).toEqual([422, ['nextToken']]);
    expect(paths(await client.get('/customers?pageSize=0'))).toEqual(['pageSize']);
  });

  it('updates the fields given and answers the Customer; 404 for none; 409 once deleted', async () => {
    const customer = await newCustomer();
    const before = (await client.get(`/customers/${customer.id}`)).body;
    const updated = await client.patch(`/customers/${customer.id}`, {
      name: 'Acme Corp',
      address: { line1: '2 Rue', city: 'Lyon', country: 'FR' },
    });
    expect(updated.body).toEqual({
      ...before,
      name: 'Acme Corp',
      address: { line1: '2 Rue', city: 'Lyon', country: 'FR' },
      billingAddress: '2 Rue, Lyon, FR',
      updatedAt: instant,
    });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect((await client.get(`/customers/${customer.id}`)).body).toEqual(updated.body);
    expect(paths(await client.patch(`/customers/${customer.id}`, { primaryEmail: 'x'.repeat(321) }))).toEqual([
      'primaryEmail',
    ]);
    expect(problem(await client.patch('/customers/no_such_customer', { name: 'Nobody' }))).toMatchObject({
      status: 404,
      code: 'customer_not_found',
    });
    await client.delete(`/customers/${customer.id}`);
    expect(problem(await client.patch(`/customers/${customer.id}`, { name: 'Too late' }))).toMatchObject({
      status: 409,
      code: 'customer_archived',
    });
  });

  it('deletes a customer by archiving it and its accounts: BaseSuccessResponse, repeatable', async () => {
    const customer = await newCustomer();
    const account = await newAccount(customer.id);
    expect(await client.delete(`/customers/${customer.id}`)).toMatchObject({ status: 200, body: { success: true } });
    expect((await client.delete(`/customers/${customer.id}`)).body).toEqual({ success: true });
    expect((await client.get(`/customers/${customer.id}`)).body.status).toBe('ARCHIVED');
    expect((await client.get(`/accounts/${account.id}`)).body.status).toBe('ARCHIVED');
    const refused = await client.post('/accounts', { id: unique('acc'), name: 'Late', customerId: customer.id });
    expect([refused.status, paths(refused)]).toEqual([422, ['customerId']]);
    expect(problem(await client.delete('/customers/no_such_customer'))).toMatchObject({
      status: 404,
      code: 'customer_not_found',
    });
  });
});

describe('accounts', () => {
  it('creates an account under a customer, answering Togai’s Account', async () => {
    const customer = await newCustomer();
    const id = unique('acc');
    const body = {
      id,
      name: 'Staging',
      customerId: customer.id,
      invoiceCurrency: 'EUR',
      primaryEmail: 'ops@acme.test',
      address: { city: 'Berlin', country: 'DE' },
      billingInformation: { emailRecipients: ['ap@acme.test'], additionalEmailRecipients: ['cfo@acme.test'] },
      settings: [{ id: 's1', value: 'v', namespace: 'USER', name: 'n', dataType: 'STRING' }],
      netTermDays: 15,
      metadata: { GSTN: '29ABCDE1234F1Z5' },
      tags: ['Beta'],
      status: 'DRAFT',
    };
    const created = await client.post('/accounts', body);
    const { customerId, tags, ...rest } = body;
    const expected = {
      ...rest,
      customerId,
      tags: ['beta'],
      togaiAccountId: togaiId('acc'),
      togaiCustomerId: customer.togaiCustomerId,
      aliases: [],
    };
    expect(created).toMatchObject({ status: 201 });
    expect(created.body).toEqual(expected);
    expect((await client.get(`/accounts/${id}?includeGroupDetails=true`)).body).toEqual(created.body);

    const plain = await newAccount(customer.id);
    expect(plain).toEqual({
      id: plain.id,
      togaiAccountId: togaiId('acc'),
      togaiCustomerId: customer.togaiCustomerId,
      name: 'Production',
      customerId: customer.id,
      aliases: [],
      status: 'ACTIVE',
    });
  });

  it('names each bad field of a create in a 422 problem, and refuses a customer it does not have', async () => {
    const customer = await newCustomer();
    const bad = await client.post('/accounts', {
      id: '',
      name: 'ab',
      customerId: customer.id,
      netTermDays: 1.5,
      status: 'ARCHIVED',
      aliases: ['ab'],
    });
    expect(paths(bad).sort()).toEqual(['aliases.0', 'id', 'name', 'netTermDays', 'status']);
    const unknown = await client.post('/accounts', {
      id: unique('acc'),
      name: 'Orphan',
      customerId: 'no_such_customer',
    });
    expect([problem(unknown), paths(unknown)]).toEqual([
      { status: 422, code: 'invalid_body', contentType: 'application/problem+json' },
      ['customerId'],
    ]);
    const account = await newAccount(customer.id);
    const again = await client.post('/accounts', { id: account.id, name: 'Again', customerId: customer.id });
    expect([again.status, again.body.code, paths(again)]).toEqual([409, 'account_exists', ['id']]);
    expect(problem(await client.get('/accounts/no_such_account'))).toMatchObject({
      status: 404,
      code: 'account_not_found',
    });
  });

  it('lists accounts in creation order, all or one customer’s, with nextToken', async () => {
    const [one, two] = [await newCustomer(), await newCustomer()];
    const ours = [(await newAccount(one.id)).id, (await newAccount(two.id)).id, (await newAccount(one.id)).id];
    const all = (await everything('/accounts', 2)).map((a) => a.id);
    expect(all.filter((id) => ours.includes(id))).toEqual(ours);
    expect((await everything(`/accounts?customerId=${one.id}`, 1)).map((a) => a.id)).toEqual([ours[0], ours[2]]);
    const page = await client.get(`/accounts?customerId=${one.id}&pageSize=1`);
    expect(page.body).toEqual({
      data: [expect.objectContaining({ id: ours[0], customerId: one.id })],
      nextToken: expect.any(String),
      context: { pageSize: 1, sortOrder: 'ASC' },
    });
  });

  it('updates the fields given: metadata replaced ({} clears it), tags in lowercase; archived accounts cannot change', async () => {
    const account = await newAccount((await newCustomer()).id, { metadata: { a: '1', b: '2' }, tags: ['x'] });
    const updated = await client.patch(`/accounts/${account.id}`, {
      name: 'Renamed',
      metadata: { c: '3' },
      tags: ['Gold', 'VIP'],
      status: 'DRAFT',
      netTermDays: 45,
    });
    expect(updated.body).toEqual({
      ...account,
      name: 'Renamed',
      metadata: { c: '3' },
      tags: ['gold', 'vip'],
      status: 'DRAFT',
      netTermDays: 45,
    });
    expect((await client.patch(`/accounts/${account.id}`, { metadata: {} })).body.metadata).toEqual({});
    expect(
      paths(await client.patch(`/accounts/${account.id}`, { status: 'ARCHIVED', invoiceCurrency: 'EURO' })).sort(),
    ).toEqual(['invoiceCurrency', 'status']);
    expect(paths(await client.patch(`/accounts/${account.id}`, { customerId: 'elsewhere' }))).toEqual(['(body)']);

    expect(await client.delete(`/accounts/${account.id}`)).toMatchObject({ status: 200, body: { success: true } });
    expect((await client.get(`/accounts/${account.id}`)).body.status).toBe('ARCHIVED');
    expect(problem(await client.patch(`/accounts/${account.id}`, { name: 'Too late' }))).toMatchObject({
      status: 409,
      code: 'account_archived',
    });
    expect(problem(await client.delete('/accounts/no_such_account'))).toMatchObject({
      status: 404,
      code: 'account_not_found',
    });
  });
});

describe('account aliases', () => {
  it('adds, lists and removes aliases: by value from now, by id from an instant', async () => {
    const account = await newAccount((await newCustomer()).id);
    const [always, ranged] = [unique('al'), unique('al')];
    const added = await client.post(`/accounts/${account.id}/add_aliases`, {
      aliases: [always],
      accountAliases: [
        { value: ranged, effectiveFrom: '2020-01-01T00:00:00Z', effectiveUntil: '2021-01-01T00:00:00+00:00' },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ ...account, aliases: [{ alias: always }] }); // the ranged one ended in 2021
    const at = (when: string) => client.get(`/accounts/${account.id}?effectiveOn=${encodeURIComponent(when)}`);
    // Togai's Python client writes the instant as below: six fraction digits, a colon-less offset.
    expect((await at('2020-06-01T00:00:00.000000+0000')).body.aliases).toEqual(
      [{ alias: always }, { alias: ranged }].sort((a, b) => a.alias.localeCompare(b.alias)),
    );
    expect(paths(await at('June 1st'))).toEqual(['effectiveOn']);

    const listed = await client.get(`/accounts/${account.id}/account_aliases`);
    const uuid = expect.stringMatching(/^[0-9a-f-]{36}$/);
    expect(listed.body).toEqual({
      data: [
        {
          id: uuid,
          value: always,
          effectiveFrom: '0001-01-01T00:00:00.000Z',
          effectiveUntil: '9999-12-31T23:59:59.999Z',
          createdAt: instant,
        },
        {
          id: uuid,
          value: ranged,
          effectiveFrom: '2020-01-01T00:00:00.000Z',
          effectiveUntil: '2021-01-01T00:00:00.000Z',
          createdAt: instant,
        },
      ],
    });

    const rangedId = listed.body.data[1].id;
    const removed = await client.post(`/accounts/${account.id}/remove_aliases`, {
      aliases: [always],
      accountAliases: [{ id: rangedId, from: '2020-07-01T00:00:00Z' }],
    });
    expect(removed.body).toEqual({ ...account, aliases: [] });
    const after = (await client.get(`/accounts/${account.id}/account_aliases`)).body.data;
    expect(after).toEqual([
      { ...listed.body.data[0], effectiveUntil: instant, updatedAt: instant },
      { ...listed.body.data[1], effectiveUntil: '2020-07-01T00:00:00.000Z', updatedAt: instant },
    ]);
    expect((await at('2020-06-01T00:00:00Z')).body.aliases).toEqual(
      [{ alias: always }, { alias: ranged }].sort((a, b) => a.alias.localeCompare(b.alias)),
    );
    const unknown = await client.post(`/accounts/${account.id}/remove_aliases`, {
      aliases: ['never-had-it'],
      accountAliases: [{ id: 'nope' }],
    });
    expect([unknown.status, paths(unknown)]).toEqual([422, ['aliases.0', 'accountAliases.0.id']]);
  });

  it('lets an alias name one account at a time, and at most ten aliases be current or future', async () => {
    const customer = await newCustomer();
    const [first, second] = [await newAccount(customer.id), await newAccount(customer.id)];
    const alias = unique('al');
    await client.post(`/accounts/${first.id}/add_aliases`, {
      accountAliases: [{ value: alias, effectiveUntil: '2020-01-01T00:00:00Z' }],
    });
    const clash = await client.post(`/accounts/${second.id}/add_aliases`, {
      accountAliases: [{ value: alias, effectiveFrom: '2019-12-01T00:00:00Z' }],
    });
    expect([clash.status, clash.body.code, paths(clash)]).toEqual([409, 'alias_taken', ['accountAliases.0.value']]);
    const after = await client.post(`/accounts/${second.id}/add_aliases`, {
      accountAliases: [{ value: alias, effectiveFrom: '2020-01-01T00:00:00Z' }],
    });
    expect(after.status).toBe(200);
    const third = unique('acc');
    const nested = await client.post('/accounts', {
      id: third,
      name: 'Third',
      customerId: customer.id,
      aliases: [alias],
    });
    expect([nested.status, paths(nested)]).toEqual([409, ['aliases.0']]);
    expect((await client.get(`/accounts/${third}`)).status).toBe(404); // one transaction: no account without its aliases

    const twice = await client.post(`/accounts/${first.id}/add_aliases`, { aliases: ['same-one', 'same-one'] });
    expect([twice.status, paths(twice)]).toEqual([422, ['aliases.1']]);
    const ten = Array.from({ length: 10 }, (_, i) => `${unique('al')}-${i}`);
    expect((await client.post(`/accounts/${first.id}/add_aliases`, { aliases: ten })).status).toBe(200);
    const eleventh = await client.post(`/accounts/${first.id}/add_aliases`, { aliases: [unique('al')] });
    expect([eleventh.status, paths(eleventh)]).toEqual([422, ['aliases.0']]);
    // Adding an alias the account already has over the same range is a no-op.
    expect((await client.post(`/accounts/${first.id}/add_aliases`, { aliases: [ten[0]] })).body.aliases).toHaveLength(
      10,
    );
    expect(
      problem(await client.post('/accounts/no_such_account/add_aliases', { aliases: [unique('al')] })),
    ).toMatchObject({ status: 404 });
    expect(problem(await client.get('/accounts/no_such_account/account_aliases'))).toMatchObject({ status: 404 });
  });
});

describe('accounts and the account ids Meterline already uses', () => {
  it('meters events of a created account and of an id no account was created for alike; credits routes still answer', async () => {
    const schema = unique('cust_calls');
    await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] });
    await client.post(`/event_schema/${schema}/activate`);
    const meter = await client.post('/usage_meters', {
      name: unique('m'),
      aggregation: 'SUM',
      eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.units"}', order: 1 }],
    });
    await client.post(`/usage_meters/${meter.body.id}/activate`);
    const created = (await newAccount((await newCustomer()).id)).id;
    const free = unique('free_acc');
    for (const [accountId, units] of [
      [created, '3'],
      [free, '5'],
    ]) {
      const event = {
        id: unique('ev'),
        schemaName: schema,
        timestamp: new Date().toISOString(),
        accountId,
        attributes: [{ name: 'units', value: units }],
      };
      expect((await client.post('/ingest', { event })).status).toBe(202);
    }
    const usage = (accountId: string) =>
      client.get(
        `/usage?meterId=${meter.body.id}&accountId=${accountId}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`,
      );
    expect(
      (
        await eventually(
          () => usage(created),
          (r) => r.body?.value === '3',
        )
      ).body.value,
    ).toBe('3');
    expect(
      (
        await eventually(
          () => usage(free),
          (r) => r.body?.value === '5',
        )
      ).body.value,
    ).toBe('5');
    // The edge still serves the account's entitlements; the rater serves the account itself.
    expect(await client.get(`/accounts/${created}/entitlements`)).toMatchObject({ status: 200, body: { data: [] } });
    expect((await client.get(`/accounts/${created}`)).body.id).toBe(created);
    expect((await client.get(`/accounts/${free}`)).status).toBe(404);
  });
});
