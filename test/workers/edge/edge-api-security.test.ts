import { describe, expect, it } from 'vitest';
import { newEdgeTenant } from './edge-api';

/** Who may do what at the edge, in process: keys, scopes, tenants, and what reaches the rater. */
const AT = new Date().toISOString();
const event = (id: string, accountId = 'acct-1') => ({
  id,
  schemaName: 'api_calls',
  timestamp: AT,
  accountId,
  attributes: [{ name: 'units', value: '1' }],
});

async function tenantWithSchema() {
  const tenant = newEdgeTenant();
  await tenant.schema('api_calls');
  return tenant;
}

describe('the edge in process: keys', () => {
  it('answers 401 without a key, with a malformed one and with one nobody issued — for ingestion and forwarded routes', async () => {
    const tenant = await tenantWithSchema();
    for (const [path, method] of [
      ['/ingest', 'POST'],
      ['/usage_meters', 'GET'],
    ] as const) {
      const body = method === 'POST' ? { event: event('e1') } : undefined;
      const none = await tenant.call(method, path, { body });
      expect(none).toMatchObject({
        status: 401,
        contentType: 'application/problem+json',
        body: { code: 'missing_api_key' },
      });
      const unknown = await tenant.call(method, path, { body, key: `ml_${'0'.repeat(40)}` });
      expect(unknown).toMatchObject({ status: 401, body: { code: 'invalid_api_key' } });
      const scheme = await tenant.call(method, path, { body, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(scheme.status).toBe(401);
    }
    expect(tenant.rater.forwarded).toEqual([]);
  });
});

describe('the edge in process: scopes', () => {
  it('lets an ingest key ingest and ask /entitled, but not read or change configuration', async () => {
    const tenant = await tenantWithSchema();
    const key = await tenant.key(['ingest']);
    expect((await tenant.call('POST', '/ingest', { key, body: { event: event('e1') } })).status).toBe(202);
    expect((await tenant.call('POST', '/entitled', { key, body: { event: event('e2') } })).status).toBe(403); // NO_FEATURE, not a scope refusal
    for (const [method, path] of [
      ['GET', '/usage_meters'],
      ['POST', '/usage_meters'],
      ['GET', '/api_keys'],
      ['POST', '/api_keys'],
    ] as const) {
      const answer = await tenant.call(method, path, { key, body: method === 'POST' ? { name: 'x' } : undefined });
      expect(answer, `${method} ${path}`).toMatchObject({ status: 403, body: { code: 'missing_scope' } });
    }
    expect(tenant.rater.forwarded).toEqual([]);
  });

  it('lets a read key read, and refuses its changes and its events before the rater sees them', async () => {
    const tenant = await tenantWithSchema();
    const key = await tenant.key(['read']);
    expect((await tenant.call('GET', '/usage_meters', { key })).status).toBe(200);
    expect((await tenant.call('POST', '/usage_meters', { key, body: { name: 'x' } })).body).toMatchObject({
      code: 'missing_scope',
    });
    expect((await tenant.call('POST', '/ingest', { key, body: { event: event('e1') } })).body).toMatchObject({
      code: 'missing_scope',
    });
    expect(
      (await tenant.call('POST', '/accounts/acct-1/features/f/entries', { key, body: { granted: '1' } })).status,
    ).toBe(403);
    expect(tenant.rater.forwarded.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /usage_meters']);
  });

  it('forwards the principal as an RPC argument: headers a client sends cannot change the tenant or the scope', async () => {
    const tenant = await tenantWithSchema();
    const key = await tenant.key(['read']);
    const forged = {
      'x-meterline-tenant': 'someone-else',
      'x-meterline-scope': 'admin',
      'x-meterline-principal': '{"tenantId":"x","scopes":["admin"]}',
    };
    expect((await tenant.call('POST', '/api_keys', { key, body: { name: 'k' }, headers: forged })).status).toBe(403);
    await tenant.call('GET', '/usage_meters', { key, headers: forged });
    expect(tenant.rater.forwarded).toHaveLength(1);
    expect(tenant.rater.forwarded[0]?.principal).toEqual({
      tenantId: tenant.tenantId,
      keyId: expect.any(String),
      scopes: ['read'],
    });
  });
});

describe('the edge in process: tenants', () => {
  it("keeps one tenant's events, ids and credits from another's, whatever account or feature ids they share", async () => {
    const a = await tenantWithSchema();
    const b = await tenantWithSchema();
    const keyA = await a.key(['ingest', 'admin']);
    const keyB = await b.key(['ingest', 'admin']);
    await a.feature('units', 'api_calls');
    await b.feature('units', 'api_calls');
    await a.call('POST', '/accounts/acct-1/features/units/entries', { key: keyA, body: { id: 'g', granted: '10' } });

    // B sees none of A's credits on the same account and feature ids, and cannot spend them.
    expect((await b.call('GET', '/accounts/acct-1/features/units', { key: keyB })).body).toMatchObject({
      granted: 0,
      balance: 0,
    });
    expect((await b.call('POST', '/entitled', { key: keyB, body: { event: event('x') } })).body.details).toMatchObject({
      entitled: false,
    });
    expect((await a.call('GET', '/accounts/acct-1/features/units', { key: keyA })).body).toMatchObject({
      granted: 10,
      balance: 10,
    });

    // Schemas are per tenant too: a tenant without api_calls cannot send events of A's.
    const c = newEdgeTenant();
    const keyC = await c.key(['ingest']);
    expect((await c.call('POST', '/ingest', { key: keyC, body: { event: event('y') } })).body).toMatchObject({
      code: 'invalid_event',
    });
  });
});
