import { describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';
import { createTenant } from '../support/tenants';

const PROBLEM = 'application/problem+json';

const STARTED = new Date().toISOString();
/** The same content for the same id: sent again, it is a duplicate, not a conflict. */
const event = (id: string, schemaName: string) => ({
  id,
  schemaName,
  timestamp: STARTED,
  accountId: 'acme',
  attributes: [{ name: 'amount', value: '1' }],
});

describe('GET and PATCH /tenant_settings', () => {
  it('grows the dedup layout while events stream in: ids claimed before are still duplicates after', async () => {
    const { key } = await createTenant();
    const schemaName = unique('payment');
    expect((await api(key).post('/event_schema', { name: schemaName, attributes: [{ name: 'amount' }] })).status).toBe(
      201,
    );
    expect((await api(key).post(`/event_schema/${schemaName}/activate`)).status).toBe(200);

    const before = await api(key).get('/tenant_settings');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      region: null,
      jurisdiction: null,
      dedupShards: 16,
      dedupGenerations: [{ shards: 16 }],
    });

    const ids = Array.from({ length: 40 }, () => unique('evt'));
    const first = await api(key).post('/ingestBatch', { events: ids.map((id) => event(id, schemaName)) });
    expect(first.status).toBe(202);

    const grown = await api(key).patch('/tenant_settings', { dedupShards: 64, region: 'weur' });
    expect(grown.status).toBe(200);
    expect(grown.body).toMatchObject({
      region: 'weur',
      dedupShards: 64,
      dedupGenerations: [{ shards: 16 }, { shards: 64 }],
    });

    // Whichever layout an isolate routes by (its key cache may be up to 30 s old), no id is new twice.
    const again = await api(key).post('/ingestBatch', {
      events: [...ids, 'after-growth'].map((id) => event(id, schemaName)),
    });
    expect(again.status).toBe(202);
    expect(again.body.details).toMatchObject({ accepted: 1, duplicates: ids.length, rejected: 0 });
    expect(again.body.details.events.at(-1)).toMatchObject({ id: 'after-growth', status: 'ACCEPTED' });
  });

  it('refuses what it cannot do, naming the field', async () => {
    const { key } = await createTenant();
    const notMultiple = await api(key).patch('/tenant_settings', { dedupShards: 24 });
    expect(notMultiple.status).toBe(422);
    expect(notMultiple.contentType).toContain(PROBLEM);
    expect(JSON.stringify(notMultiple.body)).toContain('dedupShards');
    expect((await api(key).patch('/tenant_settings', { dedupShards: 8 })).status).toBe(422);
    expect((await api(key).patch('/tenant_settings', { jurisdiction: 'mars' })).status).toBe(422);
    expect((await api(key).patch('/tenant_settings', { surprise: true })).status).toBe(422);
  });

  it('places a tenant in a jurisdiction before its first schema, and its events flow end to end', async () => {
    const { key } = await createTenant();
    const eu = await api(key).patch('/tenant_settings', { jurisdiction: 'eu' });
    expect(eu.status).toBe(200);
    expect(eu.body.jurisdiction).toBe('eu');
    const schemaName = unique('payment');
    expect((await api(key).post('/event_schema', { name: schemaName, attributes: [{ name: 'amount' }] })).status).toBe(
      201,
    );
    expect((await api(key).post(`/event_schema/${schemaName}/activate`)).status).toBe(200);
    const id = unique('evt');
    expect((await api(key).post('/ingest', { event: event(id, schemaName) })).status).toBe(202);
    const again = await api(key).post('/ingest', { event: event(id, schemaName) });
    expect([again.status, again.body.details.status]).toEqual([202, 'DUPLICATE']);
    const stored = await eventually(
      () => api(key).get(`/events/${id}`),
      (r) => r.status === 200,
    );
    expect(stored.body.events[0].eventPayload.id).toBe(id);
  });

  it('keeps the jurisdiction once the tenant has an event schema (a feature needs one too)', async () => {
    const { key } = await createTenant();
    expect(
      (await api(key).post('/event_schema', { name: unique('payment'), attributes: [{ name: 'amount' }] })).status,
    ).toBe(201);
    const refused = await api(key).patch('/tenant_settings', { jurisdiction: 'eu' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'jurisdiction' })]);
    expect((await api(key).get('/tenant_settings')).body.jurisdiction).toBeNull();
  });

  it('keeps the jurisdiction once the tenant has a customer (personal data), even with no configuration', async () => {
    const { key } = await createTenant();
    const customer = { id: unique('cus'), name: 'Acme Inc', primaryEmail: 'billing@acme.test', address: {} };
    expect((await api(key).post('/customers', customer)).status).toBe(201);
    const refused = await api(key).patch('/tenant_settings', { jurisdiction: 'eu' });
    expect([refused.status, refused.body.errors]).toEqual([409, [expect.objectContaining({ path: 'jurisdiction' })]]);
    expect((await api(key).get('/tenant_settings')).body.jurisdiction).toBeNull();
  });

  it('lets read keys look and only admin keys change', async () => {
    const { key: admin } = await createTenant();
    const reader = (await api(admin).post('/api_keys', { name: unique('k'), scopes: ['read'] })).body.key;
    expect((await api(reader).get('/tenant_settings')).status).toBe(200);
    expect((await api(reader).patch('/tenant_settings', { region: 'enam' })).status).toBe(403);
  });
});
