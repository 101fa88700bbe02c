import { describe, expect, it } from 'vitest';
import { api, unique } from '../support/api-client';

const client = api();
const create = (name: string, extra: Record<string, unknown> = {}) =>
  client.post('/event_schema', { name, attributes: [{ name: 'bytes' }], dimensions: [{ name: 'region' }], ...extra });
const paths = (response: { body: { errors?: { path: string }[] } }) => (response.body.errors ?? []).map((e) => e.path);

describe('creating event schemas', () => {
  it('creates a DRAFT and refuses a second schema of the same name', async () => {
    const name = unique('s');
    expect(await create(name)).toMatchObject({ status: 201, body: { name, status: 'DRAFT', version: 1 } });
    expect(await create(name)).toMatchObject({ status: 409, body: { code: 'event_schema_exists' } });
  });

  it.each([
    ['a name over 50 characters', { name: 'n'.repeat(51) }, 'name'],
    ['a name with punctuation', { name: 'bad/name' }, 'name'],
    [
      '11 characters of defaultUnit',
      { attributes: [{ name: 'a', defaultUnit: 'centimetres' }] },
      'attributes.0.defaultUnit',
    ],
    ['a field defined twice', { dimensions: [{ name: 'bytes' }] }, 'dimensions.0.name'],
    [
      'an enrichment reading an unknown field',
      {
        enrichments: {
          fields: [
            {
              name: 'kb',
              type: 'ATTRIBUTE',
              enrichmentType: 'JSON_LOGIC',
              value: '{"/":[{"var":"attributes.byts"},1000]}',
              order: 1,
            },
          ],
        },
      },
      'enrichments.fields.0.value',
    ],
    [
      'an enrichment that is not JsonLogic',
      {
        enrichments: {
          fields: [{ name: 'kb', type: 'ATTRIBUTE', enrichmentType: 'JSON_LOGIC', value: '{"/":', order: 1 }],
        },
      },
      'enrichments.fields.0.value',
    ],
    ['an eventIdTemplate naming an unknown field', { eventIdTemplate: '{{dimensions.nope}}' }, 'eventIdTemplate'],
  ])('refuses %s with 422 naming the field', async (_, change, path) => {
    const response = await client.post('/event_schema', {
      name: unique('s'),
      attributes: [{ name: 'bytes' }],
      ...change,
    });
    expect(response.status).toBe(422);
    expect(paths(response)).toContain(path);
  });
});

describe('unreadable configuration requests', () => {
  it('answers 415 for another media type and 400 for broken JSON, as problem+json', async () => {
    const asText = await client.post('/event_schema', JSON.stringify({ name: unique('s') }), {
      'content-type': 'text/plain',
    });
    expect(asText).toMatchObject({
      status: 415,
      contentType: 'application/problem+json',
      body: { code: 'unsupported_media_type' },
    });
    const broken = await client.post('/event_schema', '{"name":', { 'content-type': 'application/json' });
    expect(broken).toMatchObject({
      status: 400,
      contentType: 'application/problem+json',
      body: { code: 'malformed_json' },
    });
    const huge = await client.post('/event_schema', { name: unique('s'), description: 'd'.repeat(300_000) });
    expect(huge).toMatchObject({
      status: 413,
      contentType: 'application/problem+json',
      body: { code: 'payload_too_large' },
    });
  });
});

describe('changing event schemas', () => {
  it('lets a DRAFT change freely, in place', async () => {
    const name = unique('s');
    await create(name);
    const changed = await client.patch(`/event_schema/${name}`, {
      attributes: [{ name: 'seconds' }],
      description: 'renamed freely',
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { version: 1, attributes: [{ name: 'seconds' }], description: 'renamed freely' },
    });
  });

  it('lets a published schema only grow, each change a new version, old versions kept', async () => {
    const name = unique('s');
    await create(name, {
      enrichments: {
        fields: [
          {
            name: 'kb',
            type: 'ATTRIBUTE',
            enrichmentType: 'JSON_LOGIC',
            value: '{"/":[{"var":"attributes.bytes"},1000]}',
            order: 1,
          },
        ],
      },
    });
    await client.post(`/event_schema/${name}/activate`);

    const removed = await client.patch(`/event_schema/${name}`, { attributes: [] });
    expect(removed.status).toBe(422);
    expect(removed.body.errors).toContainEqual({
      path: 'attributes',
      message: expect.stringContaining("'bytes' is published"),
    });
    const renamed = await client.patch(`/event_schema/${name}`, { dimensions: [{ name: 'zone' }] });
    expect(paths(renamed)).toEqual(['dimensions']);
    const reformulated = await client.patch(`/event_schema/${name}`, {
      enrichments: {
        fields: [
          {
            name: 'kb',
            type: 'ATTRIBUTE',
            enrichmentType: 'JSON_LOGIC',
            value: '{"/":[{"var":"attributes.bytes"},1024]}',
            order: 1,
          },
        ],
      },
    });
    expect(paths(reformulated)).toEqual(['enrichments.fields']);

    const grown = await client.patch(`/event_schema/${name}`, { dimensions: [{ name: 'region' }, { name: 'zone' }] });
    expect(grown).toMatchObject({ status: 200, body: { version: 2, status: 'ACTIVE' } });

    const versions = await client.get(`/event_schema/${name}/versions`);
    expect(versions.body.data.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'ARCHIVED'],
      [2, 'ACTIVE'],
    ]);
    const first = await client.get(`/event_schema/${name}?version=1`);
    expect(first.body.dimensions).toEqual([{ name: 'region' }]);
    expect((await client.get(`/event_schema/${name}?version=7`)).status).toBe(404);
  });
});

describe('the schema lifecycle', () => {
  it('goes DRAFT → ACTIVE → INACTIVE → ARCHIVED, refusing every other step with 409', async () => {
    const name = unique('s');
    await create(name);
    const refused = (r: { status: number; body: { code: string } }) => [r.status, r.body.code];

    expect(refused(await client.post(`/event_schema/${name}/deactivate`))).toEqual([
      409,
      'invalid_lifecycle_transition',
    ]);
    expect(refused(await client.post(`/event_schema/${name}/archive`))).toEqual([409, 'invalid_lifecycle_transition']);
    expect((await client.post(`/event_schema/${name}/activate`)).body.status).toBe('ACTIVE');
    expect((await client.post(`/event_schema/${name}/activate`)).body.status).toBe('ACTIVE'); // a retry is a no-op
    expect(refused(await client.delete(`/event_schema/${name}`))).toEqual([409, 'invalid_lifecycle_transition']);
    expect((await client.post(`/event_schema/${name}/deactivate`)).body.status).toBe('INACTIVE');
    expect(await client.delete(`/event_schema/${name}`)).toMatchObject({ status: 200, body: { success: true } });

    expect((await client.get(`/event_schema/${name}`)).body.status).toBe('ARCHIVED');
    expect(refused(await client.post(`/event_schema/${name}/activate`))).toEqual([409, 'invalid_lifecycle_transition']);
    expect(refused(await client.patch(`/event_schema/${name}`, { description: 'x' }))).toEqual([
      409,
      'event_schema_archived',
    ]);
    expect(refused(await create(name))).toEqual([409, 'event_schema_exists']);
  });
});

describe('listing event schemas', () => {
  it('pages by name with nextToken, hides ARCHIVED unless asked, and filters by status', async () => {
    const prefix = unique('list');
    const names = Array.from({ length: 5 }, (_, i) => `${prefix}_${i}`);
    for (const name of names) {
      await create(name);
    }
    await client.post(`/event_schema/${names[4]}/activate`);
    await client.post(`/event_schema/${names[4]}/deactivate`);
    await client.post(`/event_schema/${names[4]}/archive`);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.get(`/event_schema?pageSize=2${token ? `&nextToken=${token}` : ''}`);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((s: { name: string }) => s.name));
      token = page.body.nextToken;
    } while (token);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((n) => n.startsWith(prefix))).toEqual(names.slice(0, 4));

    const archived = await client.get('/event_schema?status=ARCHIVED&pageSize=200');
    expect(archived.body.data.map((s: { name: string }) => s.name)).toContain(names[4]);
    expect((await client.get('/event_schema?nextToken=garbage')).body).toMatchObject({
      status: 422,
      errors: [{ path: 'nextToken' }],
    });
    expect(paths(await client.get('/event_schema?pageSize=0'))).toEqual(['pageSize']);
  });
});

describe('eventIdTemplate', () => {
  it('builds the idempotency key from the event, so a resend without an id is a duplicate', async () => {
    const name = unique('tpl');
    await create(name, {
      dimensions: [{ name: 'request_id' }],
      eventIdTemplate: '{{accountId}}:{{dimensions.request_id}}',
    });
    await client.post(`/event_schema/${name}/activate`);
    const timestamp = new Date().toISOString(); // a retry resends the same event, timestamp included
    const event = (requestId?: string) => ({
      event: {
        schemaName: name,
        timestamp,
        accountId: 'acme',
        attributes: [{ name: 'bytes', value: '5' }],
        dimensions: requestId ? { request_id: requestId } : {},
      },
    });
    const first = await client.post('/ingest', event('r-1'));
    expect(first).toMatchObject({ status: 202, body: { details: { eventId: 'acme:r-1' } } });
    expect((await client.post('/ingest', event('r-1'))).body.details.status).toBe('DUPLICATE');
    expect((await client.post('/ingest', event('r-2'))).status).toBe(202);
    expect(paths(await client.post('/ingest', event()))).toEqual(['event.id']);
  });
});

describe('filterFields', () => {
  const dimensions = [{ name: 'region' }, { name: 'zone' }, { name: 'tier' }];

  it('are kept as sent, and must name dimensions of the schema', async () => {
    const name = unique('ff');
    const created = await create(name, { dimensions, filterFields: ['zone', 'region'] });
    expect(created).toMatchObject({ status: 201, body: { filterFields: ['zone', 'region'] } });
    expect((await client.get(`/event_schema/${name}`)).body.filterFields).toEqual(['zone', 'region']);

    const unknown = await create(unique('ff'), { dimensions, filterFields: ['colour'] });
    expect(unknown.status).toBe(422);
    expect(paths(unknown)).toEqual(['filterFields.0']);
  });

  it('limit the dimensions a usage meter may filter on', async () => {
    const name = unique('ff');
    await create(name, { dimensions, filterFields: ['region'] });
    const meter = (field: string) =>
      client.post('/usage_meters', {
        name: unique('m'),
        aggregation: 'COUNT',
        eventSchemaName: name,
        filters: [{ field, value: 'x' }],
      });

    const outside = await meter('zone');
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([
      { path: 'filters.0.field', message: expect.stringContaining('filterFields of schema') },
    ]);
    expect((await meter('dimensions.region')).status).toBe(201);
  });

  it('of a published schema may grow, as a new version, but not shrink', async () => {
    const name = unique('ff');
    await create(name, { dimensions, filterFields: ['region'] });
    await client.post(`/event_schema/${name}/activate`);

    const grown = await client.patch(`/event_schema/${name}`, { filterFields: ['region', 'tier'] });
    expect(grown).toMatchObject({ status: 200, body: { version: 2, filterFields: ['region', 'tier'] } });
    expect((await client.get(`/event_schema/${name}?version=1`)).body.filterFields).toEqual(['region']);

    const shrunk = await client.patch(`/event_schema/${name}`, { filterFields: ['tier'] });
    expect(shrunk.status).toBe(422);
    expect(shrunk.body.errors).toEqual([{ path: 'filterFields', message: expect.stringContaining("'region'") }]);
    expect((await client.get(`/event_schema/${name}`)).body).toMatchObject({
      version: 2,
      filterFields: ['region', 'tier'],
    });
  });
});
