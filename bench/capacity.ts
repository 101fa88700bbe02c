import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench:capacity`: measures, inside workerd, what each claimed id and each debit costs a
 * Durable Object (bench/capacity/measure.test.ts), and turns the figures and Cloudflare's
 * published limits into the capacity model of docs/capacity.md. Every input is printed; the last
 * line is the model's three ceilings.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Published limits (Cloudflare's docs, 2026): see docs/capacity.md for each source. */
const LIMITS = {
  objectStorageBytes: 10e9, // SQLite-backed Durable Object, per object
  headroom: 2, // every per-object limit is planned at half
  objectRequestsPerSecond: 1_000, // a single Durable Object, soft
  queueMessagesPerSecond: 5_000, // per queue
  queueMessageBytes: 128 * 1024,
};
const ID_RETENTION_S = 45 * 86_400;
const DEBIT_RETENTION_S = 60 * 86_400;

const run = spawnSync(process.execPath, [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', '--config', 'bench/capacity/vitest.config.ts'], { cwd: ROOT, encoding: 'utf8' });
const line = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => l.includes('CAPACITY_MEASURED'));
if (!line) {
  console.error(run.stdout, run.stderr);
  throw new Error('the measurement did not report');
}
const measured = JSON.parse(line.slice(line.indexOf('{'))) as {
  bytesPerClaimedId: number;
  claimsPerSecondBatched: number;
  bytesPerDebit: number;
  debitsPerSecondBatched: number;
  entitledDebitsPerSecond: number;
  queuedEventBytes: number;
};
const shards = Number(/^DEDUP_SHARDS = "(\d+)"/m.exec(readFileSync(`${ROOT}wrangler.toml`, 'utf8'))?.[1] ?? 16);
const usable = LIMITS.objectStorageBytes / LIMITS.headroom;

const perShard = usable / (measured.bytesPerClaimedId * ID_RETENTION_S);
const perTenant = Math.floor(perShard * shards);
const perAccountStorage = usable / (measured.bytesPerDebit * DEBIT_RETENTION_S);
const perAccount = Math.floor(Math.min(perAccountStorage, LIMITS.objectRequestsPerSecond / LIMITS.headroom, measured.entitledDebitsPerSecond));
const eventsPerMessage = Math.floor(LIMITS.queueMessageBytes / measured.queuedEventBytes);
const system = Math.floor((LIMITS.queueMessagesPerSecond / LIMITS.headroom) * eventsPerMessage);

const f = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
console.log(`\nMeterline capacity model — measured in workerd on this machine, limits as published\n`);
console.log(`measured: bytes per claimed id (DedupShard)      ${f(measured.bytesPerClaimedId, 1)}`);
console.log(`measured: bytes per debit (AccountLedger)        ${f(measured.bytesPerDebit, 1)}`);
console.log(`measured: claims/s, one shard, 500 per call      ${f(measured.claimsPerSecondBatched)}   (local; wall clock over RPC)`);
console.log(`measured: debits/s, one ledger, 500 per call     ${f(measured.debitsPerSecondBatched)}   (local)`);
console.log(`measured: /entitled debits/s, one ledger, 1/call ${f(measured.entitledDebitsPerSecond)}   (local, one caller)`);
console.log(`measured: bytes per queued event (JSON)          ${f(measured.queuedEventBytes)}`);
console.log(`limits:   ${f(LIMITS.objectStorageBytes / 1e9)} GB and ~${f(LIMITS.objectRequestsPerSecond)} req/s per object, ${f(LIMITS.queueMessagesPerSecond)} msg/s and ${LIMITS.queueMessageBytes / 1024} KB per message per queue; planned at 1/${LIMITS.headroom}`);
console.log(`per shard: ${f(usable / 1e9)} GB / (${f(measured.bytesPerClaimedId, 1)} B × 45 d) = ${f(perShard, 2)} ids/s; × ${shards} shards = ${f(perTenant)} events/s per tenant`);
console.log(`per account: min(storage ${f(perAccountStorage, 2)}/s over 60 d, requests ${f(LIMITS.objectRequestsPerSecond / LIMITS.headroom)}/s, measured ${f(measured.entitledDebitsPerSecond)}/s) = ${f(perAccount)}`);
console.log(`system: ${f(LIMITS.queueMessagesPerSecond / LIMITS.headroom)} msg/s × ${eventsPerMessage} events per full message × 1 events queue = ${f(system)} events/s — the queue's ceiling at full packing; the rater's write rate into Neon is not measured here and is likely lower (docs/capacity.md)`);
console.log(`capacity: per-tenant ${perTenant} events/s sustained for 45 days; per-account ${perAccount} entitled debits/s; system ${system} events/s`);
