import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../shared/auth/api-key';
import { api, eventually, unique } from '../support/api-client';
import { interruptStack, killProcessTree, startStackProcess, type StackProcess } from '../support/stack-process';

/**
 * docs/design.md §12, with fault injection: the whole local stack (`npm start`: embedded or real
 * Postgres, both workers, the in-memory local queue) is stopped mid-stream — killed outright, or
 * Ctrl-C — while 16 clients send events, then restarted on the same state folder. Every event
 * acknowledged before the stop must be metered, once. Clients then resend everything (as real
 * ones retry what got no answer), and the meters must equal a sum over the distinct events — and
 * so must what the events consumed of the account's feature credits, debited through the ledger
 * queue (as in-memory locally as the events queue).
 */
const EVENTS = 3000;
const STOP_AFTER_ACKS = 1500;
const GRANTED = 1_000_000;

let running: StackProcess | undefined;
const stateDirs: string[] = [];
afterEach(async () => {
  if (running) {
    await killProcessTree(running.process.pid!);
  }
  running = undefined;
  for (const dir of stateDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.each([
  ['killed (SIGKILL to every process)', killProcessTree],
  ['stopped with Ctrl-C', interruptStack],
])('the local stack %s mid-stream', (_, stop) => {
  it('meters every acknowledged event exactly once after a restart on the same state', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'meterline-crash-'));
    stateDirs.push(stateDir);
    const apiKey = generateApiKey();
    running = await startStackProcess(stateDir, apiKey);
    let client = api(apiKey, running.url);
    const { schemaName, countMeter, sumMeter, feature } = await meteredSchema(client);
    // On PostgreSQL the suites share one database: messages other tests parked are not this run's.
    const parkedIds = async () =>
      new Set<string>((await client.get('/parked_messages?pageSize=200')).body.data.map((m: { id: string }) => m.id));
    const parkedBefore = await parkedIds();

    const timestamp = new Date().toISOString();
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      id: unique(`crash${i}`),
      schemaName,
      timestamp,
      accountId: 'acme',
      attributes: [{ name: 'units', value: String((i % 7) + 1) }],
    }));
    const acked = await sendUntilStopped(client, events, async () => {
      const stack = running!;
      running = undefined;
      await stop(stack.process.pid!);
    });
    expect(acked.size).toBeGreaterThanOrEqual(STOP_AFTER_ACKS);

    running = await startStackProcess(stateDir, apiKey);
    client = api(apiKey, running.url);
    // Acknowledged before the stop, so the clients do not resend them: each is metered anyway.
    const ackedIds = [...acked];
    for (const id of [ackedIds[0]!, ackedIds[Math.floor(ackedIds.length / 2)]!, ackedIds.at(-1)!]) {
      const read = await eventually(
        () => client.get(`/events/${encodeURIComponent(id)}`),
        (r) => r.status === 200,
        60_000,
      );
      expect(read.status, `${id} acknowledged before the stop`).toBe(200);
    }
    const countOf = (meterId: string) => usage(client, meterId);
    const ackedCount = await eventually(
      () => countOf(countMeter),
      (v) => Number(v) >= acked.size,
      60_000,
    );
    expect(Number(ackedCount), 'every acknowledged event metered').toBeGreaterThanOrEqual(acked.size);

    // The clients resend everything: what was stored answers DUPLICATE, the rest is accepted.
    for (let i = 0; i < events.length; i += 1000) {
      const response = await client.post('/ingestBatch', { events: events.slice(i, i + 1000) });
      expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(202);
    }
    const total = events.reduce((sum, e) => sum + Number(e.attributes[0]!.value), 0);
    const count = await eventually(
      () => countOf(countMeter),
      (v) => v === String(EVENTS),
      60_000,
    );
    expect(count).toBe(String(EVENTS));
    // Nothing arrives later and counts twice.
    await new Promise((r) => setTimeout(r, 7000));
    expect([await countOf(countMeter), await countOf(sumMeter)]).toEqual([String(EVENTS), String(total)]);
    // Ledger debits went the same way (a queue of their own): every event consumed its units once.
    const credits = () => client.get(`/accounts/acme/features/${feature}`).then((r) => r.body?.balance);
    expect(await eventually(credits, (b) => b === GRANTED - total, 60_000)).toBe(GRANTED - total);
    await new Promise((r) => setTimeout(r, 5000)); // and no late re-send debits anything twice
    expect(await credits()).toBe(GRANTED - total);
    expect(
      [...(await parkedIds())].filter((id) => !parkedBefore.has(id)),
      'nothing this run sent was parked',
    ).toEqual([]);
  }, 420_000);
});

type Client = ReturnType<typeof api>;

async function meteredSchema(client: Client) {
  const schemaName = unique('crash');
  await client.post('/event_schema', { name: schemaName, attributes: [{ name: 'units' }] });
  await client.post(`/event_schema/${schemaName}/activate`);
  const meter = async (aggregation: string, computations: unknown[]) => {
    const created = await client.post('/usage_meters', {
      name: unique(aggregation.toLowerCase()),
      aggregation,
      eventSchemaName: schemaName,
      computations,
    });
    expect((await client.post(`/usage_meters/${created.body.id}/activate`)).status).toBe(200);
    return created.body.id as string;
  };
  const feature = await client.post('/features', {
    name: unique('units'),
    schemaAssociations: [{ schemaName, attributeName: 'units' }],
  });
  expect(feature.status).toBe(200);
  expect(
    (await client.post(`/accounts/acme/features/${feature.body.id}/entries`, { granted: String(GRANTED) })).status,
  ).toBe(201);
  return {
    schemaName,
    countMeter: await meter('COUNT', []),
    sumMeter: await meter('SUM', [{ computation: '{"var":"attributes.units"}', order: 1 }]),
    feature: feature.body.id as string,
  };
}

async function usage(client: Client, meterId: string): Promise<string | undefined> {
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const range = `from=${new Date(hour - 3_600_000).toISOString()}&to=${new Date(hour + 7_200_000).toISOString()}`;
  return (await client.get(`/usage?meterId=${meterId}&accountId=acme&${range}`)).body?.value;
}

/**
 * 16 clients send the events — every third request a batch of 25, the rest one by one, every
 * tenth request a resend of an earlier one — and collect the ids answered 2xx. Once STOP_AFTER_ACKS
 * are acknowledged, `stop` runs while requests are still in flight; their answers, if any, count.
 */
async function sendUntilStopped(
  client: Client,
  events: { id: string }[],
  stop: () => Promise<void>,
): Promise<Set<string>> {
  const acked = new Set<string>();
  const requests: { id: string }[][] = [];
  for (let i = 0, n = 0; i < events.length; n++) {
    const size = n % 3 === 0 ? 25 : 1;
    requests.push(events.slice(i, i + size));
    if (n % 10 === 9) {
      requests.push(requests[Math.floor(n / 2)]!);
    }
    i += size;
  }
  let next = 0;
  let stopping: Promise<void> | undefined;
  const worker = async () => {
    while (!stopping && next < requests.length) {
      const batch = requests[next++]!;
      if (batch.length === 1) {
        const response = await client.post('/ingest', { event: batch[0] }).catch(() => null);
        if (response && response.status >= 200 && response.status < 300) {
          acked.add(batch[0]!.id);
        }
      } else {
        const response = await client.post('/ingestBatch', { events: batch }).catch(() => null);
        const results: { id: string; status: string }[] = response?.body?.details?.events ?? [];
        results.filter((r) => r.status === 'ACCEPTED' || r.status === 'DUPLICATE').forEach((r) => acked.add(r.id));
      }
      if (acked.size >= STOP_AFTER_ACKS) {
        stopping ??= stop();
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await stopping;
  return acked;
}
