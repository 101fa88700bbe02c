import { beforeAll, describe, expect, it } from 'vitest';
import { api, unique } from '../support/api-client';

/**
 * POST /ingest and /ingestBatch answer Togai's IngestEventResponse field by field
 * (togai_client/models/ingest_event_response.py): success a boolean, statusCode an integer,
 * name and code strings when present, message a string of at most 500 characters, details an
 * object. Togai's client reads a body only on the statuses it maps: 202 for /ingest, 202 and 207
 * for /ingestBatch.
 */
function expectIngestEventResponse(body: Record<string, unknown>, status: number) {
  const known = ['success', 'statusCode', 'name', 'message', 'code', 'details'];
  expect(Object.keys(body).filter((k) => !known.includes(k))).toEqual([]);
  expect(typeof body.success).toBe('boolean');
  expect(Number.isInteger(body.statusCode)).toBe(true);
  expect(body.statusCode).toBe(status);
  for (const text of ['name', 'code'] as const) {
    if (text in body) {
      expect(typeof body[text]).toBe('string');
    }
  }
  expect(typeof body.message).toBe('string');
  expect((body.message as string).length).toBeLessThanOrEqual(500);
  expect(body.details).toBeTypeOf('object');
  expect(Array.isArray(body.details)).toBe(false);
}

let schemaName: string;
const event = (overrides: Record<string, unknown> = {}) => ({
  id: unique('evt'),
  schemaName,
  timestamp: new Date().toISOString(),
  accountId: 'acme',
  attributes: [{ name: 'amount', value: '10' }],
  dimensions: { mode: 'card' },
  ...overrides,
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

describe("Togai's ingest", () => {
  it('answers 202 IngestEventResponse for a new event and again for its duplicate', async () => {
    const client = api();
    const sent = event();
    const first = await client.post('/ingest', { event: sent });
    expect(first.status).toBe(202);
    expectIngestEventResponse(first.body, 202);
    expect(first.body).toMatchObject({ success: true, details: { eventId: sent.id, status: 'ACCEPTED' } });

    const again = await client.post('/ingest', { event: sent });
    expect(again.status).toBe(202);
    expectIngestEventResponse(again.body, 202);
    expect(again.body).toMatchObject({
      success: true,
      details: { eventId: sent.id, status: 'DUPLICATE', acceptedAt: first.body.details.acceptedAt },
    });
  });

  it("accepts a timestamp without a zone as UTC, as Togai's Python example sends datetime.utcnow()", async () => {
    const utcnow = `${new Date().toISOString().slice(0, -1)}456`; // e.g. 2026-12-02T10:00:00.123456
    const response = await api().post('/ingest', { event: event({ timestamp: utcnow }) });
    expect(response.status).toBe(202);
    expectIngestEventResponse(response.body, 202);
  });
});

describe("Togai's ingestBatch", () => {
  it('answers 202 IngestEventResponse when every event is new or a duplicate', async () => {
    const client = api();
    const repeated = event();
    await client.post('/ingest', { event: repeated });
    const response = await client.post('/ingestBatch', { events: [event(), repeated] });
    expect(response.status).toBe(202);
    expectIngestEventResponse(response.body, 202);
    expect(response.body).toMatchObject({ success: true, details: { accepted: 1, duplicates: 1, rejected: 0 } });
  });

  it('answers 207 IngestEventResponse when some event is refused', async () => {
    const response = await api().post('/ingestBatch', { events: [event(), event({ schemaName: unique('nope') })] });
    expect(response.status).toBe(207);
    expectIngestEventResponse(response.body, 207);
    expect(response.body).toMatchObject({ success: false, details: { accepted: 1, rejected: 1 } });
  });
});
