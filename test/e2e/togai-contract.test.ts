import { afterAll, describe, expect, inject, it } from 'vitest';
import { CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { unique } from '../support/api-client';

/**
 * Togai's operations, called as Togai's client calls them, their answers checked against Togai's
 * own models (test/contract/). One scenario per API, in the order a Togai integration uses them.
 */
// Every operation the compatibility table calls supported is checked here (docs/togai-compatibility.md).
afterAll(() => {
  expect([...CONTRACT_TESTED].filter((name) => !checkedOperations.has(name))).toEqual([]);
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) => callTogai(inject('stackUrl'), inject('apiKey'), name, request);

describe("Togai's EventSchemasApi", () => {
  it('creates, reads, lists, versions, updates, activates, deactivates and deletes a schema', async () => {
    const name = unique('togai_schema');
    const params = { event_schema_name: name };
    await togai('create_event_schema', { body: { name, description: 'calls', attributes: [{ name: 'duration', defaultUnit: 'seconds' }], dimensions: [{ name: 'region' }] } });
    await togai('get_event_schema', { params });
    await togai('list_event_schemas', { query: { pageSize: '10' } });
    await togai('event_schema_event_schema_name_patch', { params, body: { description: 'calls, v2', attributes: [{ name: 'duration' }], dimensions: [{ name: 'region' }] } });
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
    await togai('get_usage_meters_for_event_schema', { query: { event_schema_name: schema } });
    await togai('update_usage_meter', { params, body: { ...meter, description: 'seconds of calls' } });
    await togai('activate_usage_meter', { params });
    await togai('deactivate_usage_meter', { params });
    await togai('delete_usage_meter', { params });
  });
});
