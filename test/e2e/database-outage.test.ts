import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../local/embedded-postgres';
import { startStack, type Stack } from '../../local/stack';
import { generateApiKey } from '../../shared/auth/api-key';
import { api, eventually, unique } from '../support/api-client';
import { freePort } from '../support/free-port';

/**
 * The database goes away while events keep coming. This suite starts a stack of its own on an
 * embedded Postgres it can stop and start again (the shared stack's database, and in CI the
 * machine's PostgreSQL, must stay up for the other suites).
 */
describe('Postgres down, then back', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'meterline-outage-'));
  const dataDir = join(stateDir, 'pgdata');
  let database: EmbeddedPostgres;
  let databasePort: number;
  let stack: Stack;
  let client: ReturnType<typeof api>;

  beforeAll(async () => {
    databasePort = await freePort();
    database = await startEmbeddedPostgres({ dataDir, port: databasePort });
    stack = await startStack({ port: await freePort(), stateDir, databaseUrl: database.url, devApiKey: generateApiKey() });
    client = api(stack.apiKey, stack.url);
  });

  afterAll(async () => {
    await stack?.stop();
    await database?.stop().catch(() => {});
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('accepts events during the outage and meters every one exactly once when the database is back', async () => {
    const schema = unique('outage');
    await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] });
    await client.post(`/event_schema/${schema}/activate`);
    const meter = await client.post('/usage_meters', {
      name: unique('units'), type: 'COUNTER', aggregation: 'SUM', eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.units"}', order: 1 }],
    });
    await client.post(`/usage_meters/${meter.body.id}/activate`);
    const event = (id: string, units: number) => ({
      id, schemaName: schema, timestamp: new Date().toISOString(), accountId: 'acme', attributes: [{ name: 'units', value: String(units) }],
    });
    const from = new Date(Date.now() - 3_600_000).toISOString().slice(0, 14) + '00:00Z';
    const to = new Date(Date.now() + 3_600_000).toISOString().slice(0, 14) + '00:00Z';
    const usage = () => client.get(`/usage?meterId=${meter.body.id}&from=${from}&to=${to}`);

    expect((await client.post('/ingest', { event: event('before', 1) })).status).toBe(202);
    expect((await eventually(usage, (r) => r.body?.value === '1')).body.value).toBe('1');

    await database.stop();
    // The edge answers from its replicated configuration and the shards; nothing needs Postgres.
    const during = Array.from({ length: 40 }, (_, i) => event(`during-${i}`, 2));
    expect((await client.post('/ingestBatch', { events: during.slice(0, 30) })).status).toBe(202);
    for (const e of during.slice(30)) expect((await client.post('/ingest', { event: e })).status).toBe(202);
    // A retried event during the outage is still a duplicate, not a second count.
    expect((await client.post('/ingest', { event: during[0] })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the rater fails and backs off meanwhile
    expect((await usage()).status).toBe(503);

    database = await startEmbeddedPostgres({ dataDir, port: databasePort });
    const after = await eventually(usage, (r) => r.body?.value === '81', 45_000);
    expect(after.body.value).toBe('81'); // 1 + 40 × 2
    const metered = await client.get(`/events?schemaName=${schema}&status=METERED&pageSize=100`);
    expect(metered.body.data).toHaveLength(41);
  }, 90_000);
});
