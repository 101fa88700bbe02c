import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';

/** POST /metrics (Togai's MetricsApi) through the public API, against values known from the events sent. */
describe('POST /metrics', () => {
  const client = api();
  const account = (name: string) => unique(name);
  let sumMeter: string;
  let maxMeter: string;
  let acme: string;
  let globex: string;
  let window: { startTime: string; endTime: string };

  beforeAll(async () => {
    const schema = unique('metrics');
    await client.post('/event_schema', { name: schema, attributes: [{ name: 'bytes' }] });
    await client.post(`/event_schema/${schema}/activate`);
    const meter = async (aggregation: string) => {
      const created = await client.post('/usage_meters', {
        name: unique(aggregation.toLowerCase()), type: 'COUNTER', aggregation, eventSchemaName: schema,
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      });
      await client.post(`/usage_meters/${created.body.id}/activate`);
      return created.body.id as string;
    };
    sumMeter = await meter('SUM');
    maxMeter = await meter('MAX');
    acme = account('acme');
    globex = account('globex');
    // Three events on two days (recent enough for the grace window), two accounts.
    const now = Date.now();
    const today = new Date(now - (now % 86_400_000));
    const yesterday = new Date(today.getTime() - 86_400_000);
    const at = (base: Date, hours: number) => new Date(base.getTime() + hours * 3_600_000).toISOString();
    const sent = [
      { accountId: acme, timestamp: at(yesterday, 10), bytes: '5' },
      { accountId: acme, timestamp: at(today, 0), bytes: '7' },
      { accountId: globex, timestamp: at(today, 0), bytes: '100' },
    ];
    const ingested = await client.post('/ingestBatch', {
      events: sent.map((e) => ({ id: unique('m'), schemaName: schema, timestamp: e.timestamp, accountId: e.accountId, attributes: [{ name: 'bytes', value: e.bytes }] })),
    });
    expect(ingested.status).toBe(202);
    window = { startTime: yesterday.toISOString(), endTime: new Date(today.getTime() + 86_400_000).toISOString() };
    const usage = await eventually(
      () => client.get(`/usage?meterId=${sumMeter}&from=${window.startTime}&to=${window.endTime}`),
      (r) => r.body?.value === '112',
    );
    expect(usage.body.value).toBe('112');
  });

  it('answers USAGE per meter and day, split by account, exactly', async () => {
    const response = await client.post('/metrics', {
      ...window,
      metricQueries: [
        { id: 'by-account', name: 'USAGE', aggregationPeriod: 'DAY', groupBy: 'ACCOUNT_ID', filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [sumMeter] }] },
        { id: 'max', name: 'USAGE', aggregationPeriod: 'WEEK', filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [maxMeter] }, { fieldName: 'ACCOUNT_ID', fieldValues: [acme] }] },
      ],
    });
    expect(response.status).toBe(200);
    const [byAccount, max] = response.body.results;
    expect(byAccount.id).toBe('by-account');
    const series = Object.fromEntries(byAccount.data.map((s: any) => [s.groupedBy.ACCOUNT_ID, s]));
    expect(series[acme]).toEqual({ groupedBy: { USAGE_METER_ID: sumMeter, ACCOUNT_ID: acme }, timestamps: [window.startTime, expect.any(String)], metricValues: ['5', '7'] });
    expect(series[globex].metricValues).toEqual(['100']);
    expect(max.data.map((s: any) => s.metricValues.at(-1))).toEqual(['7']);
  });

  it('counts EVENTS by status', async () => {
    const response = await client.post('/metrics', {
      ...window,
      metricQueries: [{ id: 'events', name: 'EVENTS', aggregationPeriod: 'MONTH', groupBy: 'EVENT_STATUS', filters: [{ fieldName: 'ACCOUNT_ID', fieldValues: [acme, globex] }] }],
    });
    expect(response.status).toBe(200);
    const total = response.body.results[0].data
      .filter((s: any) => s.groupedBy.EVENT_STATUS === 'METERED')
      .flatMap((s: any) => s.metricValues)
      .reduce((sum: number, v: string) => sum + Number(v), 0);
    expect(total).toBe(3);
  });

  it.each([
    ['USAGE grouped by EVENT_STATUS', { name: 'USAGE', aggregationPeriod: 'DAY', groupBy: 'EVENT_STATUS' }, 'metricQueries.0.groupBy'],
    ['EVENTS filtered by USAGE_METER_ID', { name: 'EVENTS', aggregationPeriod: 'DAY', filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: ['x'] }] }, 'metricQueries.0.filters.0.fieldName'],
    ['HOUR periods over more than 100 points', { name: 'USAGE', aggregationPeriod: 'HOUR', startTime: '2026-01-01T00:00:00Z' }, 'metricQueries.0.aggregationPeriod'],
    ['an unknown metric', { name: 'PROFIT', aggregationPeriod: 'DAY' }, 'metricQueries.0.name'],
  ])('refuses %s with a 422 naming the field', async (_, change, path) => {
    const { startTime, ...query } = change as Record<string, unknown>;
    const response = await client.post('/metrics', { ...window, ...(startTime ? { startTime } : {}), metricQueries: [{ id: 'q', ...query }] });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
