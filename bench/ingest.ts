import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../shared/auth/api-key';
import { startStack } from '../local/stack';
import { load, type LoadResult } from './load';

/**
 * `npm run bench:ingest`: events/s and acknowledgement latency of /ingest and /ingestBatch on the
 * local stack, each beside a baseline measured in the same run — a route on the same worker that
 * parses the same JSON and answers 202 doing nothing else. Ratios, not absolute figures, are what
 * carry over between machines: wrangler's local proxy caps every route alike (TOOLCHAIN.md).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const stateDir = mkdtempSync(join(tmpdir(), 'meterline-bench-'));
const apiKey = generateApiKey();
const stack = await startStack({
  port: 8790 + Math.floor(Math.random() * 100),
  stateDir,
  devApiKey: apiKey,
  edgeVars: { BENCH_BASELINE: '1' },
});
const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };

try {
  const schemaName = `bench_${Date.now()}`;
  await fetch(`${stack.url}/event_schema`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: schemaName, attributes: [{ name: 'bytes' }], dimensions: [{ name: 'region' }] }),
  });
  await fetch(`${stack.url}/event_schema/${schemaName}/activate`, { method: 'POST', headers });

  let n = 0;
  const event = () => ({
    id: `e-${process.pid}-${++n}`,
    schemaName,
    timestamp: new Date().toISOString(),
    accountId: `acct-${n % 50}`,
    attributes: [{ name: 'bytes', value: String(n % 1000) }],
    dimensions: { region: n % 2 ? 'eu' : 'us' },
  });
  const single = () => JSON.stringify({ event: event() });
  const batch = (size: number) => () => JSON.stringify({ events: Array.from({ length: size }, event) });

  const rows: { name: string; result: LoadResult; baseline: LoadResult }[] = [];
  const scenario = async (
    name: string,
    path: string,
    body: () => string,
    eventsPerRequest: number,
    concurrency: number,
  ) => {
    const common = { headers, body, eventsPerRequest, concurrency, seconds: SECONDS };
    const baseline = await load({ ...common, url: `${stack.url}/_bench/baseline`, expectStatus: 202 });
    const result = await load({ ...common, url: `${stack.url}${path}`, expectStatus: 202 });
    rows.push({ name, result, baseline });
    console.log(format(name, result, baseline));
  };

  console.log(`\nMeterline ingest benchmark — ${SECONDS} s per measurement, local stack (wrangler dev + PGlite)\n`);
  console.log(
    'scenario                        events/s   p50 ms   p99 ms  failures | baseline events/s   p50 ms   p99 ms | ratio',
  );
  await scenario('/ingest, concurrency 1', '/ingest', single, 1, 1);
  await scenario('/ingest, concurrency 32', '/ingest', single, 1, 32);
  await scenario('/ingestBatch 100, concurrency 4', '/ingestBatch', batch(100), 100, 4);
  await scenario('/ingestBatch 1000, concurrency 2', '/ingestBatch', batch(1000), 1000, 2);
  const failures = rows.reduce((sum, r) => sum + r.result.failures, 0);
  if (failures > 0) {
    console.error(`\n${failures} requests did not answer 202`);
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}

function format(name: string, r: LoadResult, b: LoadResult): string {
  const num = (v: number, w: number, d = 0) => v.toFixed(d).padStart(w);
  return (
    `${name.padEnd(31)} ${num(r.eventsPerSecond, 8)} ${num(r.p50, 8, 1)} ${num(r.p99, 8, 1)} ${num(r.failures, 9)} | ` +
    `${num(b.eventsPerSecond, 17)} ${num(b.p50, 8, 1)} ${num(b.p99, 8, 1)} | ${num(r.eventsPerSecond / b.eventsPerSecond, 5, 2)}`
  );
}
