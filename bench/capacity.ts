import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ID_BUCKET_MS } from '../edge/dedup/claim';
import { KEY_BUCKET_MS, RECONCILE_AFTER_MS, SETTLED_KEY_WINDOW_MS } from '../edge/ledger/debit-windows';

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
/** An id is kept until its 3-day bucket expires: 45 to 48 days (edge/dedup/claimed-ids.ts). */
const ID_KEPT_S = ID_RETENTION_S + ID_BUCKET_MS / 1000;
/**
 * The layout the model plans a tenant at: 1 024 shards (PATCH /settings grows it while live, up
 * to MAX_SHARDS_PER_TENANT). A batch of 1 000 events then touches ~634 shards — 634 subrequests
 * of the 10 000 a request may make — and 10 000 single-event requests/s are ~10 req/s per shard.
 */
const PLANNED_SHARDS = 1024;
/** Event queues in wrangler.toml (producers of the edge). */
const EVENT_QUEUES = 1;
/** The longest a final debit's key is kept: the redelivery window past the end of its bucket. */
const DEBIT_KEY_LIFETIME_S = (SETTLED_KEY_WINDOW_MS + KEY_BUCKET_MS) / 1000;
/** A PENDING /entitled debit keeps its lines until the alarm reconciles it (a minute, plus slack). */
const PENDING_LIFETIME_S = (2 * RECONCILE_AFTER_MS) / 1000;
/** Ledger requests per queued message: the consume, then the confirmation. */
const REQUESTS_PER_LEDGER_MESSAGE = 2;
/** Debits per consume call in the measurement (bench/capacity/measure.test.ts). */
const DEBITS_PER_MEASURED_CALL = 500;

const run = spawnSync(
  process.execPath,
  [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', '--config', 'bench/capacity/vitest.config.ts'],
  { cwd: ROOT, encoding: 'utf8' },
);
const line = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => l.includes('CAPACITY_MEASURED'));
if (!line) {
  console.error(run.stdout, run.stderr);
  throw new Error('the measurement did not report');
}
const measured = JSON.parse(line.slice(line.indexOf('{'))) as {
  bytesPerClaimedId: number;
  claimsPerSecondBatched: number;
  bytesPerDebitKey: number;
  bytesPerSpendKey: number;
  bytesPerPendingDebit: number;
  debitsPerSecondBatched: number;
  entitledDebitsPerSecond: number;
  queuedEventBytes: number;
  eventsPerMessageUnderLoad: number;
};
const initialShards = Number(/^DEDUP_SHARDS = "(\d+)"/m.exec(readFileSync(`${ROOT}wrangler.toml`, 'utf8'))?.[1] ?? 16);
const usable = LIMITS.objectStorageBytes / LIMITS.headroom;

const perShard = usable / (measured.bytesPerClaimedId * ID_KEPT_S);
const perTenant = Math.floor(perShard * PLANNED_SHARDS);
// Per account: what one AccountLedger keeps per debit/s sustained is a key for its lifetime and,
// for an /entitled debit, its PENDING lines for a minute or two (counted for every debit: the worst case).
const bytesPerDebitPerSecond =
  measured.bytesPerDebitKey * DEBIT_KEY_LIFETIME_S + measured.bytesPerPendingDebit * PENDING_LIFETIME_S;
const perAccountStorage = usable / bytesPerDebitPerSecond;
// An account with a spend limit keeps, per rated event, a spend record's key for as long as a debit's
// (edge/ledger/spend-keys.ts) beside the event's debit key: the storage ceiling of such an account.
const perLimitedAccountStorage = usable / (bytesPerDebitPerSecond + measured.bytesPerSpendKey * DEBIT_KEY_LIFETIME_S);
const plannedRequests = LIMITS.objectRequestsPerSecond / LIMITS.headroom;
// Requests: queued debits arrive many per message (consume + confirm); /entitled is one per call.
const perAccountRequestsQueued = (plannedRequests / REQUESTS_PER_LEDGER_MESSAGE) * DEBITS_PER_MEASURED_CALL;
const perAccount = Math.floor(Math.min(perAccountStorage, perAccountRequestsQueued, measured.debitsPerSecondBatched));
const eventsPerMessage = Math.floor(LIMITS.queueMessageBytes / measured.queuedEventBytes);
/** Messages carry what a shard accepted while its previous send was under way: measured. */
const eventsPerMessageLoaded = Math.min(eventsPerMessage, measured.eventsPerMessageUnderLoad);
const system = Math.floor((LIMITS.queueMessagesPerSecond / LIMITS.headroom) * eventsPerMessageLoaded * EVENT_QUEUES);

const f = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
console.log(`\nMeterline capacity model — measured in workerd on this machine, limits as published\n`);
console.log(`measured: bytes per claimed id (DedupShard)      ${f(measured.bytesPerClaimedId, 1)}`);
console.log(`measured: bytes per final debit key (AccountLedger) ${f(measured.bytesPerDebitKey, 1)}`);
console.log(`measured: bytes per spend record key (AccountLedger) ${f(measured.bytesPerSpendKey, 1)}`);
console.log(`measured: bytes per PENDING /entitled debit       ${f(measured.bytesPerPendingDebit, 1)}`);
console.log(
  `measured: claims/s, one shard, 500 per call      ${f(measured.claimsPerSecondBatched)}   (local; wall clock over RPC)`,
);
console.log(
  `measured: debits/s, one ledger, 500 per call     ${f(measured.debitsPerSecondBatched)}   (local; consume + confirm)`,
);
console.log(
  `measured: /entitled debits/s, one ledger, 1/call ${f(measured.entitledDebitsPerSecond)}   (local, one caller)`,
);
console.log(`measured: bytes per queued event (JSON)          ${f(measured.queuedEventBytes)}`);
console.log(
  `measured: events per message, shard under load   ${f(measured.eventsPerMessageUnderLoad, 1)}   (local; single-event claims faster than sends, of ${eventsPerMessage} that fit in 128 KB)`,
);
console.log(
  `limits:   ${f(LIMITS.objectStorageBytes / 1e9)} GB and ~${f(LIMITS.objectRequestsPerSecond)} req/s per object, ${f(LIMITS.queueMessagesPerSecond)} msg/s and ${LIMITS.queueMessageBytes / 1024} KB per message per queue; planned at 1/${LIMITS.headroom}`,
);
console.log(
  `per shard: ${f(usable / 1e9)} GB / (${f(measured.bytesPerClaimedId, 1)} B × 48 d) = ${f(perShard, 2)} ids/s; × ${PLANNED_SHARDS} shards (a layout grown from ${initialShards}) = ${f(perTenant)} events/s per tenant`,
);
console.log(
  `per account: storage ${f(usable / 1e9)} GB / (${f(measured.bytesPerDebitKey, 1)} B × ${f(DEBIT_KEY_LIFETIME_S / 3600)} h + ${f(measured.bytesPerPendingDebit, 1)} B × ${f(PENDING_LIFETIME_S)} s) = ${f(perAccountStorage)}/s; ` +
    `requests ${f(plannedRequests)}/s ÷ ${REQUESTS_PER_LEDGER_MESSAGE} per message × ${DEBITS_PER_MEASURED_CALL} debits = ${f(perAccountRequestsQueued)}/s; measured ${f(measured.debitsPerSecondBatched)}/s → ${f(perAccount)} debits/s`,
);
console.log(
  `per account with a spend limit: storage ${f(usable / 1e9)} GB / ((${f(measured.bytesPerDebitKey, 1)} B + ${f(measured.bytesPerSpendKey, 1)} B) × ${f(DEBIT_KEY_LIFETIME_S / 3600)} h + ${f(measured.bytesPerPendingDebit, 1)} B × ${f(PENDING_LIFETIME_S)} s) = ${f(perLimitedAccountStorage)} rated events/s`,
);
console.log(
  `per account, POST /entitled alone: one debit per request, so ≤ ${f(plannedRequests)} calls/s within the request plan (~${f(LIMITS.objectRequestsPerSecond)} at the soft limit, no headroom); ` +
    `the rest of the ledger's debits arrive batched through the ledger queue (docs/capacity.md)`,
);
console.log(
  `system: ${f(LIMITS.queueMessagesPerSecond / LIMITS.headroom)} msg/s × ${f(eventsPerMessageLoaded, 1)} events per message under load × ${EVENT_QUEUES} events queue = ${f(system)} events/s; at one event per message (sparse traffic) ${f((LIMITS.queueMessagesPerSecond / LIMITS.headroom) * EVENT_QUEUES)}; the rater's write rate into Neon is not measured here (docs/capacity.md)`,
);
console.log(
  `capacity: per-tenant ${perTenant} events/s sustained for 45 days; per-account ${perAccount} entitled debits/s; system ${system} events/s`,
);
