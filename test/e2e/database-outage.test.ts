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
 * The database goes away while events keep coming. Each suite starts a stack of its own on an
 * embedded Postgres it can stop and start again (the shared stack's database, and in CI the
 * machine's PostgreSQL, must stay up for the other suites).
 */
function outageStack(options: { queueRetries?: number } = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), 'meterline-outage-'));
  const dataDir = join(stateDir, 'pgdata');
  const it = {} as { database: EmbeddedPostgres; stack: Stack; client: ReturnType<typeof api>; port: number };

  beforeAll(async () => {
    it.port = await freePort();
    it.database = await startEmbeddedPostgres({ dataDir, port: it.port });
    it.stack = await startStack({
      port: await freePort(),
      stateDir,
      databaseUrl: it.database.url,
      devApiKey: generateApiKey(),
      ...options,
    });
    it.client = api(it.stack.apiKey, it.stack.url);
  });

  afterAll(async () => {
    await it.stack?.stop();
    await it.database?.stop().catch(() => {});
    rmSync(stateDir, { recursive: true, force: true });
  });

  return {
    get client() {
      return it.client;
    },
    stopDatabase: () => it.database.stop(),
    startDatabase: async () => {
      it.database = await startEmbeddedPostgres({ dataDir, port: it.port });
    },
  };
}

/** A schema with a SUM meter on `units`, and an event factory for it. */
async function unitsSchema(client: ReturnType<typeof api>) {
  const schema = unique('outage');
  await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] });
  await client.post(`/event_schema/${schema}/activate`);
  const meter = await client.post('/usage_meters', {
    name: unique('units'),
    type: 'COUNTER',
    aggregation: 'SUM',
    eventSchemaName: schema,
    computations: [{ computation: '{"var":"attributes.units"}', order: 1 }],
  });
  await client.post(`/usage_meters/${meter.body.id}/activate`);
  const event = (id: string, units: number) => ({
    id,
    schemaName: schema,
    timestamp: new Date().toISOString(),
    accountId: 'acme',
    attributes: [{ name: 'units', value: String(units) }],
  });
  const from = new Date(Date.now() - 3_600_000).toISOString().slice(0, 14) + '00:00Z';
  const to = new Date(Date.now() + 3_600_000).toISOString().slice(0, 14) + '00:00Z';
  const usage = () => client.get(`/usage?meterId=${meter.body.id}&from=${from}&to=${to}`);
  return { schema, event, usage };
}

describe('Postgres down, then back', () => {
  const outage = outageStack();

  it('accepts events during the outage and meters every one exactly once when the database is back', async () => {
    const { client } = outage;
    const { schema, event, usage } = await unitsSchema(client);

    expect((await client.post('/ingest', { event: event('before', 1) })).status).toBe(202);
    expect((await eventually(usage, (r) => r.body?.value === '1')).body.value).toBe('1');

    await outage.stopDatabase();
    // The edge answers from its replicated configuration and the shards; nothing needs Postgres.
    const during = Array.from({ length: 40 }, (_, i) => event(`during-${i}`, 2));
    expect((await client.post('/ingestBatch', { events: during.slice(0, 30) })).status).toBe(202);
    for (const e of during.slice(30)) {
      expect((await client.post('/ingest', { event: e })).status).toBe(202);
    }
    // A retried event during the outage is still a duplicate, not a second count.
    const again = await client.post('/ingest', { event: during[0] });
    expect([again.status, again.body.details.status]).toEqual([202, 'DUPLICATE']);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the rater fails and backs off meanwhile
    expect((await usage()).status).toBe(503);

    await outage.startDatabase();
    const after = await eventually(usage, (r) => r.body?.value === '81', 120_000);
    expect(after.body.value).toBe('81'); // 1 + 40 × 2
    const metered = await outage.client.get(
      `/events?schemaName=${schema}&status=INGESTION_COMPLETED_EVENT_METERED&pageSize=100`,
    );
    expect(metered.body.events).toHaveLength(41);
  }, 240_000);
});

/**
 * docs/design.md §12: the queues give up on a message after max_retries — the events queue hands it to
 * its dead-letter queue, whose consumer parks it in Postgres, which is down too, so it gives up
 * as well and the message is gone. Here every consumer retries once, 2 s later (the consumers'
 * first backoff step), so the whole budget — events queue, then its dead-letter queue — is spent
 * within ~10 s of a send, and the database stays down 25 s. What meters the events afterwards is
 * the DedupShards, which keep each event until the rater confirms it recorded it.
 */
describe('Postgres down for longer than every queue retry budget', () => {
  const outage = outageStack({ queueRetries: 1 });

  it('meters every event accepted during the outage once the database is back, and debits each once', async () => {
    const { client } = outage;
    const { schema, event, usage } = await unitsSchema(client);
    const feature = await client.post('/features', {
      name: unique('units'),
      schemaAssociations: [{ schemaName: schema, attributeName: 'units' }],
    });
    expect((await client.post(`/accounts/acme/features/${feature.body.id}/entries`, { granted: '1000' })).status).toBe(
      201,
    );
    // The edge validates against the schema it replicated: one event before the outage fetches it.
    expect((await client.post('/ingest', { event: event('warm', 3) })).status).toBe(202);
    expect((await eventually(usage, (r) => r.body?.value === '3')).body.value).toBe('3');

    await outage.stopDatabase();
    const stoppedAt = Date.now();
    const during = Array.from({ length: 30 }, (_, i) => event(`long-${i}`, 3));
    expect((await client.post('/ingestBatch', { events: during.slice(0, 20) })).status).toBe(202);
    for (const e of during.slice(20)) {
      expect((await client.post('/ingest', { event: e })).status).toBe(202);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 25_000 - (Date.now() - stoppedAt))));

    await outage.startDatabase();
    expect((await eventually(usage, (r) => r.body?.value === '93', 120_000)).body.value).toBe('93'); // 31 × 3
    const metered = await client.get(
      `/events?schemaName=${schema}&status=INGESTION_COMPLETED_EVENT_METERED&pageSize=100`,
    );
    expect(metered.body.events).toHaveLength(31);
    const balance = () => client.get(`/accounts/acme/features/${feature.body.id}`).then((r) => r.body?.balance);
    expect(await eventually(balance, (b) => b === 907, 60_000)).toBe(907);
    // Nothing counted twice by the re-sends.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect([(await usage()).body.value, await balance()]).toEqual(['93', 907]);
    // Metered, not failed and not parked: nothing waits for an admin.
    expect((await client.get(`/events?schemaName=${schema}&status=INGESTION_FAILED`)).body.code).toBe('no_events');
    expect((await client.get('/parked_messages')).body.data).toEqual([]);
  }, 240_000);
});
