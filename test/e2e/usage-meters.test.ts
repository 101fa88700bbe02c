import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { setUsageMeterStatus, updateUsageMeter } from '../../rater/store/usage-meters';
import { api, eventually, unique } from '../support/api-client';

const client = api();
type Reply = Awaited<ReturnType<typeof client.get>>;
const paths = (r: Reply) => ((r.body?.errors ?? []) as { path: string }[]).map((e) => e.path);
const problem = (r: Reply) => ({ status: r.status, code: r.body?.code });

/** An event schema (ACTIVE unless told) with an attribute, a dimension and an enriched dimension. */
async function newSchema(activate = true) {
  const name = unique('pay');
  const created = await client.post('/event_schema', {
    name,
    attributes: [{ name: 'amount' }],
    dimensions: [{ name: 'mode' }],
    enrichments: { fields: [{ name: 'region', type: 'DIMENSION', enrichmentType: 'VALUE', value: 'eu', order: 1 }] },
  });
  expect(created.status).toBe(201);
  if (activate) {
    expect((await client.post(`/event_schema/${name}/activate`)).status).toBe(200);
  }
  return name;
}

const amount = [{ computation: '{"var":"attributes.amount"}', order: 1 }];
async function newMeter(eventSchemaName: string, extra: Record<string, unknown> = {}) {
  const created = await client.post('/usage_meters', {
    name: unique('m'),
    aggregation: 'COUNT',
    eventSchemaName,
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; name: string; updatedAt: string };
}
const act = (id: string, action: 'activate' | 'deactivate' | 'archive') => client.post(`/usage_meters/${id}/${action}`);

describe('creating and reading meters', () => {
  it('creates a DRAFT meter whose filters and formulas may use enriched fields, readable with its schema', async () => {
    const schema = await newSchema();
    const created = await client.post('/usage_meters', {
      name: unique('fees'),
      billableName: 'Card fees',
      aggregation: 'SUM',
      eventSchemaName: schema,
      filters: [{ field: 'dimensions.region', value: 'eu' }],
      computations: [
        { matcher: '{"==":[{"var":"dimensions.mode"},"card"]}', computation: '{"var":"attributes.amount"}', order: 1 },
      ],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'DRAFT', type: 'COUNTER', displayName: 'Card fees', filters: [{ value: 'eu' }] },
    });
    expect(created.body.id).toMatch(/^um\./);

    const plain = await client.get(`/usage_meters/${created.body.id}`);
    expect(plain).toMatchObject({ status: 200, body: { id: created.body.id, eventSchemaName: schema } });
    expect(plain.body).not.toHaveProperty('eventSchema');
    const withSchema = await client.get(`/usage_meters/${created.body.id}?includeSchema=true`);
    expect(withSchema.body.eventSchema).toMatchObject({
      name: schema,
      status: 'ACTIVE',
      dimensions: [{ name: 'mode' }],
    });
    expect(problem(await client.get(`/usage_meters/${created.body.id}?includeSchema=yes`))).toEqual({
      status: 422,
      code: 'invalid_query',
    });
    expect(problem(await client.get('/usage_meters/um.none'))).toEqual({ status: 404, code: 'usage_meter_not_found' });
  });

  it('refuses a name already taken, even by an archived meter', async () => {
    const meter = await newMeter(await newSchema());
    await act(meter.id, 'activate');
    await act(meter.id, 'deactivate');
    await act(meter.id, 'archive');
    const again = await client.post('/usage_meters', {
      name: meter.name,
      aggregation: 'COUNT',
      eventSchemaName: await newSchema(),
    });
    expect(problem(again)).toEqual({ status: 409, code: 'usage_meter_exists' });
    expect(paths(again)).toEqual(['name']);
  });

  it('refuses a schema that does not exist or is archived, naming eventSchemaName', async () => {
    const archived = await newSchema();
    for (const action of ['deactivate', 'archive']) {
      expect((await client.post(`/event_schema/${archived}/${action}`)).status).toBe(200);
    }
    for (const eventSchemaName of ['no_such_schema', archived]) {
      const refused = await client.post('/usage_meters', { name: unique('m'), aggregation: 'COUNT', eventSchemaName });
      expect(problem(refused)).toEqual({ status: 422, code: 'invalid_usage_meter' });
      expect(paths(refused)).toEqual(['eventSchemaName']);
    }
  });

  it.each([
    ['a filter on an unknown dimension', { filters: [{ field: 'colour', value: 'red' }] }, 'filters.0.field'],
    ['a filter on an attribute', { filters: [{ field: 'amount', value: '1' }] }, 'filters.0.field'],
    [
      'a matcher reading an unknown field',
      { computations: [{ matcher: '{"var":"dimensions.colour"}', computation: '1', order: 1 }] },
      'computations.0.matcher',
    ],
    ['SUM without a computation', { aggregation: 'SUM' }, 'computations'],
    ['UNIQUE_COUNT without a computation', { aggregation: 'UNIQUE_COUNT' }, 'computations'],
  ])('refuses %s with 422 naming the field', async (_, change, path) => {
    const refused = await client.post('/usage_meters', {
      name: unique('m'),
      aggregation: 'COUNT',
      eventSchemaName: await newSchema(),
      ...change,
    });
    expect(refused.status).toBe(422);
    expect(paths(refused)).toEqual([path]);
  });
});

describe('changing meters', () => {
  it('lets a DRAFT change freely, re-checked against its (possibly new) schema', async () => {
    const [first, second] = [await newSchema(), await newSchema()];
    const meter = await newMeter(first);
    const changed = await client.patch(`/usage_meters/${meter.id}`, {
      eventSchemaName: second,
      aggregation: 'MAX',
      computations: amount,
      filters: [{ field: 'mode', value: 'card' }],
      description: 'largest',
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { eventSchemaName: second, aggregation: 'MAX', description: 'largest', status: 'DRAFT' },
    });

    const badFilter = await client.patch(`/usage_meters/${meter.id}`, { filters: [{ field: 'colour', value: 'red' }] });
    expect([badFilter.status, paths(badFilter)]).toEqual([422, ['filters.0.field']]);
    const badSchema = await client.patch(`/usage_meters/${meter.id}`, { eventSchemaName: 'no_such_schema' });
    expect([badSchema.status, paths(badSchema)]).toEqual([422, ['eventSchemaName']]);
    expect(problem(await client.patch(`/usage_meters/${meter.id}`, { status: 'ACTIVE' }))).toEqual({
      status: 422,
      code: 'invalid_body',
    });
    expect(problem(await client.patch('/usage_meters/um.none', { description: 'x' }))).toEqual({
      status: 404,
      code: 'usage_meter_not_found',
    });
  });

  it('lets an activated meter change only its names and description', async () => {
    const meter = await newMeter(await newSchema(), { aggregation: 'SUM', computations: amount });
    const active = (await act(meter.id, 'activate')).body;
    const renamed = await client.patch(`/usage_meters/${meter.id}`, {
      name: unique('renamed'),
      billableName: 'Revenue',
      description: 'd',
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: { displayName: 'Revenue', description: 'd', status: 'ACTIVE' },
    });
    const cleared = await client.patch(`/usage_meters/${meter.id}`, { billableName: null });
    expect(cleared.body.displayName).toBe(renamed.body.name);
    // Sending back the definition as read is not a change.
    const echoed = await client.patch(`/usage_meters/${meter.id}`, {
      aggregation: active.aggregation,
      computations: active.computations,
      filters: [],
    });
    expect(echoed.status).toBe(200);

    const frozen = await client.patch(`/usage_meters/${meter.id}`, {
      aggregation: 'MAX',
      filters: [{ field: 'mode', value: 'card' }],
      description: 'kept?',
    });
    expect(problem(frozen)).toEqual({ status: 409, code: 'usage_meter_definition_frozen' });
    expect(paths(frozen)).toEqual(['aggregation', 'filters']);
    expect(frozen.body.detail).toMatch(/create a new meter instead/);
    expect((await client.get(`/usage_meters/${meter.id}`)).body).toMatchObject({
      aggregation: 'SUM',
      description: 'd',
    });

    await act(meter.id, 'deactivate');
    const inactive = await client.patch(`/usage_meters/${meter.id}`, {
      computations: [{ computation: '1', order: 1 }],
    });
    expect([problem(inactive), paths(inactive)]).toEqual([
      { status: 409, code: 'usage_meter_definition_frozen' },
      ['computations'],
    ]);
    await act(meter.id, 'archive');
    expect(problem(await client.patch(`/usage_meters/${meter.id}`, { description: 'late' }))).toEqual({
      status: 409,
      code: 'usage_meter_archived',
    });
  });

  it('refuses a rename to a name another meter has', async () => {
    const schema = await newSchema();
    const [taken, meter] = [await newMeter(schema), await newMeter(schema)];
    const clash = await client.patch(`/usage_meters/${meter.id}`, { name: taken.name });
    expect([problem(clash), paths(clash)]).toEqual([{ status: 409, code: 'usage_meter_exists' }, ['name']]);
    expect((await client.patch(`/usage_meters/${meter.id}`, { name: meter.name })).status).toBe(200);
  });

  it('never applies a change made from a stale read, so a racing change is not lost', async () => {
    const meter = await newMeter(await newSchema());
    const stale = (await client.get(`/usage_meters/${meter.id}`)).body;
    expect((await client.patch(`/usage_meters/${meter.id}`, { description: 'first' })).status).toBe(200);
    // The race itself cannot be timed over HTTP; the store's guard is what turns it into a 409.
    const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
    try {
      expect(await updateUsageMeter(db, 'dev', stale, { description: 'second' })).toEqual({
        ok: false,
        reason: 'changed',
      });
      expect(await setUsageMeterStatus(db, 'dev', stale, 'ACTIVE')).toBeNull();
      const fresh = (await client.get(`/usage_meters/${meter.id}`)).body;
      expect(await updateUsageMeter(db, 'dev', fresh, { description: 'third' })).toMatchObject({
        ok: true,
        meter: { description: 'third' },
      });
    } finally {
      await close();
    }
  });
});

describe('the meter lifecycle', () => {
  it('activates only on an ACTIVE schema, and only if the meter fits its current version', async () => {
    const schema = await newSchema(false);
    const meter = await newMeter(schema, { filters: [{ field: 'mode', value: 'card' }] });
    expect(problem(await act(meter.id, 'activate'))).toEqual({ status: 409, code: 'event_schema_not_active' });

    // A DRAFT schema may still lose a field the meter was defined on.
    expect((await client.patch(`/event_schema/${schema}`, { dimensions: [{ name: 'channel' }] })).status).toBe(200);
    await client.post(`/event_schema/${schema}/activate`);
    const misfit = await act(meter.id, 'activate');
    expect([problem(misfit), paths(misfit)]).toEqual([
      { status: 422, code: 'invalid_usage_meter' },
      ['filters.0.field'],
    ]);

    await client.patch(`/usage_meters/${meter.id}`, { filters: [{ field: 'channel', value: 'web' }] });
    const active = await act(meter.id, 'activate');
    expect(active).toMatchObject({ status: 200, body: { status: 'ACTIVE', lastActivatedAt: expect.any(String) } });
    expect((await act(meter.id, 'activate')).body).toEqual(active.body);
  });

  it('deactivates only ACTIVE meters and archives (or deletes) only INACTIVE ones; repeats are no-ops', async () => {
    const schema = await newSchema();
    const [meter, other] = [await newMeter(schema), await newMeter(schema)];
    expect(problem(await act(meter.id, 'deactivate'))).toEqual({ status: 409, code: 'invalid_lifecycle_transition' });
    expect(problem(await act(meter.id, 'archive'))).toEqual({ status: 409, code: 'invalid_lifecycle_transition' });
    await act(meter.id, 'activate');
    expect(problem(await act(meter.id, 'archive'))).toEqual({ status: 409, code: 'invalid_lifecycle_transition' });
    expect(problem(await client.delete(`/usage_meters/${meter.id}`))).toEqual({
      status: 409,
      code: 'invalid_lifecycle_transition',
    });

    expect((await act(meter.id, 'deactivate')).body.status).toBe('INACTIVE');
    expect((await act(meter.id, 'deactivate')).body.status).toBe('INACTIVE');
    expect((await act(meter.id, 'activate')).body.status).toBe('ACTIVE');
    await act(meter.id, 'deactivate');
    expect((await act(meter.id, 'archive')).body.status).toBe('ARCHIVED');
    expect((await act(meter.id, 'archive')).body.status).toBe('ARCHIVED');
    expect(problem(await act(meter.id, 'activate'))).toEqual({ status: 409, code: 'invalid_lifecycle_transition' });

    await act(other.id, 'activate');
    await act(other.id, 'deactivate');
    expect(await client.delete(`/usage_meters/${other.id}`)).toMatchObject({ status: 200, body: { success: true } });
    expect((await client.get(`/usage_meters/${other.id}`)).body.status).toBe('ARCHIVED');
    expect((await client.delete(`/usage_meters/${other.id}`)).status).toBe(200);
    expect(problem(await client.delete('/usage_meters/um.none'))).toEqual({
      status: 404,
      code: 'usage_meter_not_found',
    });
  });

  it('keeps a schema ACTIVE while one of its meters is, and lets it go once the meter is deactivated', async () => {
    const schema = await newSchema();
    const meter = await newMeter(schema);
    await act(meter.id, 'activate');
    const refused = await client.post(`/event_schema/${schema}/deactivate`);
    expect(problem(refused)).toEqual({ status: 409, code: 'event_schema_in_use' });
    expect(refused.body.errors).toEqual([{ path: 'usageMeters', message: meter.id }]);
    await act(meter.id, 'deactivate');
    expect(await client.post(`/event_schema/${schema}/deactivate`)).toMatchObject({
      status: 200,
      body: { status: 'INACTIVE' },
    });
  });
});

describe('listing meters', () => {
  type Listed = { id: string; name: string; status: string; aggregation: string };
  /** Every page of the tenant's meters, followed through nextToken. */
  async function walk(query = '', pageSize = 3): Promise<Listed[]> {
    const seen: Listed[] = [];
    let token: string | undefined;
    do {
      const page = await client.get(`/usage_meters?pageSize=${pageSize}${query}${token ? `&nextToken=${token}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(pageSize);
      expect(page.body.context).toEqual({ pageSize, sortOrder: 'ASC' });
      seen.push(...page.body.data);
      token = page.body.nextToken;
    } while (token);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    return seen;
  }

  it('pages through every meter once, oldest first, hiding ARCHIVED ones unless asked, filtered by status and aggregation', async () => {
    const schema = await newSchema();
    const prefix = unique('list');
    const kinds = ['COUNT', 'SUM', 'MAX', 'MIN', 'LATEST', 'COUNT', 'SUM'];
    const meters = [];
    for (const [i, aggregation] of kinds.entries()) {
      meters.push(
        await newMeter(schema, {
          name: `${prefix}_${i}`,
          aggregation,
          computations: aggregation === 'COUNT' ? [] : amount,
        }),
      );
    }
    for (const m of meters.slice(0, 3)) {
      await act(m.id, 'activate');
    }
    await act(meters[2]!.id, 'deactivate');
    await act(meters[2]!.id, 'archive');
    const mine = (listed: Listed[]) => listed.filter((m) => m.name.startsWith(prefix)).map((m) => m.name);
    const names = (indexes: number[]) => indexes.map((i) => `${prefix}_${i}`);

    expect(mine(await walk())).toEqual(names([0, 1, 3, 4, 5, 6]));
    const active = await walk('&status=ACTIVE');
    expect(new Set(active.map((m) => m.status))).toEqual(new Set(['ACTIVE']));
    expect(mine(active)).toEqual(names([0, 1]));
    expect(mine(await walk('&status=ARCHIVED'))).toEqual(names([2]));
    const picked = await walk('&aggregations=MAX,LATEST', 2);
    expect(picked.every((m) => ['MAX', 'LATEST'].includes(m.aggregation))).toBe(true);
    expect(mine(picked)).toEqual(names([4]));
  });

  it.each([
    ['an unknown aggregation', 'aggregations=SUM,AVG', 'aggregations'],
    ['an unknown status', 'status=GONE', 'status'],
    ['a page size of 0', 'pageSize=0', 'pageSize'],
    ['a token this API did not give', 'nextToken=not-a-token', 'nextToken'],
    ['a token naming no meter', `nextToken=${btoa(JSON.stringify({ after: 'um.none' }))}`, 'nextToken'],
  ])('refuses %s with 422 naming it', async (_, query, path) => {
    const refused = await client.get(`/usage_meters?${query}`);
    expect([problem(refused), paths(refused)]).toEqual([{ status: 422, code: 'invalid_query' }, [path]]);
  });
});

describe('metering by meter status and aggregation', () => {
  const hour = (offset: number) => new Date(Math.floor(Date.now() / 3600_000 + offset) * 3600_000).toISOString();
  const range = `from=${hour(-2)}&to=${hour(1)}`;
  const valueOf = async (meterId: string, account: string) =>
    (await client.get(`/usage?meterId=${meterId}&accountId=${account}&${range}`)).body?.value;
  async function ingest(
    schemaName: string,
    accountId: string,
    id: string,
    amount: string,
    timestamp = new Date().toISOString(),
  ) {
    const sent = await client.post('/ingest', {
      event: {
        id,
        schemaName,
        timestamp,
        accountId,
        attributes: [{ name: 'amount', value: amount }],
        dimensions: { mode: 'card' },
      },
    });
    expect(sent.status).toBe(202);
  }
  async function activeMeters(schema: string, aggregations: string[]) {
    const meters = [];
    for (const aggregation of aggregations) {
      const meter = await newMeter(schema, { aggregation, computations: aggregation === 'COUNT' ? [] : amount });
      expect((await act(meter.id, 'activate')).status).toBe(200);
      meters.push(meter.id);
    }
    return meters;
  }

  it('stops counting new events on an INACTIVE meter, and resumes when it is reactivated', async () => {
    const schema = await newSchema();
    const account = unique('acct');
    // The control meter counts the same events in the same batches: once it has seen an event,
    // the other meter would have too, so no sleep is needed to prove a non-change.
    const [meter, control] = (await activeMeters(schema, ['COUNT', 'COUNT'])) as [string, string];
    await ingest(schema, account, unique('evt'), '1');
    expect(
      await eventually(
        () => valueOf(meter, account),
        (v) => v === '1',
      ),
    ).toBe('1');

    await act(meter, 'deactivate');
    await ingest(schema, account, unique('evt'), '1');
    expect(
      await eventually(
        () => valueOf(control, account),
        (v) => v === '2',
      ),
    ).toBe('2');
    expect(await valueOf(meter, account)).toBe('1');

    await act(meter, 'activate');
    await ingest(schema, account, unique('evt'), '1');
    expect(
      await eventually(
        () => valueOf(control, account),
        (v) => v === '3',
      ),
    ).toBe('3');
    expect(await valueOf(meter, account)).toBe('2');
  });

  it('gives MAX, MIN and LATEST (latest timestamp, ties broken by event id), whatever the arrival order', async () => {
    const schema = await newSchema();
    const account = unique('acct');
    const [max, min, latest, sum, count] = (await activeMeters(schema, [
      'MAX',
      'MIN',
      'LATEST',
      'SUM',
      'COUNT',
    ])) as string[];
    const base = Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000;
    const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
    const id = unique('evt');
    await ingest(schema, account, `${id}_b`, '7.25', at(120)); // latest, and wins the tie on id
    await ingest(schema, account, `${id}_a`, '2.5', at(120)); // same instant, smaller id, arrives later
    await ingest(schema, account, `${id}_c`, '10', at(0)); // oldest, arrives last
    await ingest(schema, account, `${id}_d`, '5', at(60));
    expect(
      await eventually(
        () => valueOf(count!, account),
        (v) => v === '4',
      ),
    ).toBe('4');

    const values = await Promise.all([max, min, latest, sum].map((m) => valueOf(m!, account)));
    expect(values).toEqual(['10', '2.5', '7.25', '24.75']);
  });

  it('gives UNIQUE_COUNT: distinct values over the range, not summed across windows', async () => {
    const schema = await newSchema();
    const account = unique('acct');
    const meter = await newMeter(schema, { aggregation: 'UNIQUE_COUNT', computations: amount });
    expect((await act(meter.id, 'activate')).status).toBe(200);
    const [control] = (await activeMeters(schema, ['COUNT'])) as [string];
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 60_000;
    const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
    // Amounts as distinct values: 1.50 and 1.5 are one number; 3 appears in two minutes.
    await ingest(schema, account, unique('evt'), '1.50', at(0));
    await ingest(schema, account, unique('evt'), '3', at(0));
    await ingest(schema, account, unique('evt'), '1.5', at(1));
    await ingest(schema, account, unique('evt'), '3', at(2));
    expect(
      await eventually(
        () => valueOf(control, account),
        (v) => v === '4',
      ),
    ).toBe('4');

    expect(await valueOf(meter.id, account)).toBe('2');
    const perMinute = await client.get(`/usage?meterId=${meter.id}&accountId=${account}&${range}&window=MINUTE`);
    expect(perMinute.body.data.map((p: { value: string }) => p.value)).toEqual(['2', '1', '1']);
  });

  it.each([
    ['`to` not after `from`', (id: string) => `meterId=${id}&from=${hour(0)}&to=${hour(0)}`, 'to'],
    [
      'more than 10 000 windows',
      (id: string) => `meterId=${id}&from=${hour(-24 * 30)}&to=${hour(0)}&window=MINUTE`,
      'window',
    ],
    [
      'a time that is not a whole minute',
      (id: string) => `meterId=${id}&from=2026-01-01T00:00:30Z&to=${hour(0)}`,
      'from',
    ],
    ['an unknown meter', () => `meterId=um.none&${range}`, 'meterId'],
  ])('refuses a usage query with %s, naming the field', async (_, query, path) => {
    const meter = await newMeter(await newSchema());
    const refused = await client.get(`/usage?${query(meter.id)}`);
    expect([problem(refused), paths(refused)]).toEqual([{ status: 422, code: 'invalid_usage_query' }, [path]]);
  });
});
