import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, READ_UNTIL, unique } from '../support/api-client';

const client = api();
let schemaName: string;
let meterId: string;
const account = unique('batch_acct');
const event = (overrides: Record<string, unknown> = {}) => ({
  id: unique('b'),
  schemaName,
  timestamp: new Date().toISOString(),
  accountId: account,
  attributes: [{ name: 'amount', value: '1' }],
  dimensions: {},
  ...overrides,
});
const usage = () =>
  client.get(`/usage?meterId=${meterId}&accountId=${account}&from=2026-01-01T00:00:00Z&to=${READ_UNTIL}`);

beforeAll(async () => {
  schemaName = unique('batch');
  await client.post('/event_schema', { name: schemaName, attributes: [{ name: 'amount' }] });
  await client.post(`/event_schema/${schemaName}/activate`);
  const meter = await client.post('/usage_meters', {
    name: unique('m'),
    aggregation: 'SUM',
    eventSchemaName: schemaName,
    computations: [{ computation: '{"var":"attributes.amount"}', order: 1 }],
  });
  meterId = meter.body.id;
  await client.post(`/usage_meters/${meterId}/activate`);
});

describe('POST /ingestBatch', () => {
  it('accepts a valid batch with 202 and meters every event once; the same batch again is all duplicates', async () => {
    const events = Array.from({ length: 250 }, (_, i) =>
      event({ attributes: [{ name: 'amount', value: String(i + 1) }] }),
    );
    const first = await client.post('/ingestBatch', { events });
    expect(first).toMatchObject({
      status: 202,
      body: { success: true, details: { accepted: 250, duplicates: 0, rejected: 0 } },
    });
    expect(first.body.details.events[7]).toMatchObject({ index: 7, id: events[7]!.id, status: 'ACCEPTED' });

    const again = await client.post('/ingestBatch', { events });
    expect(again).toMatchObject({ status: 202, body: { details: { accepted: 0, duplicates: 250 } } });
    // 1 + 2 + … + 250, counted once however often the batch was sent.
    expect((await eventually(usage, (r) => r.body?.value === '31375')).body.value).toBe('31375');
  });

  it('judges each event alone: 207 with a result per event, and the valid ones accepted', async () => {
    const repeated = event({ attributes: [{ name: 'amount', value: '5' }] });
    const earlier = event();
    expect((await client.post('/ingest', { event: earlier })).status).toBe(202); // idempotency spans endpoints
    const response = await client.post('/ingestBatch', {
      events: [
        repeated,
        event({ attributes: [{ name: 'colour', value: '1' }] }),
        repeated,
        { ...repeated, attributes: [{ name: 'amount', value: '6' }] },
        event({ schemaName: 'no_such_schema' }),
        42,
        earlier,
        event({ timestamp: 'yesterday' }),
      ],
    });
    expect(response.status).toBe(207);
    expect(response.body.details).toMatchObject({ accepted: 1, duplicates: 2, rejected: 5 });
    const results = response.body.details.events as { index: number; status: string; errors?: { path: string }[] }[];
    expect(results.map((r) => r.status)).toEqual([
      'ACCEPTED',
      'INVALID',
      'DUPLICATE',
      'CONFLICT',
      'INVALID',
      'INVALID',
      'DUPLICATE',
      'INVALID',
    ]);
    expect(results[1]!.errors?.map((e) => e.path)).toEqual(['events.1.attributes.0.name']);
    expect(results[4]!.errors?.map((e) => e.path)).toEqual(['events.4.schemaName']);
    expect(results[5]!.errors?.map((e) => e.path)).toEqual(['events.5']);
    expect(results[7]!.errors?.map((e) => e.path)).toEqual(['events.7.timestamp']);
  });

  it.each([
    ['no events', { events: [] }, 422, 'events'],
    ['more than 1000 events', { events: Array.from({ length: 1001 }, () => ({})) }, 422, 'events'],
    ['a missing events array', { event: {} }, 422, '(body)'],
  ])('refuses %s as a whole', async (_, body, status, path) => {
    const response = await client.post('/ingestBatch', body);
    expect(response).toMatchObject({ status, contentType: 'application/problem+json' });
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses broken JSON (400), another media type (415) and a body over 5 MiB (413)', async () => {
    expect((await client.post('/ingestBatch', '{"events":[', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await client.post('/ingestBatch', '{"events":[]}', { 'content-type': 'text/plain' })).status).toBe(415);
    const huge = { events: [event({ accountId: 'x'.repeat(512) })], padding: 'p'.repeat(5 * 1024 * 1024) };
    expect((await client.post('/ingestBatch', huge)).status).toBe(413);
  });
});
