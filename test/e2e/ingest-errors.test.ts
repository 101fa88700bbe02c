import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { createApiKey } from '../../rater/store/api-keys';
import { api, unique } from '../support/api-client';

const PROBLEM = 'application/problem+json';
let schemaName: string;
const validEvent = () => ({
  id: unique('evt'),
  schemaName,
  timestamp: new Date().toISOString(),
  accountId: 'acme',
  attributes: [{ name: 'amount', value: '10' }],
  dimensions: { mode: 'card' },
});

beforeAll(async () => {
  schemaName = unique('payment');
  const client = api();
  await client.post('/event_schema', {
    name: schemaName,
    attributes: [{ name: 'amount' }],
    dimensions: [{ name: 'mode' }],
  });
  await client.post(`/event_schema/${schemaName}/activate`);
});

describe('authentication and scopes', () => {
  it.each([
    ['no key', '', 'missing_api_key'],
    ['an unknown key', 'ml_not-a-real-key', 'invalid_api_key'],
  ])('refuses %s with 401 problem+json', async (_, key, code) => {
    const response = await api(key).post('/ingest', { event: validEvent() });
    expect(response).toMatchObject({ status: 401, contentType: PROBLEM, body: { status: 401, code } });
  });

  it('refuses configuration changes to a key without the admin scope, but lets it ingest', async () => {
    const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
    const { secret } = await createApiKey(db, 'dev', { name: 'ingest only', scopes: ['ingest'] }).finally(close);
    const ingestOnly = api(secret);
    expect((await ingestOnly.post('/event_schema', { name: unique('nope') })).body).toMatchObject({
      status: 403,
      code: 'missing_scope',
    });
    expect((await ingestOnly.get(`/event_schema/${schemaName}`)).status).toBe(403);
    // Keys are cached at the edge for a short while; a brand-new key may need one retry.
    expect((await ingestOnly.post('/ingest', { event: validEvent() })).status).toBe(202);
  });
});

describe('bad input on /ingest', () => {
  it('refuses a body that is not JSON with 400', async () => {
    const response = await api().post('/ingest', '{"event": ', { 'content-type': 'application/json' });
    expect(response).toMatchObject({ status: 400, contentType: PROBLEM, body: { code: 'malformed_json' } });
  });

  it('refuses another media type with 415', async () => {
    const response = await api().post('/ingest', JSON.stringify({ event: validEvent() }), {
      'content-type': 'text/plain',
    });
    expect(response).toMatchObject({ status: 415, contentType: PROBLEM });
  });

  it('refuses an oversized body with 413', async () => {
    const response = await api().post('/ingest', { event: { ...validEvent(), accountId: 'x'.repeat(70_000) } });
    expect(response).toMatchObject({ status: 413, contentType: PROBLEM, body: { code: 'payload_too_large' } });
  });

  it.each([
    ['an unknown schema', { schemaName: 'no_such_schema' }, 'event.schemaName'],
    ['an unknown attribute', { attributes: [{ name: 'colour', value: '1' }] }, 'event.attributes.0.name'],
    ['a non-numeric attribute value', { attributes: [{ name: 'amount', value: 'ten' }] }, 'event.attributes.0.value'],
    ['an unknown dimension', { dimensions: { colour: 'red' } }, 'event.dimensions.colour'],
    ['an empty dimension value', { dimensions: { mode: '' } }, 'event.dimensions.mode'],
    ['a timestamp that is not a date-time', { timestamp: '2026-01-01 at noon' }, 'event.timestamp'],
    ['a timestamp an hour ahead', { timestamp: new Date(Date.now() + 3600_000).toISOString() }, 'event.timestamp'],
    ['a timestamp 60 days old', { timestamp: new Date(Date.now() - 60 * 86_400_000).toISOString() }, 'event.timestamp'],
    ['an id over 512 characters', { id: 'i'.repeat(513) }, 'event.id'],
    ['a missing accountId', { accountId: undefined }, 'event.accountId'],
    ['an unknown field', { acountId: 'typo' }, 'event'],
  ])('refuses %s with 422 naming the field', async (_, change, path) => {
    const response = await api().post('/ingest', { event: { ...validEvent(), ...change } });
    expect(response.status).toBe(422);
    expect(response.contentType).toBe(PROBLEM);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('reports a reused id with a different payload as a 409 conflict', async () => {
    const event = validEvent();
    expect((await api().post('/ingest', { event })).status).toBe(202);
    const conflict = await api().post('/ingest', {
      event: { ...event, attributes: [{ name: 'amount', value: '11' }] },
    });
    expect(conflict).toMatchObject({ status: 409, contentType: PROBLEM, body: { code: 'event_id_conflict' } });
  });
});

describe('bad input on configuration', () => {
  it('refuses a meter whose formula reads a field the schema lacks, naming it', async () => {
    const response = await api().post('/usage_meters', {
      name: unique('m'),
      aggregation: 'SUM',
      eventSchemaName: schemaName,
      computations: [{ computation: '{"var":"attributes.amout"}', order: 1 }],
    });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'computations.0.computation' }] } });
  });

  it('refuses to activate a meter on a schema that is not ACTIVE', async () => {
    const draft = unique('draft');
    await api().post('/event_schema', { name: draft, attributes: [{ name: 'n' }] });
    const meter = await api().post('/usage_meters', {
      name: unique('m'),
      aggregation: 'COUNT',
      eventSchemaName: draft,
    });
    const activation = await api().post(`/usage_meters/${meter.body.id}/activate`);
    expect(activation).toMatchObject({ status: 409, body: { code: 'event_schema_not_active' } });
  });

  it('answers 404 problem+json for an unknown route and an unknown schema', async () => {
    expect((await api().get('/nothing-here')).body).toMatchObject({ status: 404 });
    expect((await api().get('/event_schema/none_such')).body).toMatchObject({
      status: 404,
      code: 'event_schema_not_found',
    });
  });
});
