import { writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from '@neondatabase/serverless';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../local/node-database';
import { runMigrations } from '../local/migrate';
import { connectHyperdrive, type Database } from '../rater/db/connect';
import { startWsProxy } from '../local/ws-proxy';
import { meterBatch } from '../rater/pipeline/meter-batch';
import { ensureTenant } from '../rater/store/api-keys';
import { insertEventSchema, setEventSchemaStatus } from '../rater/store/event-schemas';
import { insertPlanAssociation } from '../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../rater/store/price-plans';
import { insertUsageMeter, setUsageMeterStatus } from '../rater/store/usage-meters';
import type { AcceptedEvent } from '../shared/event/accepted-event';

/**
 * `npm run bench:rater`: events/s metered into the real local PostgreSQL — batches of 100, three
 * ACTIVE meters on the schema, through the rater's own meterBatch and the Neon driver — beside a
 * baseline in the same run that only COPYs the same raw events, in the same batches, into a
 * table shaped like `events`. Each measurement runs in a database of its own, dropped after.
 * The same batches go again through the Hyperdrive path's driver (node-postgres over TCP: what
 * Hyperdrive's local mode amounts to), into tenants of their own.
 */
const SERVER = process.env.BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = 100;
// BENCH_DB_PREFIX: several people benchmarking on one server keep apart.
const AUTO_EXPLAIN = [
  'session_preload_libraries=auto_explain',
  'auto_explain.log_min_duration=0',
  'auto_explain.log_nested_statements=on',
  'auto_explain.log_analyze=on',
  'auto_explain.log_buffers=on',
  'auto_explain.log_level=notice',
]
  .map((o) => `-c ${o}`)
  .join(' ');
const database = `${process.env.BENCH_DB_PREFIX ?? 'meterline_bench'}_${process.pid}`;

const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const url = `${SERVER}/${database}`;
const proxy = await startWsProxy();
const { db, close } = await openDatabase(url, proxy.endpoint);
const copier = new pg.Client({ connectionString: url });
// BENCH_EXPLAIN=1: the TCP path's sessions run auto_explain (ANALYZE, nested statements, as
// notices), and the last round's plans are summed per statement of meterline_meter_batch.
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const tcp = connectHyperdrive({
  connectionString: EXPLAIN ? `${url}?options=${encodeURIComponent(AUTO_EXPLAIN)}` : url,
});
const plans: string[] = [];
let collecting = false;
if (EXPLAIN) {
  (tcp.pool as pg.Pool).on('connect', (client) =>
    client.on('notice', (n) => collecting && plans.push(n.message ?? '')),
  );
}

try {
  await runMigrations(db);
  const { tenantId } = await seedTenant('bench');
  // The same, with every account on a price plan: each event is rated too (docs/design.md §9).
  const priced = await seedTenant('bench_priced');
  const plan = await seedPlan(priced);
  const tcpTenant = await seedTenant('bench_tcp');
  const tcpPriced = await seedTenant('bench_tcp_priced');
  await seedPlan(tcpPriced);
  const freshTenant = await seedTenant('bench_tcp_fresh');

  const start = Date.now() - 2 * 3600_000;
  const events: AcceptedEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
    id: `evt-${i}`,
    schemaName: 'api_calls',
    schemaVersion: 1,
    timestamp: new Date(start + Math.floor((i / EVENTS) * 2 * 3600_000)).toISOString(),
    accountId: `acct-${i % 50}`,
    attributes: { bytes: String((i * 7919) % 100_000) },
    units: {},
    dimensions: { region: i % 3 ? 'eu' : 'us' },
    acceptedAt: new Date().toISOString(),
  }));
  const batches = Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, b) => events.slice(b * BATCH, (b + 1) * BATCH));

  await copier.connect();
  await copier.query('CREATE TABLE copied_events (LIKE events INCLUDING ALL)');
  // The three run interleaved, ten batches at a time, so the machine's load (shared, and it moves
  // by ±50 % within a minute) weighs on the COPY as on the metering: the ratios compare like with like.
  // Configuration is cached per isolate: the first batch reads it, as a consumer's first would.
  let copySeconds = 0;
  let meterSeconds = 0;
  let ratedSeconds = 0;
  let tcpMeterSeconds = 0;
  let tcpRatedSeconds = 0;
  let freshSeconds = 0;
  const metered = { roundTrips: 0 };
  const rated = { roundTrips: 0 };
  for (let from = 0; from < batches.length; from += 10) {
    const round = batches.slice(from, from + 10);
    copySeconds += await timed(async () => {
      for (const batch of round) {
        await pipeline(
          Readable.from(batch.map(csvRow).join('')),
          copier.query(
            copyFrom(
              'COPY copied_events (tenant_id, event_id, event_time, account_id, schema_name, schema_version, attributes, units, dimensions, accepted_at) FROM STDIN WITH (FORMAT csv)',
            ),
          ),
        );
      }
    });
    const m = await countingRoundTrips(() =>
      timed(async () => {
        for (const batch of round) {
          await meterBatch(db, [{ tenantId, events: batch }]);
        }
      }),
    );
    meterSeconds += m.value;
    metered.roundTrips += m.roundTrips;
    const r = await countingRoundTrips(() =>
      timed(async () => {
        for (const batch of round) {
          await meterBatch(db, [{ tenantId: priced.tenantId, events: batch }]);
        }
      }),
    );
    ratedSeconds += r.value;
    rated.roundTrips += r.roundTrips;
    collecting = from + 10 >= batches.length;
    tcpMeterSeconds += await meterAll(tcp.db, tcpTenant.tenantId, round);
    tcpRatedSeconds += await meterAll(tcp.db, tcpPriced.tenantId, round);
    collecting = false;
    // A session per batch, as the Neon driver's pool per unit of work gives in production (a new
    // Postgres backend: plans of the function's statements built again); Hyperdrive's pooled
    // sessions keep theirs. Locally the set-up is a TCP connect to 127.0.0.1, so this isolates
    // the database side of a fresh session.
    freshSeconds += await timed(async () => {
      for (const batch of round) {
        const own = connectHyperdrive({ connectionString: url });
        try {
          await meterBatch(own.db, [{ tenantId: freshTenant.tenantId, events: batch }]);
        } finally {
          await own.pool.end();
        }
      }
    });
  }
  // One hot account on the plan: every event of it, 8 consumers at once (a tenant at 10 000
  // events/s on one customer). Each batch is also delivered a second time, by another consumer.
  await insertPlanAssociation(db, priced.tenantId, {
    accountId: 'hot',
    pricePlanId: plan!.id,
    pricePlanVersion: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
  });
  const hotEvents = events.map((e) => ({ ...e, id: `hot-${e.id}`, accountId: 'hot' }));
  const hotBatches = Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, b) =>
    hotEvents.slice(b * BATCH, (b + 1) * BATCH),
  );
  const CONSUMERS = 8;
  const hotSeconds = await timed(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONSUMERS }, async () => {
        while (next < hotBatches.length) {
          const b = next++;
          await meterBatch(db, [{ tenantId: priced.tenantId, events: hotBatches[b]! }]);
          if (b > 0) {
            await meterBatch(db, [{ tenantId: priced.tenantId, events: hotBatches[b - 1]! }]);
          }
        }
      }),
    );
  });
  const copyRate = EVENTS / copySeconds;
  const meterRate = EVENTS / meterSeconds;
  const ratedRate = EVENTS / ratedSeconds;
  console.log(
    `\nMeterline rater benchmark — ${EVENTS} events in batches of ${BATCH}, 3 ACTIVE meters, PostgreSQL at ${SERVER}\n`,
  );
  console.log(`metered (meterBatch over the Neon driver)    ${meterRate.toFixed(0).padStart(8)} events/s`);
  console.log(`metered and rated (2 rate cards, 50 plans)  ${ratedRate.toFixed(0).padStart(8)} events/s`);
  console.log(`baseline (COPY of the raw events, pg)        ${copyRate.toFixed(0).padStart(8)} events/s`);
  console.log(
    `ratio, metered                               ${(meterRate / copyRate).toFixed(2).padStart(8)}   (aim: at least 0.30)`,
  );
  console.log(
    `ratio, metered and rated                     ${(ratedRate / copyRate).toFixed(2).padStart(8)}   (aim: at least 0.25)`,
  );
  console.log(
    `round trips per batch, metered               ${(metered.roundTrips / batches.length).toFixed(2).padStart(8)}`,
  );
  console.log(
    `round trips per batch, metered and rated     ${(rated.roundTrips / batches.length).toFixed(2).padStart(8)}`,
  );
  console.log(
    `hot account, ${CONSUMERS} consumers, rated, each twice ${(EVENTS / hotSeconds).toFixed(0).padStart(8)} events/s`,
  );
  console.log(
    `Hyperdrive path (node-postgres over TCP), metered            ${(EVENTS / tcpMeterSeconds).toFixed(0).padStart(8)} events/s, ratio ${(EVENTS / tcpMeterSeconds / copyRate).toFixed(2)}`,
  );
  console.log(
    `Hyperdrive path (node-postgres over TCP), metered and rated  ${(EVENTS / tcpRatedSeconds).toFixed(0).padStart(8)} events/s, ratio ${(EVENTS / tcpRatedSeconds / copyRate).toFixed(2)}`,
  );
  console.log(
    `node-postgres over TCP, a new session per batch, metered       ${(EVENTS / freshSeconds).toFixed(0).padStart(8)} events/s, ratio ${(EVENTS / freshSeconds / copyRate).toFixed(2)}`,
  );
  if (EXPLAIN) {
    printPlanTotals(plans, 2 * Math.min(10, batches.length));
  }
} finally {
  await copier.end().catch(() => {});
  await tcp.pool.end().catch(() => {});
  await close();
  await proxy.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}

/** Milliseconds per batch in each statement auto_explain reported (the function call itself first), and where to read the plans. */
function printPlanTotals(notices: string[], calls: number): void {
  const totals = new Map<string, number>();
  for (const notice of notices) {
    const ms = /duration: ([\d.]+) ms/.exec(notice)?.[1];
    const text = /Query Text: ([^\n]*)/.exec(notice)?.[1]?.trim() || '(the meterline_meter_batch call)';
    if (ms) {
      totals.set(text.slice(0, 70), (totals.get(text.slice(0, 70)) ?? 0) + Number(ms));
    }
  }
  console.log(
    `\nauto_explain, last round over TCP (${calls} calls, half of them metered only: rating statements count over all), ms per call — plans in /tmp/meterline-bench-plans.txt`,
  );
  for (const [text, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`${(ms / calls).toFixed(2).padStart(8)}  ${text}`);
  }
  writeFileSync('/tmp/meterline-bench-plans.txt', notices.join('\n\n'));
}

async function meterAll(target: Database, tenant: string, round: AcceptedEvent[][]): Promise<number> {
  return timed(async () => {
    for (const batch of round) {
      await meterBatch(target, [{ tenantId: tenant, events: batch }]);
    }
  });
}

/** An ACTIVE plan with two rate cards, on which 50 accounts are. */
async function seedPlan(priced: { tenantId: string; meters: Record<string, string> }) {
  const plan = await insertPricePlan(db, priced.tenantId, {
    name: 'bench_plan',
    currency: 'USD',
    pricingCycle: {
      interval: 'MONTHLY',
      startOffset: { dayOffset: 1, monthOffset: 1 },
      anniversaryCycle: false,
      gracePeriod: 0,
    },
    usageRateCards: [
      {
        usageMeterId: priced.meters.requests!,
        pricingModel: 'TIERED',
        slabs: [
          { startAfter: '0', rate: '0.001', priceType: 'PER_UNIT' },
          { startAfter: '100', rate: '0.0005', priceType: 'PER_UNIT' },
        ],
      },
      {
        usageMeterId: priced.meters.bytes!,
        pricingModel: 'VOLUME',
        slabs: [
          { startAfter: '0', rate: '0.00001', priceType: 'PER_UNIT' },
          { startAfter: '1000000', rate: '0.000008', priceType: 'PER_UNIT' },
        ],
      },
    ],
    fixedFees: [],
    entitlementRateCards: [],
  });
  await setPricePlanStatus(db, priced.tenantId, plan!, 'ACTIVE');
  for (let a = 0; a < 50; a++) {
    await insertPlanAssociation(db, priced.tenantId, {
      accountId: `acct-${a}`,
      pricePlanId: plan!.id,
      pricePlanVersion: 1,
      effectiveFrom: '2026-01-01T00:00:00Z',
    });
  }
  return plan;
}

/** A tenant with the api_calls schema and its three ACTIVE meters (COUNT, SUM and MAX of bytes). */
async function seedTenant(name: string): Promise<{ tenantId: string; meters: Record<string, string> }> {
  const tenantId = await ensureTenant(db, name);
  const schema = await insertEventSchema(db, tenantId, {
    name: 'api_calls',
    attributes: [{ name: 'bytes' }],
    dimensions: [{ name: 'region' }],
  });
  await setEventSchemaStatus(db, tenantId, schema!, 'ACTIVE');
  const bytes = [{ computation: '{"var":"attributes.bytes"}', order: 1 }];
  const meters: Record<string, string> = {};
  for (const [meterName, aggregation, computations] of [
    ['requests', 'COUNT', []],
    ['bytes', 'SUM', bytes],
    ['largest', 'MAX', bytes],
  ] as const) {
    const meter = await insertUsageMeter(db, tenantId, {
      name: meterName,
      type: 'COUNTER',
      aggregation,
      eventSchemaName: 'api_calls',
      filters: [],
      computations: [...computations],
    });
    meters[meterName] = (await setUsageMeterStatus(db, tenantId, meter!, 'ACTIVE'))!.id;
  }
  return { tenantId, meters };
}

/**
 * Statements sent to Postgres while `work` runs: each is one round trip (BEGIN and COMMIT
 * included). Counted at the driver, whose every statement goes through Client.query.
 */
async function countingRoundTrips<T>(work: () => Promise<T>): Promise<{ value: T; roundTrips: number }> {
  const query = Client.prototype.query;
  let roundTrips = 0;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    roundTrips++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { value: await work(), roundTrips };
  } finally {
    Client.prototype.query = query;
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await work();
  return (performance.now() - t0) / 1000;
}

function csvRow(e: AcceptedEvent): string {
  const cell = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;
  return `${[
    'bench',
    e.id,
    e.timestamp,
    e.accountId,
    e.schemaName,
    e.schemaVersion,
    JSON.stringify(e.attributes),
    JSON.stringify(e.units),
    JSON.stringify(e.dimensions),
    e.acceptedAt,
  ]
    .map(cell)
    .join(',')}\n`;
}
