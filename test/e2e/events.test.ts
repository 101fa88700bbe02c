import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';

/**
 * GET /events/{id} and GET /events: an event as received and what the pipeline made of it.
 * One schema with an enriched attribute (`weight`, read from the `plan` dimension: a plan that is
 * not a number fails enrichment) and an enriched dimension; one SUM meter that counts region "eu".
 */
const client = api();
type Reply = Awaited<ReturnType<typeof client.get>>;
const PROBLEM = 'application/problem+json';
const ids = (r: Reply) => (r.body.events as { eventPayload: { id: string } }[]).map((e) => e.eventPayload.id);
/** GET /events/{id} answers Togai's GetEventResponse: the event as the one item of `events`. */
const only = (r: Reply) => {
  expect(Object.keys(r.body)).toEqual(['events']);
  expect(r.body.events).toHaveLength(1);
  return r.body.events[0];
};

const schemaName = unique('calls');
const accountA = unique('acct');
const accountB = unique('acct');
const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
const p = unique('evt');
// e4 and e5 share a timestamp: the id breaks the tie. e5's id needs percent-encoding in a path.
const e = { 1: `${p}-1`, 2: `${p}-2`, 3: `${p}-3`, 4: `${p}-4`, 5: `${p}-5/x:y` };
let meterId: string;

function eventOf(id: string, minutes: number, accountId: string, dimensions: Record<string, string>, bytes?: string) {
  return {
    id,
    schemaName,
    timestamp: at(minutes),
    accountId,
    attributes: bytes ? [{ name: 'bytes', value: bytes }] : [],
    dimensions,
  };
}

beforeAll(async () => {
  const created = await client.post('/event_schema', {
    name: schemaName,
    attributes: [{ name: 'bytes', defaultUnit: 'B' }],
    dimensions: [{ name: 'region' }, { name: 'plan' }],
    enrichments: {
      fields: [
        {
          name: 'weight',
          type: 'ATTRIBUTE',
          enrichmentType: 'JSON_LOGIC',
          value: '{"var":"dimensions.plan"}',
          order: 1,
        },
        { name: 'zone', type: 'DIMENSION', enrichmentType: 'VALUE', value: 'eu-west', order: 2 },
      ],
    },
  });
  expect(created.status).toBe(201);
  expect((await client.post(`/event_schema/${schemaName}/activate`)).status).toBe(200);
  const meter = await client.post('/usage_meters', {
    name: unique('bytes'),
    aggregation: 'SUM',
    eventSchemaName: schemaName,
    filters: [{ field: 'region', value: 'eu' }],
    computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
  });
  meterId = meter.body.id;
  expect((await client.post(`/usage_meters/${meterId}/activate`)).status).toBe(200);

  for (const event of [
    eventOf(e[1], 1, accountA, { region: 'eu', plan: '2' }, '100'),
    eventOf(e[2], 2, accountA, { region: 'us', plan: '1' }, '5'),
    eventOf(e[3], 3, accountB, { region: 'eu', plan: 'gold' }, '9'),
    eventOf(e[4], 4, accountB, { region: 'eu', plan: '3' }, '7'),
    eventOf(e[5], 4, accountB, { region: 'eu', plan: '1' }, '1'),
  ]) {
    expect((await client.post('/ingest', { event })).status).toBe(202);
  }
  const listed = await eventually(
    () => client.get(`/events?schemaName=${schemaName}`),
    (r) => r.body?.events?.length === 5,
  );
  expect(listed.body.events).toHaveLength(5);
});

describe('GET /events/{id}', () => {
  it('shows a metered event as received, the fields enrichment computed, and each meter with its value', async () => {
    const response = await client.get(`/events/${e[1]}`);
    expect(response).toMatchObject({ status: 200 });
    const meterName = (await client.get(`/usage_meters/${meterId}`)).body.name;
    expect(only(response)).toEqual({
      referenceId: e[1],
      eventPayload: {
        id: e[1],
        schemaName,
        timestamp: at(1),
        accountId: accountA,
        attributes: [{ name: 'bytes', value: '100', unit: 'B' }], // the schema's defaultUnit
        dimensions: { region: 'eu', plan: '2' },
      },
      ingestionStatus: { status: 'INGESTION_COMPLETED_EVENT_METERED' },
      createdAt: expect.any(String),
      eventPipelineInfo: {
        eventSchema: { name: schemaName, version: 1 },
        usageMeters: [{ id: meterId, name: meterName, version: 1, status: 'PROCESSED_UNITS_COMPUTED', units: 100 }],
        enrichments: {
          attributes: [{ name: 'weight', type: 'ATTRIBUTE', value: '2' }],
          dimensions: [{ name: 'zone', type: 'DIMENSION', value: 'eu-west' }],
        },
      },
      schemaVersion: 1,
      enrichedFields: [
        { name: 'weight', type: 'ATTRIBUTE', value: '2' },
        { name: 'zone', type: 'DIMENSION', value: 'eu-west' },
      ],
      meters: [{ meterId, aggregation: 'SUM', value: '100' }],
      acceptedAt: expect.any(String),
      processedAt: expect.any(String),
    });
    const { acceptedAt, processedAt, createdAt } = only(response);
    expect(createdAt).toBe(acceptedAt);
    expect(Date.now() - Date.parse(acceptedAt)).toBeLessThan(120_000);
    expect(Date.parse(processedAt)).toBeGreaterThanOrEqual(Date.parse(acceptedAt));
  });

  it('says INGESTION_COMPLETED_NO_MATCHING_METERS for an event no meter counts', async () => {
    const event = only(await client.get(`/events/${e[2]}`));
    expect(event).toMatchObject({
      ingestionStatus: { status: 'INGESTION_COMPLETED_NO_MATCHING_METERS' },
      eventPipelineInfo: { usageMeters: [] },
      meters: [],
      eventPayload: { dimensions: { region: 'us' } },
    });
  });

  it('says INGESTION_FAILED_ENRICHMENT_FAILED with the field and the reason, and shows the event exactly as sent', async () => {
    expect(only(await client.get(`/events/${e[3]}`))).toMatchObject({
      ingestionStatus: {
        status: 'INGESTION_FAILED_ENRICHMENT_FAILED',
        field: 'weight',
        statusDescription: 'formula gave "gold", not a number',
      },
      eventPayload: { attributes: [{ name: 'bytes', value: '9' }], dimensions: { region: 'eu', plan: 'gold' } },
      eventPipelineInfo: { usageMeters: [], enrichments: { attributes: [], dimensions: [] } },
      enrichedFields: [],
      meters: [],
    });
  });

  it('finds an id with / and : in it, percent-encoded', async () => {
    const response = await client.get(`/events/${encodeURIComponent(e[5])}`);
    expect(response.status).toBe(200);
    expect(only(response)).toMatchObject({
      referenceId: e[5],
      eventPayload: { id: e[5] },
      meters: [{ meterId, value: '1' }],
    });
  });

  it('answers 404 for an id it has not processed, saying the event may still be on its way', async () => {
    const response = await client.get(`/events/${unique('never-sent')}`);
    expect(response).toMatchObject({
      status: 404,
      contentType: PROBLEM,
      body: { status: 404, code: 'event_not_found' },
    });
    expect(response.body.detail).toMatch(/may still be on its way/);
  });
});

describe('GET /events', () => {
  it('lists newest first, by event timestamp and then id', async () => {
    const response = await client.get(`/events?schemaName=${schemaName}`);
    expect(ids(response)).toEqual([e[5], e[4], e[3], e[2], e[1]]);
    expect(Object.keys(response.body)).toEqual(['events']); // Togai's GetEventsResponse; no nextToken on the last page
  });

  it("answers each event in Togai's EventWithStatus shape: required fields present, typed, statuses from Togai's enum", async () => {
    const togaiStatuses = [
      'INGESTION_COMPLETED_EVENT_METERED',
      'INGESTION_COMPLETED_NO_MATCHING_METERS',
      'INGESTION_FAILED_ENRICHMENT_FAILED',
    ];
    for (const event of (await client.get(`/events?schemaName=${schemaName}`)).body.events) {
      expect(typeof event.referenceId).toBe('string');
      expect(Number.isNaN(Date.parse(event.createdAt))).toBe(false);
      expect(togaiStatuses).toContain(event.ingestionStatus.status);
      expect((event.ingestionStatus.statusDescription ?? '').length).toBeLessThanOrEqual(250);
      const { id, schemaName: name, timestamp, accountId, attributes, dimensions } = event.eventPayload;
      expect([typeof id, typeof name, typeof accountId, Number.isNaN(Date.parse(timestamp))]).toEqual([
        'string',
        'string',
        'string',
        false,
      ]);
      expect(
        attributes.every(
          (a: { name: unknown; value: unknown }) => typeof a.name === 'string' && typeof a.value === 'string',
        ),
      ).toBe(true);
      expect(Object.values(dimensions).every((v) => typeof v === 'string')).toBe(true);
      for (const meter of event.eventPipelineInfo.usageMeters) {
        expect([
          typeof meter.id,
          typeof meter.name,
          Number.isInteger(meter.version),
          meter.status,
          typeof meter.units,
        ]).toEqual(['string', 'string', true, 'PROCESSED_UNITS_COMPUTED', 'number']);
      }
    }
  });

  it.each([
    ['accountId', () => `accountId=${accountA}`, [e[2], e[1]]],
    ['accountId and schemaName', () => `accountId=${accountB}&schemaName=${schemaName}`, [e[5], e[4], e[3]]],
    ['status', () => `schemaName=${schemaName}&status=INGESTION_COMPLETED_EVENT_METERED`, [e[5], e[4], e[1]]],
    ['a failed status', () => `schemaName=${schemaName}&status=INGESTION_FAILED_ENRICHMENT_FAILED`, [e[3]]],
    [
      'a time range without a zone, read as UTC',
      () => `schemaName=${schemaName}&from=${at(2).slice(0, -1)}&to=${at(4).slice(0, -1)}`,
      [e[3], e[2]],
    ],
    [
      'a time range: from inclusive, to exclusive',
      () => `schemaName=${schemaName}&from=${at(2)}&to=${at(4)}`,
      [e[3], e[2]],
    ],
    [
      'from alone',
      () => `schemaName=${schemaName}&from=${encodeURIComponent(at(4).replace('Z', '+00:00'))}`,
      [e[5], e[4]],
    ],
    ['to alone', () => `schemaName=${schemaName}&to=${at(2)}`, [e[1]]],
  ])('filters by %s', async (_, query, expected) => {
    expect(ids(await client.get(`/events?${query()}`))).toEqual(expected);
  });

  it("answers a filter nothing matches 404 no_events: Togai's list holds at least one event", async () => {
    const response = await client.get(`/events?schemaName=${unique('none')}`);
    expect(response).toMatchObject({ status: 404, contentType: PROBLEM, body: { code: 'no_events' } });
  });

  it('walks every matching event exactly once, two at a time, newest first', async () => {
    const seen: string[][] = [];
    let token: string | undefined;
    do {
      const page = await client.get(`/events?schemaName=${schemaName}&pageSize=2${token ? `&nextToken=${token}` : ''}`);
      seen.push(ids(page));
      token = page.body.nextToken;
    } while (token && seen.length < 10);
    expect(seen).toEqual([[e[5], e[4]], [e[3], e[2]], [e[1]]]);
  });

  it('keeps a walk stable while newer events arrive: the token is a position, not an offset', async () => {
    const account = unique('acct');
    const first = [1, 2, 3].map((m) => eventOf(unique('walk'), m, account, { region: 'us' }, '1'));
    for (const event of first) {
      await client.post('/ingest', { event });
    }
    await eventually(
      () => client.get(`/events?accountId=${account}`),
      (r) => r.body?.events?.length === 3,
    );
    const path = `/events?accountId=${account}&pageSize=2`;

    const page1 = await client.get(path);
    const newer = eventOf(unique('walk'), 5, account, { region: 'us' }, '1');
    await client.post('/ingest', { event: newer });
    await eventually(
      () => client.get(`/events/${newer.id}`),
      (r) => r.status === 200,
    );
    const page2 = await client.get(`${path}&nextToken=${page1.body.nextToken}`);

    expect([...ids(page1), ...ids(page2)]).toEqual([first[2]!.id, first[1]!.id, first[0]!.id]);
    expect(page2.body.nextToken).toBeUndefined();
  });

  it.each([
    ['a status that does not exist', 'status=NOPE', 'status'],
    ["Meterline's own name for a status", 'status=METERED', 'status'],
    ['to before from', 'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ['to equal to from', 'from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'to'],
    ['a from that is not a date-time', 'from=yesterday', 'from'],
    ['a nextToken it did not give', 'nextToken=not-a-token', 'nextToken'],
    [
      'a well-formed nextToken naming no event of this tenant',
      `nextToken=${btoa(JSON.stringify({ after: 'no-such-event' }))}`,
      'nextToken',
    ],
    ['a pageSize of 0', 'pageSize=0', 'pageSize'],
  ])('refuses %s with 422 naming the field', async (_, query, path) => {
    const response = await client.get(`/events?${query}`);
    expect(response).toMatchObject({ status: 422, contentType: PROBLEM, body: { code: 'invalid_query' } });
    expect(response.body.errors.map((issue: { path: string }) => issue.path)).toEqual([path]);
  });
});
