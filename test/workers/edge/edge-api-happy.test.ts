import { describe, expect, it } from 'vitest';
import { newEdgeTenant } from './edge-api';

/** The edge's routes as a client uses them, in process: what each answers when all is well. */
const AT = new Date().toISOString();
const event = (id: string, units = '2', extra: Record<string, unknown> = {}) => ({
  id,
  schemaName: 'api_calls',
  timestamp: AT,
  accountId: 'acct-1',
  attributes: [{ name: 'units', value: units }],
  dimensions: { region: 'eu' },
  ...extra,
});

async function ingestingTenant() {
  const tenant = newEdgeTenant();
  await tenant.schema('api_calls');
  return { tenant, key: await tenant.key(['ingest', 'read', 'admin']) };
}

describe('the edge in process: ingestion', () => {
  it('accepts an event with 202, answers a repeat DUPLICATE with its first acceptance time', async () => {
    const { tenant, key } = await ingestingTenant();
    const first = await tenant.call('POST', '/ingest', { key, body: { event: event('e1') } });
    expect(first).toMatchObject({ status: 202, contentType: 'application/json' });
    expect(first.body).toMatchObject({
      success: true,
      statusCode: 202,
      details: { eventId: 'e1', status: 'ACCEPTED' },
    });
    const repeat = await tenant.call('POST', '/ingest', { key, body: { event: event('e1') } });
    expect(repeat.status).toBe(202);
    expect(repeat.body.details).toEqual({
      eventId: 'e1',
      status: 'DUPLICATE',
      acceptedAt: first.body.details.acceptedAt,
    });
  });

  it('judges each event of a batch alone: 202 when all are accepted or duplicates', async () => {
    const { tenant, key } = await ingestingTenant();
    await tenant.call('POST', '/ingest', { key, body: { event: event('b1') } });
    const batch = await tenant.call('POST', '/ingestBatch', {
      key,
      body: { events: [event('b1'), event('b2'), event('b3')] },
    });
    expect(batch.status).toBe(202);
    expect(batch.body.details).toMatchObject({ accepted: 2, duplicates: 1, rejected: 0 });
    expect(batch.body.details.events.map((e: { status: string }) => e.status)).toEqual([
      'DUPLICATE',
      'ACCEPTED',
      'ACCEPTED',
    ]);
  });

  it('keeps ids apart per tenant: the same id is a new event for another tenant', async () => {
    const a = await ingestingTenant();
    const b = await ingestingTenant();
    expect(
      (await a.tenant.call('POST', '/ingest', { key: a.key, body: { event: event('shared-id') } })).body.details.status,
    ).toBe('ACCEPTED');
    expect(
      (await b.tenant.call('POST', '/ingest', { key: b.key, body: { event: event('shared-id', '9') } })).body.details
        .status,
    ).toBe('ACCEPTED');
  });
});

describe('the edge in process: entitlements', () => {
  it('grants credits, debits /entitled exactly and refuses past the balance, ingesting nothing then', async () => {
    const { tenant, key } = await ingestingTenant();
    await tenant.feature('api_units', 'api_calls', 'units');
    const grant = await tenant.call('POST', '/accounts/acct-1/features/api_units/entries', {
      key,
      body: { id: 'g1', granted: '5' },
    });
    expect(grant.status).toBe(201);

    const allowed = await tenant.call('POST', '/entitled', { key, body: { event: event('x1', '3') } });
    expect(allowed.status).toBe(200);
    expect(allowed.body.details).toMatchObject({ entitled: true, eventId: 'x1' });
    const refused = await tenant.call('POST', '/entitled', { key, body: { event: event('x2', '3') } });
    expect(refused.status).toBe(403);
    expect(refused.body.details).toMatchObject({ entitled: false, reason: 'INSUFFICIENT_CREDITS' });

    const balance = await tenant.call('GET', '/accounts/acct-1/features/api_units', { key });
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({ granted: 5, balance: 2 });
    // Refused means not ingested: the id is free, and goes through once the balance allows it.
    expect((await tenant.call('POST', '/ingest', { key, body: { event: event('x2', '1') } })).body.details.status).toBe(
      'ACCEPTED',
    );
  });
});

describe('the edge in process: what it forwards to the rater', () => {
  it('forwards a configuration route with the caller’s principal and its query, and passes the answer through', async () => {
    const { tenant, key } = await ingestingTenant();
    tenant.rater.answer = () => Response.json({ data: [], nextToken: null }, { status: 200 });
    const answer = await tenant.call('GET', '/usage_meters?pageSize=5', { key });
    expect(answer).toMatchObject({ status: 200, body: { data: [], nextToken: null } });
    expect(tenant.rater.forwarded).toEqual([
      {
        method: 'GET',
        path: '/usage_meters?pageSize=5',
        body: undefined,
        principal: expect.objectContaining({ tenantId: tenant.tenantId }),
      },
    ]);
  });

  it('forwards a body as read strictly: a number no double holds goes on as its exact decimal text', async () => {
    const { tenant, key } = await ingestingTenant();
    tenant.rater.answer = () => Response.json({ id: 'plan' }, { status: 201 });
    const answer = await tenant.call('POST', '/usage_meters', {
      key,
      rawBody: '{"name":"m","units":0.1000000000000000055511151231257827}',
    });
    expect(answer.status).toBe(201);
    expect(tenant.rater.forwarded[0]).toMatchObject({ method: 'POST', path: '/usage_meters' });
    expect(tenant.rater.forwarded[0]?.body).toEqual({ name: 'm', units: '0.1000000000000000055511151231257827' });
  });

  it('serves health and the OpenAPI document without a key', async () => {
    const tenant = newEdgeTenant();
    expect(await tenant.call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const document = await tenant.call('GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/ingest', '/ingestBatch', '/entitled', '/usage_meters']),
    );
  });
});
