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
  let acmeFirstEvent: string;

  /** Togai's GetMetricsResponse, field by field: MetricQueryResponse, MetricDataPoints, MetricDataPointsGroupedBy. */
  function expectGetMetricsResponse(body: any) {
    expect(Object.keys(body)).toEqual(['results']);
    for (const result of body.results) {
      expect([
        typeof result.id,
        ['EVENTS', 'USAGE', 'REVENUE'].includes(result.name),
        Array.isArray(result.data),
      ]).toEqual(['string', true, true]);
      for (const series of result.data) {
        if (series.groupedBy !== undefined) {
          expect(Object.keys(series.groupedBy).sort()).toEqual(['fieldName', 'fieldValue']);
          expect([typeof series.groupedBy.fieldName, typeof series.groupedBy.fieldValue]).toEqual(['string', 'string']);
        }
        expect(series.timestamps.length).toBeLessThanOrEqual(300);
        expect(series.timestamps.every((t: string) => !Number.isNaN(Date.parse(t)))).toBe(true);
        expect(series.metricValues).toHaveLength(series.timestamps.length);
        expect(series.metricValues.every((v: unknown) => typeof v === 'number')).toBe(true);
      }
    }
  }

  beforeAll(async () => {
    const schema = unique('metrics');
    await client.post('/event_schema', { name: schema, attributes: [{ name: 'bytes' }] });
    await client.post(`/event_schema/${schema}/activate`);
    const meter = async (aggregation: string) => {
      const created = await client.post('/usage_meters', {
        name: unique(aggregation.toLowerCase()),
        type: 'COUNTER',
        aggregation,
        eventSchemaName: schema,
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
    acmeFirstEvent = at(yesterday, 10);
    const sent = [
      { accountId: acme, timestamp: at(yesterday, 10), bytes: '5' },
      { accountId: acme, timestamp: at(today, 0), bytes: '7' },
      { accountId: globex, timestamp: at(today, 0), bytes: '100' },
    ];
    const ingested = await client.post('/ingestBatch', {
      events: sent.map((e) => ({
        id: unique('m'),
        schemaName: schema,
        timestamp: e.timestamp,
        accountId: e.accountId,
        attributes: [{ name: 'bytes', value: e.bytes }],
      })),
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
        {
          id: 'by-account',
          name: 'USAGE',
          aggregationPeriod: 'DAY',
          groupBy: 'ACCOUNT_ID',
          filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [sumMeter] }],
        },
        {
          id: 'max',
          name: 'USAGE',
          aggregationPeriod: 'WEEK',
          filters: [
            { fieldName: 'USAGE_METER_ID', fieldValues: [maxMeter] },
            { fieldName: 'ACCOUNT_ID', fieldValues: [acme] },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    expectGetMetricsResponse(response.body);
    const [byAccount, max] = response.body.results;
    expect(byAccount.id).toBe('by-account');
    const series = Object.fromEntries(byAccount.data.map((s: any) => [s.groupedBy.fieldValue, s]));
    expect(series[acme]).toEqual({
      groupedBy: { fieldName: 'ACCOUNT_ID', fieldValue: acme },
      seriesKey: [
        { fieldName: 'ACCOUNT_ID', fieldValue: acme },
        { fieldName: 'USAGE_METER_ID', fieldValue: sumMeter },
      ],
      timestamps: [window.startTime, expect.any(String)],
      metricValues: [5, 7],
    });
    expect(series[globex].metricValues).toEqual([100]);
    expect(max.data.map((s: any) => [s.groupedBy, s.metricValues.at(-1)])).toEqual([
      [{ fieldName: 'USAGE_METER_ID', fieldValue: maxMeter }, 7],
    ]);
  });

  it('counts EVENTS by status', async () => {
    const response = await client.post('/metrics', {
      ...window,
      metricQueries: [
        {
          id: 'events',
          name: 'EVENTS',
          aggregationPeriod: 'MONTH',
          groupBy: 'EVENT_STATUS',
          filters: [{ fieldName: 'ACCOUNT_ID', fieldValues: [acme, globex] }],
        },
      ],
    });
    expect(response.status).toBe(200);
    expectGetMetricsResponse(response.body);
    expect(response.body.results[0].data.map((s: any) => s.groupedBy)).toEqual([
      { fieldName: 'EVENT_STATUS', fieldValue: 'INGESTION_COMPLETED_EVENT_METERED' },
    ]);
    expect(response.body.results[0].data[0].metricValues.reduce((sum: number, v: number) => sum + v, 0)).toBe(3);
    const filtered = await client.post('/metrics', {
      ...window,
      metricQueries: [
        {
          id: 'e',
          name: 'EVENTS',
          aggregationPeriod: 'MONTH',
          filters: [
            { fieldName: 'ACCOUNT_ID', fieldValues: [acme] },
            { fieldName: 'EVENT_STATUS', fieldValues: ['INGESTION_COMPLETED_EVENT_METERED'] },
          ],
        },
      ],
    });
    expect(
      filtered.body.results[0].data.map((s: any) => [
        s.groupedBy,
        s.metricValues.reduce((a: number, v: number) => a + v, 0),
      ]),
    ).toEqual([[undefined, 2]]);
  });

  it('widens a start or end inside a minute to that whole minute, and reads a time without a zone as UTC', async () => {
    // acme's first event is at 10:00:00 yesterday; Python's utcnow() sends microseconds and no zone.
    const minute = acmeFirstEvent.slice(0, 19); // 2026-…T10:00:00
    const query = (startTime: string, endTime: string) =>
      client.post('/metrics', {
        startTime,
        endTime,
        metricQueries: [
          {
            id: 'u',
            name: 'USAGE',
            aggregationPeriod: 'HOUR',
            filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [sumMeter] }],
          },
        ],
      });
    const inside = await query(`${minute}.000001`, `${minute}.000001`); // [10:00, 10:01)
    expect(inside.status).toBe(200);
    expect(inside.body.results[0].data.map((s: any) => [s.timestamps, s.metricValues])).toEqual([
      [[acmeFirstEvent], [5]],
    ]);
    const after = await query(`${minute.slice(0, 15)}0:30.5`, `${minute.slice(0, 14)}59:59.999`); // 10:00:30.5 → [10:00, 11:00)
    expect(after.body.results[0].data[0].metricValues).toEqual([5]);
    const later = await query(`${minute.slice(0, 15)}1:00`, `${minute.slice(0, 14)}59:59`); // [10:01, 11:00)
    expect(later.body.results[0].data).toEqual([]);
  });

  it('writes each value as a JSON number whose text is the exact decimal', async () => {
    const response = await client.post('/metrics', {
      ...window,
      metricQueries: [
        {
          id: 'u',
          name: 'USAGE',
          aggregationPeriod: 'MONTH',
          groupBy: 'ACCOUNT_ID',
          filters: [
            { fieldName: 'USAGE_METER_ID', fieldValues: [sumMeter] },
            { fieldName: 'ACCOUNT_ID', fieldValues: [globex] },
          ],
        },
      ],
    });
    expect(response.text).toContain('"metricValues":[100]');
  });

  it("takes Togai's REVENUE config CURRENCY = INVOICE: revenue as each account is invoiced", async () => {
    const response = await client.post('/metrics', {
      ...window,
      metricQueries: [{ id: 'r', name: 'REVENUE', aggregationPeriod: 'DAY', configs: { CURRENCY: 'INVOICE' } }],
    });
    expect(response.status).toBe(200);
    expectGetMetricsResponse(response.body);
  });

  it('answers up to 300 points a series, as Togai allows', async () => {
    const start = new Date(Date.parse(window.startTime) - 9 * 86_400_000).toISOString(); // 11 days of HOURs: 264 points
    const response = await client.post('/metrics', {
      startTime: start,
      endTime: window.endTime,
      metricQueries: [{ id: 'h', name: 'USAGE', aggregationPeriod: 'HOUR' }],
    });
    expect(response.status).toBe(200);
    expectGetMetricsResponse(response.body);
  });

  it.each([
    [
      'USAGE grouped by EVENT_STATUS',
      { name: 'USAGE', aggregationPeriod: 'DAY', groupBy: 'EVENT_STATUS' },
      'metricQueries.0.groupBy',
    ],
    [
      'EVENTS filtered by USAGE_METER_ID',
      { name: 'EVENTS', aggregationPeriod: 'DAY', filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: ['x'] }] },
      'metricQueries.0.filters.0.fieldName',
    ],
    [
      'HOUR periods over more than 300 points',
      { name: 'USAGE', aggregationPeriod: 'HOUR', daysBack: 13 },
      'metricQueries.0.aggregationPeriod',
    ],
    [
      "an EVENT_STATUS in Meterline's own name",
      { name: 'EVENTS', aggregationPeriod: 'DAY', filters: [{ fieldName: 'EVENT_STATUS', fieldValues: ['METERED'] }] },
      'metricQueries.0.filters.0.fieldValues.0',
    ],
    ['an unknown metric', { name: 'PROFIT', aggregationPeriod: 'DAY' }, 'metricQueries.0.name'],
    [
      'REVENUE converted to the BASE currency',
      { name: 'REVENUE', aggregationPeriod: 'DAY', configs: { CURRENCY: 'BASE' } },
      'metricQueries.0.configs.CURRENCY',
    ],
    [
      'a config of USAGE',
      { name: 'USAGE', aggregationPeriod: 'DAY', configs: { CURRENCY: 'INVOICE' } },
      'metricQueries.0.configs.CURRENCY',
    ],
  ])('refuses %s with a 422 naming the field', async (_, change, path) => {
    const { daysBack, ...query } = change as Record<string, unknown>;
    // daysBack: a start this many days before the window's end (13 days of HOURs: 313 points).
    const startTime =
      typeof daysBack === 'number'
        ? new Date(Date.parse(window.endTime) - daysBack * 86_400_000).toISOString()
        : window.startTime;
    const response = await client.post('/metrics', { ...window, startTime, metricQueries: [{ id: 'q', ...query }] });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
