import { describe, expect, it } from 'vitest';
import { newEdgeTenant, type Answer } from './edge-api';

/** Bad input at the edge, in process: every refusal is problem+json naming what was wrong. */
const AT = new Date().toISOString();
const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  schemaName: 'api_calls',
  timestamp: AT,
  accountId: 'acct-1',
  attributes: [{ name: 'units', value: '1' }],
  ...overrides,
});

async function ingestingTenant() {
  const tenant = newEdgeTenant();
  await tenant.schema('api_calls');
  return { tenant, key: await tenant.key(['ingest', 'read', 'admin']) };
}

function expectProblem(answer: Answer, status: number, code: string, paths: string[] = []) {
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status, code });
  expect(answer.status).toBe(status);
  expect((answer.body.errors ?? []).map((e: { path: string }) => e.path)).toEqual(paths);
}

describe('the edge in process: bad events', () => {
  // The wire shape is checked first (invalid_body), then the event against its schema (invalid_event).
  it.each([
    ['an unknown schema', { schemaName: 'nope' }, 'invalid_event', ['event.schemaName']],
    [
      'an attribute the schema lacks',
      { attributes: [{ name: 'bytes', value: '1' }] },
      'invalid_event',
      ['event.attributes.0.name'],
    ],
    [
      'an attribute value that is not a decimal',
      { attributes: [{ name: 'units', value: 'ten' }] },
      'invalid_body',
      ['event.attributes.0.value'],
    ],
    ['a dimension the schema lacks', { dimensions: { colour: 'red' } }, 'invalid_event', ['event.dimensions.colour']],
    ['a timestamp that is not one', { timestamp: 'yesterday' }, 'invalid_body', ['event.timestamp']],
    [
      'a timestamp beyond the 45-day grace window',
      { timestamp: '2000-01-01T00:00:00Z' },
      'invalid_event',
      ['event.timestamp'],
    ],
    ['no account', { accountId: undefined }, 'invalid_body', ['event.accountId']],
  ])('refuses %s with 422 naming the field', async (_label, overrides, code, paths) => {
    const { tenant, key } = await ingestingTenant();
    expectProblem(
      await tenant.call('POST', '/ingest', { key, body: { event: event('bad', overrides) } }),
      422,
      code,
      paths,
    );
  });

  it('refuses a body that is not JSON, or not UTF-8, before reading any event', async () => {
    const { tenant, key } = await ingestingTenant();
    expectProblem(await tenant.call('POST', '/ingest', { key, rawBody: '{"event": ' }), 400, 'malformed_json');
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{"event": {"id": "caf'),
      0xe9,
      ...new TextEncoder().encode('"}}'),
    ]);
    expectProblem(await tenant.call('POST', '/ingest', { key, rawBody: latin1 }), 400, 'invalid_utf8', ['(body)']);
  });

  it('answers a batch with one bad event 207, naming that event’s field, and accepts the rest', async () => {
    const { tenant, key } = await ingestingTenant();
    const answer = await tenant.call('POST', '/ingestBatch', {
      key,
      body: { events: [event('ok'), event('bad', { attributes: [{ name: 'units', value: 'x' }] })] },
    });
    expect(answer.status).toBe(207);
    expect(answer.body.details.events).toEqual([
      expect.objectContaining({ index: 0, id: 'ok', status: 'ACCEPTED' }),
      expect.objectContaining({
        index: 1,
        status: 'INVALID',
        errors: [expect.objectContaining({ path: 'events.1.attributes.0.value' })],
      }),
    ]);
  });

  it('refuses a batch over 1000 events, and an empty one, naming `events`', async () => {
    const { tenant, key } = await ingestingTenant();
    const many = Array.from({ length: 1001 }, (_, i) => event(`m${i}`));
    expectProblem(await tenant.call('POST', '/ingestBatch', { key, body: { events: many } }), 422, 'invalid_batch', [
      'events',
    ]);
    expectProblem(await tenant.call('POST', '/ingestBatch', { key, body: { events: [] } }), 422, 'invalid_batch', [
      'events',
    ]);
  });

  it('answers an id reused with another payload 409 naming event.id, and keeps the first', async () => {
    const { tenant, key } = await ingestingTenant();
    await tenant.call('POST', '/ingest', { key, body: { event: event('same') } });
    expectProblem(
      await tenant.call('POST', '/ingest', { key, body: { event: event('same', { accountId: 'acct-2' }) } }),
      409,
      'event_id_conflict',
      ['event.id'],
    );
    expect((await tenant.call('POST', '/ingest', { key, body: { event: event('same') } })).body.details.status).toBe(
      'DUPLICATE',
    );
  });
});

describe('the edge in process: bad requests to other routes', () => {
  it('answers an unknown route 404 as a problem', async () => {
    const { tenant, key } = await ingestingTenant();
    expectProblem(await tenant.call('GET', '/no/such/route', { key }), 404, 'route_not_found');
  });

  it('refuses a configuration body that is not JSON, or too large, before the rater sees it', async () => {
    const { tenant, key } = await ingestingTenant();
    expectProblem(
      await tenant.call('POST', '/usage_meters', {
        key,
        rawBody: 'name=m',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await tenant.call('POST', '/usage_meters', { key, body: { name: 'x'.repeat(300 * 1024) } }),
      413,
      'payload_too_large',
    );
    expect(tenant.rater.forwarded).toEqual([]);
  });

  it('refuses a grant with a negative amount, naming `granted`', async () => {
    const { tenant, key } = await ingestingTenant();
    await tenant.feature('api_units', 'api_calls');
    expectProblem(
      await tenant.call('POST', '/accounts/acct-1/features/api_units/entries', { key, body: { granted: '-1' } }),
      422,
      'invalid_body',
      ['granted'],
    );
  });
});
