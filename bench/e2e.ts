import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../local/stack';
import { generateApiKey } from '../shared/auth/api-key';

/**
 * `npm run bench:e2e`: from the edge's acknowledgement of an event to the event being counted —
 * the rater's transaction that writes the rollups also sets the event METERED, so the moment
 * GET /events shows it METERED is the moment /usage includes it. A steady load of RATE events/s
 * for SECONDS; one poller reads the newest METERED events every POLL_MS (the figures carry up to
 * that much polling delay). Aim: p99 under 1 s on the local stack.
 */
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const POLL_MS = 100;

const stateDir = mkdtempSync(join(tmpdir(), 'meterline-bench-e2e-'));
const stack = await startStack({
  port: 8890 + Math.floor(Math.random() * 100),
  stateDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  devApiKey: generateApiKey(),
});
const headers = { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' };
const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(stack.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};

try {
  const schemaName = `latency_${Date.now()}`;
  await call('POST', '/event_schema', { name: schemaName, attributes: [{ name: 'units' }] });
  await call('POST', `/event_schema/${schemaName}/activate`);
  const meter = await call('POST', '/usage_meters', {
    name: `${schemaName}_count`,
    type: 'COUNTER',
    aggregation: 'COUNT',
    eventSchemaName: schemaName,
  });
  await call('POST', `/usage_meters/${meter.body.id}/activate`);

  const total = RATE * SECONDS;
  const acked = new Map<string, number>();
  const counted = new Set<string>();
  const latencies: number[] = [];
  const poller = (async () => {
    const deadline = performance.now() + (SECONDS + 60) * 1000;
    while (counted.size < total && performance.now() < deadline) {
      const page = await call(
        'GET',
        `/events?schemaName=${schemaName}&status=INGESTION_COMPLETED_EVENT_METERED&pageSize=200`,
      );
      const now = performance.now();
      for (const event of page.body.events ?? []) {
        const id: string = event.eventPayload.id;
        const at = acked.get(id);
        if (at === undefined || counted.has(id)) {
          continue;
        }
        counted.add(id);
        latencies.push(now - at);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();

  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    sends.push(
      (async () => {
        const id = `lat-${i}`;
        const response = await call('POST', '/ingest', {
          event: {
            id,
            schemaName,
            timestamp: new Date().toISOString(),
            accountId: `acct-${i % 10}`,
            attributes: [{ name: 'units', value: '1' }],
          },
        });
        if (response.status !== 202) {
          throw new Error(`ingest answered ${response.status}`);
        }
        acked.set(id, performance.now());
      })(),
    );
  }
  await Promise.all(sends);
  await poller;

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    `\nMeterline end-to-end benchmark — ${RATE} events/s for ${SECONDS} s, local stack (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})\n`,
  );
  console.log(`events counted            ${latencies.length} of ${total}`);
  console.log(`ack → counted, p50        ${at(0.5).toFixed(0)} ms`);
  console.log(
    `ack → counted, p99        ${at(0.99).toFixed(0)} ms   (aim: under 1000 ms; includes up to ${POLL_MS} ms of polling)`,
  );
  console.log(`ack → counted, max        ${at(1).toFixed(0)} ms`);
  if (latencies.length < total) {
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
