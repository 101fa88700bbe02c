import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../shared/auth/api-key';
import { startStack } from '../local/stack';
import { reservationId } from '../shared/entitlement/reservation';
import { load, type LoadResult } from './load';

/**
 * `npm run bench:entitled`: latency and calls/s of POST /entitled (validate, debit the account's
 * AccountLedger, claim the id) and of the balance read, beside POST /ingest measured in the same
 * run on the same stack. The aim (issue 6): /entitled p99 within 2× of /ingest p99. Then
 * reservations (issue 19): POST /reservations (a hold in the AccountLedger) and POST
 * /reservations/{id}/settle (the ledger's settle, then the DedupShard claim), settling the holds
 * the reserve run made.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ACCOUNTS = 50;
const stateDir = mkdtempSync(join(tmpdir(), 'meterline-bench-'));
const apiKey = generateApiKey();
const stack = await startStack({ port: 8790 + Math.floor(Math.random() * 100), stateDir, devApiKey: apiKey });
const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
const post = (path: string, body?: unknown) =>
  fetch(`${stack.url}${path}`, { method: 'POST', headers, ...(body ? { body: JSON.stringify(body) } : {}) });

try {
  const schemaName = `bench_${Date.now()}`;
  await post('/event_schema', { name: schemaName, attributes: [{ name: 'tokens' }] });
  await post(`/event_schema/${schemaName}/activate`);
  const feature = (await (
    await post('/features', {
      name: `${schemaName}_tokens`,
      schemaAssociations: [{ schemaName, attributeName: 'tokens' }],
    })
  ).json()) as { id: string };
  for (let a = 0; a < ACCOUNTS; a++) {
    const granted = await post(`/accounts/acct-${a}/features/${feature.id}/entries`, {
      granted: '1000000000',
      effectiveFrom: '2026-01-01T00:00:00Z',
    });
    if (granted.status !== 201) {
      throw new Error(`grant failed: ${granted.status} ${await granted.text()}`);
    }
  }

  let n = 0;
  const event = () => ({
    id: `e-${process.pid}-${++n}`,
    schemaName,
    timestamp: new Date().toISOString(),
    accountId: `acct-${n % ACCOUNTS}`,
    attributes: [{ name: 'tokens', value: String(1 + (n % 100)) }],
  });
  const single = () => JSON.stringify({ event: event() });
  const balance = () => `${stack.url}/accounts/acct-${++n % ACCOUNTS}/features/${feature.id}`;

  console.log(
    `\nMeterline entitlement benchmark — ${SECONDS} s per measurement, local stack (wrangler dev + PGlite)\n`,
  );
  console.log(
    'scenario                          calls/s   p50 ms   p99 ms  failures | /ingest calls/s   p50 ms   p99 ms | p99 ratio',
  );
  let failures = 0;
  for (const concurrency of [1, 16]) {
    const common = { headers, concurrency, seconds: SECONDS, eventsPerRequest: 1 };
    const ingest = await load({ ...common, url: `${stack.url}/ingest`, body: single, expectStatus: 202 });
    const entitled = await load({ ...common, url: `${stack.url}/entitled`, body: single, expectStatus: 200 });
    const read = await load({ ...common, url: balance, method: 'GET', expectStatus: 200 });
    const held: { id: string; accountId: string }[] = [];
    const reserveBody = () => {
      const accountId = `acct-${++n % ACCOUNTS}`;
      const key = `r-${process.pid}-${n}`;
      held.push({ id: reservationId(accountId, key), accountId });
      return JSON.stringify({ id: key, accountId, featureId: feature.id, amount: 100, ttlSeconds: 3600 });
    };
    const reserve = await load({ ...common, url: `${stack.url}/reservations`, body: reserveBody, expectStatus: 201 });
    // url() and body() are called one after the other for each request: body settles the hold url named.
    let settling = { id: 'rsv_exhausted', accountId: 'none' };
    const settleUrl = () => `${stack.url}/reservations/${(settling = held.shift() ?? settling).id}/settle`;
    const settleBody = () => JSON.stringify({ event: { ...event(), id: undefined, accountId: settling.accountId } });
    const settle = await load({ ...common, url: settleUrl, body: settleBody, expectStatus: 200 });
    console.log(format(`/entitled, concurrency ${concurrency}`, entitled, ingest));
    console.log(format(`balance read, concurrency ${concurrency}`, read, ingest));
    console.log(format(`reserve, concurrency ${concurrency}`, reserve, ingest));
    console.log(format(`settle, concurrency ${concurrency}`, settle, ingest));
    failures += entitled.failures + read.failures + ingest.failures + reserve.failures + settle.failures;
  }
  console.log('\nratio: p99 of the route / p99 of /ingest in the same run (aim for /entitled: ≤ 2)');
  if (failures > 0) {
    console.error(`\n${failures} requests did not answer as expected`);
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}

function format(name: string, r: LoadResult, b: LoadResult): string {
  const num = (v: number, w: number, d = 0) => v.toFixed(d).padStart(w);
  return (
    `${name.padEnd(32)} ${num(r.eventsPerSecond, 8)} ${num(r.p50, 8, 1)} ${num(r.p99, 8, 1)} ${num(r.failures, 9)} | ` +
    `${num(b.eventsPerSecond, 15)} ${num(b.p50, 8, 1)} ${num(b.p99, 8, 1)} | ${num(r.p99 / b.p99, 9, 2)}`
  );
}
