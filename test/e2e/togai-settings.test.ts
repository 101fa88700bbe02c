import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTRACT_TESTED, SETTING_CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, unique } from '../support/api-client';
import { createTenant } from '../support/tenants';

/**
 * Togai's SettingsApi: a key/value store per organization, customer or account, each call made as
 * Togai's client makes it and checked against Togai's own models (test/contract/). Meterline's
 * own tenant settings moved to /tenant_settings (test/e2e/tenant-settings.test.ts).
 */
afterAll(() => {
  expect(SETTING_CONTRACT_TESTED.filter((name) => !CONTRACT_TESTED.has(name) || !checkedOperations.has(name))).toEqual(
    [],
  );
});

let key: string;
let customerId: string;
let accountId: string;
beforeAll(async () => {
  key = (await createTenant('togai_settings')).key;
  customerId = unique('cust');
  accountId = unique('acct');
  const created = await api(key).post('/customers', {
    id: customerId,
    name: 'Settings Inc',
    primaryEmail: 'ops@settings.test',
    address: {},
    account: { id: accountId, name: 'Main' },
  });
  expect(created.status).toBe(201);
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);
const ref = (namespace: string, id: string, entityType: string, entityId: string) =>
  `setting.${namespace}.${id}.${entityType}.${entityId}`;

describe("Togai's SettingsApi", () => {
  it('creates, reads and updates a setting of an account, addressed by its setting_id_str', async () => {
    const body = {
      id: 'success_threshold',
      namespace: 'USER',
      name: 'Success threshold',
      entityType: 'ACCOUNT',
      entityId: accountId,
      value: '0.75',
      dataType: 'NUMERIC',
    };
    const created = await togai('insert_setting', { body });
    expect(created.body).toEqual(body);

    const settingIdStr = ref('USER', 'success_threshold', 'ACCOUNT', accountId);
    expect((await togai('get_setting', { params: { setting_id_str: settingIdStr } })).body).toEqual(body);

    const updated = await togai('update_setting', { params: { setting_id_str: settingIdStr }, body: { value: '0.9' } });
    expect(updated.body).toEqual({ ...body, value: '0.9' });
    // The type and value may change together, each checked against the other.
    const retyped = await togai('update_setting', {
      params: { setting_id_str: settingIdStr },
      body: { value: '{"<":[{"var":"ratio"},0.9]}', dataType: 'JSON_LOGIC', name: 'Rule' },
    });
    expect(retyped.body).toMatchObject({ value: '{"<":[{"var":"ratio"},0.9]}', dataType: 'JSON_LOGIC', name: 'Rule' });
    expect((await togai('get_setting', { params: { setting_id_str: settingIdStr } })).body.dataType).toBe('JSON_LOGIC');
  });

  it('keeps settings of the organization, a customer and an account apart, and lists them by filter in pages', async () => {
    const client = api(key);
    const name = unique('tier').replace(/[^A-Za-z0-9_-]/g, '_');
    const entities = [
      ['ORGANIZATION', 'my-org'],
      ['CUSTOMER', customerId],
      ['ACCOUNT', accountId],
    ] as const;
    for (const [entityType, entityId] of entities) {
      await togai('insert_setting', {
        body: {
          id: name,
          namespace: 'USER',
          name: 'Tier',
          entityType,
          entityId,
          value: `${entityType}-tier`,
          dataType: 'STRING',
        },
      });
    }
    const all = await togai('list_setting', { query: { setting_id: name } });
    expect(all.body.data.map((s: { entityType: string }) => s.entityType).sort()).toEqual([
      'ACCOUNT',
      'CUSTOMER',
      'ORGANIZATION',
    ]);
    const ofCustomer = await togai('list_setting', {
      query: { setting_id: name, entity_type: 'CUSTOMER', entity_id: customerId, namespace: 'USER' },
    });
    expect(ofCustomer.body.data).toEqual([
      {
        id: name,
        namespace: 'USER',
        name: 'Tier',
        entityType: 'CUSTOMER',
        entityId: customerId,
        value: 'CUSTOMER-tier',
        dataType: 'STRING',
      },
    ]);
    expect((await togai('list_setting', { query: { setting_id: name, namespace: 'OTHER' } })).body.data).toEqual([]);

    // Pages follow setting_id_str order; a token leads to the rest and only the rest.
    const first = await togai('list_setting', { query: { setting_id: name, pageSize: '2.0' } });
    expect(first.body.data).toHaveLength(2);
    const second = await togai('list_setting', {
      query: { setting_id: name, pageSize: '2', nextToken: first.body.nextToken },
    });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextToken).toBeUndefined();
    expect([...first.body.data, ...second.body.data]).toEqual(all.body.data);
    const forged = await client.get(
      `/settings?nextToken=${btoa(JSON.stringify({ after: 'setting.USER.x.ACCOUNT.nobody' }))}`,
    );
    expect(forged).toMatchObject({ status: 422, body: { errors: [{ path: 'nextToken' }] } });
  });

  it('refuses what it could not keep or read back, naming the field', async () => {
    const client = api(key);
    const base = {
      id: unique('s').replace(/[^A-Za-z0-9_-]/g, '_'),
      namespace: 'USER',
      name: 'S',
      entityType: 'ACCOUNT',
      entityId: accountId,
      value: '1',
      dataType: 'NUMERIC',
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, value: '1e3' }, 422, 'value'],
      [{ ...base, value: 'abc' }, 422, 'value'],
      [{ ...base, dataType: 'JSON', value: '{not json' }, 422, 'value'],
      [{ ...base, dataType: 'JSON_LOGIC', value: '[1]' }, 422, 'value'],
      [{ ...base, dataType: 'XML' }, 422, 'dataType'],
      [{ ...base, entityType: 'INVOICE' }, 422, 'entityType'],
      [{ ...base, id: 'has.dot' }, 422, 'id'],
      [{ ...base, namespace: 'a.b' }, 422, 'namespace'],
      [{ ...base, entityId: unique('nobody') }, 404, 'entityId'],
      [{ ...base, entityType: 'CUSTOMER', entityId: unique('nobody') }, 404, 'entityId'],
      [{ ...base, surprise: true }, 422, ''],
    ];
    for (const [body, status, path] of cases) {
      const refused = await client.post('/settings', body);
      expect([refused.status, JSON.stringify(body)]).toEqual([status, JSON.stringify(body)]);
      expect(refused.contentType).toMatch(/problem\+json/);
      if (path) {
        expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
    }
    expect((await client.post('/settings', base)).status).toBe(201);
    const again = await client.post('/settings', { ...base, value: '2' });
    expect(again).toMatchObject({ status: 409, body: { code: 'setting_exists', errors: [{ path: 'id' }] } });

    const path = `/settings/${ref('USER', base.id, 'ACCOUNT', accountId)}`;
    expect(await client.patch(path, { value: 'x' })).toMatchObject({
      status: 422,
      body: { errors: [{ path: 'value' }] },
    });
    // A new type the stored value does not read as is refused by the type.
    expect(await client.patch(path, { dataType: 'JSON_LOGIC' })).toMatchObject({
      status: 422,
      body: { errors: [{ path: 'dataType' }] },
    });
    expect(await client.patch(path, { id: 'renamed' })).toMatchObject({ status: 422 });
    expect((await client.get(path)).body).toMatchObject({ value: '1', dataType: 'NUMERIC' });

    expect((await client.get('/settings/setting.USER.nothing.ACCOUNT.nobody')).status).toBe(404);
    expect((await client.get('/settings/not-a-setting-id')).status).toBe(404);
    expect((await client.patch('/settings/setting.USER.nothing.ACCOUNT.nobody', { value: '1' })).status).toBe(404);
    expect(await client.get('/settings?entity_type=INVOICE')).toMatchObject({
      status: 422,
      body: { errors: [{ path: 'entity_type' }] },
    });
  });

  it('needs admin to change settings and read to see them', async () => {
    const reader = (await api(key).post('/api_keys', { name: 'reader', scopes: ['read'] })).body.key as string;
    expect((await api(reader).get('/settings')).status).toBe(200);
    const body = {
      id: 'by_reader',
      namespace: 'USER',
      name: 'R',
      entityType: 'ORGANIZATION',
      entityId: 'org',
      value: 'x',
      dataType: 'STRING',
    };
    expect((await api(reader).post('/settings', body)).status).toBe(403);
  });

  it("serves Meterline's tenant settings at /tenant_settings, not in Togai's store", async () => {
    const tenant = await api(key).get('/tenant_settings');
    expect(tenant).toMatchObject({ status: 200, body: { unknownAccounts: 'METER' } });
    const listed = await togai('list_setting');
    expect(listed.body.data.some((s: { id: string }) => s.id === 'unknownAccounts')).toBe(false);
  });
});
