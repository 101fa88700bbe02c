import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';

/** GET /usage split by dimensions and narrowed by dimension filters, through the public API. */
describe('GET /usage with groupBy and filter', () => {
  const client = api();
  let base: string;

  beforeAll(async () => {
    const schema = unique('groups');
    await client.post('/event_schema', {
      name: schema,
      attributes: [{ name: 'bytes' }],
      dimensions: [{ name: 'region' }, { name: 'plan' }],
    });
    await client.post(`/event_schema/${schema}/activate`);
    const meter = await client.post('/usage_meters', {
      name: unique('bytes'),
      type: 'COUNTER',
      aggregation: 'SUM',
      eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
    });
    await client.post(`/usage_meters/${meter.body.id}/activate`);
    const at = new Date().toISOString();
    const sent = [
      ['eu', 'pro', '10'],
      ['eu', 'free', '1'],
      ['us', 'pro', '100'],
      ['us', undefined, '1000'],
    ].map(([region, plan, bytes]) => ({
      id: unique('g'),
      schemaName: schema,
      timestamp: at,
      accountId: 'acme',
      attributes: [{ name: 'bytes', value: bytes }],
      dimensions: { region, ...(plan ? { plan } : {}) },
    }));
    expect((await client.post('/ingestBatch', { events: sent })).status).toBe(202);
    const hour = Date.now() - (Date.now() % 3_600_000);
    base = `/usage?meterId=${meter.body.id}&from=${new Date(hour - 3_600_000).toISOString()}&to=${new Date(hour + 7_200_000).toISOString()}`;
    await eventually(
      () => client.get(base),
      (r) => r.body?.value === '1111',
    );
  });

  it('splits the value by the dimensions asked for, null where events lack one', async () => {
    const response = await client.get(`${base}&groupBy=region,plan`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ value: '1111', groupBy: ['region', 'plan'] });
    expect(response.body.groups).toEqual(
      expect.arrayContaining([
        { dimensions: { region: 'eu', plan: 'free' }, value: '1' },
        { dimensions: { region: 'eu', plan: 'pro' }, value: '10' },
        { dimensions: { region: 'us', plan: 'pro' }, value: '100' },
        { dimensions: { region: 'us', plan: null }, value: '1000' },
      ]),
    );
    expect(response.body.groups).toHaveLength(4);
  });

  it('narrows by filters: one dimension repeated means either value, different dimensions must all hold', async () => {
    expect((await client.get(`${base}&filter=region:eu`)).body.value).toBe('11');
    expect((await client.get(`${base}&filter=plan:pro&filter=plan:free`)).body.value).toBe('111');
    expect((await client.get(`${base}&filter=region:us&filter=plan:pro`)).body.value).toBe('100');
    const windowed = await client.get(`${base}&filter=region:us&groupBy=plan&window=HOUR`);
    expect(windowed.body.groups.map((g: { value: string }) => g.value).sort()).toEqual(['100', '1000']);
    expect(windowed.body.groups[0].data).toHaveLength(1);
  });

  it.each([
    ['a filter without a value', '&filter=region', 'filter'],
    ['a groupBy naming a dimension twice', '&groupBy=region,region', 'groupBy'],
    ['a groupBy with six dimensions', '&groupBy=a,b,c,d,e,f', 'groupBy'],
  ])('refuses %s with a 422 naming the field', async (_, suffix, field) => {
    const response = await client.get(`${base}${suffix}`);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });
});
