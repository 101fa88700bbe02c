import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHECKED_APART, CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, eventually, unique } from '../support/api-client';
import { createTenant } from '../support/tenants';

/**
 * Togai's operations, called as Togai's client calls them, their answers checked against Togai's
 * own models (test/contract/). One scenario per API, in the order a Togai integration uses them.
 */
// Every operation the compatibility table calls supported is checked here (docs/togai-compatibility.md),
// but for the price plan operations, which test/e2e/togai-price-plans.test.ts checks.
afterAll(() => {
  expect([...CONTRACT_TESTED].filter((name) => !CHECKED_APART.has(name) && !checkedOperations.has(name))).toEqual([]);
});

/**
 * A tenant of its own, as a company moving from Togai starts: nothing in it that Togai's models do
 * not know (another test's MAX meter, a Meterline extension, would be outside Togai's enum).
 */
let key: string;
beforeAll(async () => {
  key = (await createTenant('togai')).key;
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);

describe("Togai's EventSchemasApi", () => {
  it('creates, reads, lists, versions, updates, activates, deactivates and deletes a schema', async () => {
    const name = unique('togai_schema');
    const params = { event_schema_name: name };
    await togai('create_event_schema', {
      body: {
        name,
        description: 'calls',
        attributes: [{ name: 'duration', defaultUnit: 'seconds' }],
        dimensions: [{ name: 'region' }],
      },
    });
    await togai('get_event_schema', { params });
    await togai('list_event_schemas', { query: { pageSize: '10' } });
    await togai('event_schema_event_schema_name_patch', {
      params,
      body: { description: 'calls, v2', attributes: [{ name: 'duration' }], dimensions: [{ name: 'region' }] },
    });
    await togai('list_event_schema_versions', { params });
    await togai('activate_event_schema', { params });
    await togai('deactivate_event_schema', { params });
    await togai('delete_event_schema', { params });
  });
});

describe("Togai's UsageMetersApi", () => {
  it('creates, reads, lists, updates, activates, deactivates and deletes a meter', async () => {
    const schema = unique('togai_meter_schema');
    await togai('create_event_schema', { body: { name: schema, attributes: [{ name: 'duration' }], dimensions: [] } });
    await togai('activate_event_schema', { params: { event_schema_name: schema } });
    const meter = {
      name: unique('duration'),
      type: 'COUNTER',
      aggregation: 'SUM',
      eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.duration"}', order: 1 }],
    };
    const created = await togai('create_usage_meter', { body: meter });
    const params = { usage_meter_id: created.body.id };
    await togai('get_usage_meter', { params });
    await togai('get_usage_meters_for_event_schema', { query: { aggregations: 'SUM', pageSize: '10' } });
    await togai('update_usage_meter', { params, body: { ...meter, description: 'seconds of calls' } });
    await togai('activate_usage_meter', { params });
    await togai('deactivate_usage_meter', { params });
    await togai('delete_usage_meter', { params });
  });
});

describe("Togai's CustomersApi", () => {
  it('creates a customer with an account, reads, lists, updates and deletes it', async () => {
    const customerId = unique('togai_cus');
    const address = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
    await togai('create_customer', {
      body: {
        id: customerId,
        name: 'Togai customer',
        primaryEmail: 'billing@customer.test',
        address,
        settings: [{ id: 'tax', value: '18', namespace: 'USER', name: 'Tax', dataType: 'NUMERIC' }],
        account: { id: unique('togai_acc'), name: 'Togai account', aliases: [unique('alias')], tags: ['Gold'] },
      },
    });
    const params = { customer_id: customerId };
    await togai('get_customer', { params });
    await togai('get_customers', { query: { pageSize: '1' } });
    await togai('update_customer', {
      params,
      body: { name: 'Togai customer, renamed', address: { ...address, line2: 'Suite 2' } },
    });
    await togai('delete_customer', { params });
    await togai('get_customer', { params }); // an ARCHIVED customer is still a Customer
  });
});

describe("Togai's AccountsApi", () => {
  it('creates an account, reads, lists, updates it, adds, lists and removes aliases, and deletes it', async () => {
    const customerId = unique('togai_cus');
    await togai('create_customer', {
      body: { id: customerId, name: 'Togai customer', primaryEmail: 'billing@customer.test', address: {} },
    });
    const accountId = unique('togai_acc');
    await togai('create_account', {
      body: {
        id: accountId,
        name: 'Togai account',
        customerId,
        invoiceCurrency: 'EUR',
        netTermDays: 30,
        primaryEmail: 'ops@customer.test',
        address: { country: 'DE' },
        billingInformation: { emailRecipients: ['ap@customer.test'] },
        metadata: { GSTN: '1' },
        tags: ['Beta'],
        status: 'DRAFT',
        accountAliases: [
          { value: unique('ranged'), effectiveFrom: '2020-01-01T00:00:00Z', effectiveUntil: '2021-01-01T00:00:00Z' },
        ],
      },
    });
    const params = { account_id: accountId };
    await togai('get_account', {
      params,
      query: { effectiveOn: '2020-06-01T00:00:00.000000+0000', includeGroupDetails: 'true' },
    });
    await togai('get_accounts', { query: { pageSize: '2' } });
    await togai('update_account', {
      params,
      body: { name: 'Togai account, renamed', status: 'ACTIVE', metadata: {}, tags: ['Silver'] },
    });
    const alias = unique('alias');
    await togai('add_aliases', { params, body: { aliases: [alias] } });
    const aliases = await togai('list_account_aliases', { params });
    const ranged = aliases.body.data.find((a: { value: string }) => a.value !== alias).id;
    await togai('remove_aliases', {
      params,
      body: { aliases: [alias], accountAliases: [{ id: ranged, from: '2020-07-01T00:00:00Z' }] },
    });
    await togai('delete_account', { params });
    await togai('get_account', { params }); // an ARCHIVED account is still an Account
  });
});

describe("Togai's EventIngestionApi, EventManagementApi and MetricsApi", () => {
  it('ingests (twice: the retry is 202 too), ingests a batch, reads the events back and their metrics', async () => {
    const schema = unique('togai_events');
    await togai('create_event_schema', {
      body: { name: schema, attributes: [{ name: 'bytes' }], dimensions: [{ name: 'region' }] },
    });
    await togai('activate_event_schema', { params: { event_schema_name: schema } });
    const meter = await togai('create_usage_meter', {
      body: {
        name: unique('bytes'),
        type: 'COUNTER',
        aggregation: 'SUM',
        eventSchemaName: schema,
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      },
    });
    await togai('activate_usage_meter', { params: { usage_meter_id: meter.body.id } });

    // As Togai's Python example sends it: datetime.utcnow(), no zone, microseconds.
    const utcnow = () => `${new Date().toISOString().slice(0, -1)}123`;
    const event = {
      id: unique('evt'),
      schemaName: schema,
      timestamp: utcnow(),
      accountId: 'acme',
      attributes: [{ name: 'bytes', value: '1500.25' }],
      dimensions: { region: 'eu' },
    };
    await togai('ingest', { body: { event } });
    await togai('ingest', { body: { event } });
    const second = { ...event, id: unique('evt'), timestamp: utcnow(), attributes: [{ name: 'bytes', value: '0.75' }] };
    await togai('ingest_batch', { body: { events: [second] } });

    await eventually(
      () => api(key).get(`/events?schemaName=${schema}`),
      (r) => r.body?.events?.length === 2,
    );
    await togai('get_single_event', { params: { event_id: event.id } });
    const page = await togai('get_events', { query: { schemaName: schema, pageSize: '1' } });
    await togai('get_events', { query: { schemaName: schema, pageSize: '1', nextToken: page.body.nextToken } });
    await togai('get_events', { query: { schemaName: schema, status: 'INGESTION_COMPLETED_EVENT_METERED' } });

    const now = Date.now();
    const metrics = await togai('get_metrics', {
      body: {
        startTime: new Date(now - 3_600_000).toISOString().slice(0, -1) + '456', // inside a minute, no zone
        endTime: new Date(now + 60_000).toISOString(),
        metricQueries: [
          {
            id: 'usage',
            name: 'USAGE',
            aggregationPeriod: 'HOUR',
            groupBy: 'ACCOUNT_ID',
            filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [meter.body.id] }],
          },
          {
            id: 'events',
            name: 'EVENTS',
            aggregationPeriod: 'DAY',
            groupBy: 'EVENT_STATUS',
            filters: [{ fieldName: 'ACCOUNT_ID', fieldValues: ['acme'] }],
          },
          { id: 'revenue', name: 'REVENUE', aggregationPeriod: 'DAY' },
        ],
      },
    });
    expect(metrics.body.results.map((r: { id: string }) => r.id)).toEqual(['usage', 'events', 'revenue']);

    // Corrections: UNDO, its retry (nothing left to undo), REDO, and REDO_EVENT with a new payload.
    const undone = await togai('event_correction', { query: { action: 'UNDO' }, body: { event } });
    expect(undone.body.data[0]).toMatchObject({
      referenceId: event.id,
      status: 'REVERTED',
      ingestionStatus: { status: 'REVERTED' },
    });
    const again = await togai('event_correction', { query: { action: 'UNDO' }, body: { event } });
    expect(again.body.data[0].reason).toMatch(/nothing changed/);
    const reverted = await togai('get_single_event', { params: { event_id: event.id } });
    expect(reverted.body.events[0].ingestionStatus.status).toBe('REVERTED');
    await togai('event_correction', { query: { action: 'REDO' }, body: { event } });
    const replaced = await togai('event_correction', {
      query: { action: 'REDO_EVENT' },
      body: { event: { ...event, attributes: [{ name: 'bytes', value: '2' }] } },
    });
    expect(replaced.body.data[0]).toMatchObject({
      status: 'REVERTED_AND_REINGESTED',
      eventPayload: { attributes: [{ name: 'bytes', value: '2' }] },
      ingestionStatus: { status: 'INGESTION_COMPLETED_EVENT_METERED' },
    });
  });
});

describe("Togai's FeatureApi and EntitlementsApi", () => {
  it('creates, reads, lists and updates a feature; reads, changes and voids credits; debits through /entitled; reads and validates values', async () => {
    const schema = unique('togai_tokens');
    await togai('create_event_schema', { body: { name: schema, attributes: [{ name: 'tokens' }], dimensions: [] } });
    await togai('activate_event_schema', { params: { event_schema_name: schema } });
    const feature = await togai('create_feature', {
      body: { name: unique('tokens'), schemaAssociations: [{ schemaName: schema, attributeName: 'tokens' }] },
    });
    const featureId = feature.body.id as string;
    await togai('get_feature', { params: { feature_id: featureId } });
    await togai('get_features', { query: { pageSize: '10' } });
    await togai('update_feature', { params: { feature_id: featureId }, body: { billableName: 'LLM tokens' } });

    // Granting is Meterline's (Togai grants through price plans and its dashboard).
    const account = unique('acct');
    const params = { account_id: account, feature_id: featureId };
    const grant = await api(key).post(`/accounts/${account}/features/${featureId}/entries`, {
      id: unique('grant'),
      granted: 119.75,
    });
    expect(grant.status).toBe(201);
    await togai('get_feature_credits', { params });
    await togai('list_feature_credit_entries', { params });
    await togai('update_feature_credit_entry', {
      params: { ...params, entry_id: grant.body.id },
      body: { granted: 120.25 },
    });
    await togai('ingest_entitled_event', {
      body: {
        event: {
          id: unique('evt'),
          schemaName: schema,
          timestamp: new Date().toISOString(),
          accountId: account,
          attributes: [{ name: 'tokens', value: '100.5' }],
          dimensions: {},
        },
      },
    });
    const credits = await togai('get_feature_credits', { params });
    expect(credits.text).toContain('"balance":19.75');
    await togai('void_feature_credit_entry', { params: { ...params, entry_id: grant.body.id } });

    expect((await api(key).put(`/accounts/${account}/entitlements/${featureId}`, { value: '10' })).status).toBe(200);
    await togai('get_entitlements', { params: { account_id: account } });
    await togai('get_entitlement_value', { params });
    const validated = await togai('validate_entitlement_value', { params, body: { value: '3' } });
    expect(validated.body.success).toBe(true);
  });
});
