import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../shared/auth/api-key';
import { startStack } from '../local/stack';

/**
 * `npm run bench:cpu`: workerd CPU time per event of /ingestBatch beside the no-op baseline, read
 * from /proc (utime + stime of the workerd process) around a fixed number of requests, including
 * everything the requests leave behind — outbox drain, the rater's consumption, the shards'
 * confirmation rounds — until workerd is quiet again. Unlike events/s it moves little with the
 * machine's load, so it is what judges a change to the ingest path (Linux only). wrangler runs
 * two workerd processes (its proxy and the workers); both are counted.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const SIZE = Number(process.env.BENCH_BATCH ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const IDLE_MS = 3000;
/** Quiet: at most this much CPU in a window (idle workerd uses ~0–10 ms in 3 s). */
const QUIET_WINDOW_MS = 2000;
const QUIET_CPU_MS = 30;

const stateDir = mkdtempSync(join(tmpdir(), 'meterline-bench-cpu-'));
const apiKey = generateApiKey();
const stack = await startStack({
  port: 8890 + Math.floor(Math.random() * 100),
  stateDir,
  devApiKey: apiKey,
  edgeVars: {
    BENCH_BASELINE: '1',
    ...(process.env.CONFIRM_MS ? { OUTBOX_CONFIRM_AFTER_MS: process.env.CONFIRM_MS } : {}),
  },
});
const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };

try {
  const workerd = findWorkerd(stateDir);
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
  const body = () => JSON.stringify({ events: Array.from({ length: SIZE }, event) });

  /** CPU µs per event while the requests are answered, and after (drain, rater, confirmations). */
  const measure = async (path: string, requests: number): Promise<{ answering: number; after: number }> => {
    const bodies = Array.from({ length: requests }, body);
    const before = cpuMs(workerd);
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const response = await fetch(`${stack.url}${path}`, { method: 'POST', headers, body: bodies[next++]! });
          await response.arrayBuffer();
          if (response.status !== 202) {
            throw new Error(`${path} answered ${response.status}`);
          }
        }
      }),
    );
    const answered = cpuMs(workerd);
    const answeredAt = Date.now();
    await quiet(workerd);
    const perEvent = (ms: number, elapsed: number) => ((ms - idlePerMs * elapsed) * 1000) / (requests * SIZE);
    return {
      answering: perEvent(answered - before, answeredAt - started),
      after: perEvent(cpuMs(workerd) - answered, Date.now() - answeredAt),
    };
  };
  /** Waits until workerd is quiet: the work the requests left behind is done. */
  const quiet = async (pids: number[]): Promise<void> => {
    const deadline = Date.now() + 120_000;
    for (let last = cpuMs(pids); Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, QUIET_WINDOW_MS));
      const now = cpuMs(pids);
      if (now - last <= QUIET_CPU_MS) {
        return;
      }
      last = now;
    }
  };

  let idlePerMs = 0;
  await measure('/ingestBatch', 20); // warm-up: JIT, shard creation, first bucket tables
  await measure('/_bench/baseline', 20);
  const idleFrom = cpuMs(workerd);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  idlePerMs = (cpuMs(workerd) - idleFrom) / IDLE_MS;
  const baseline = await measure('/_bench/baseline', REQUESTS);
  const ingest = await measure('/ingestBatch', REQUESTS);
  const total = (m: { answering: number; after: number }) => m.answering + m.after;
  console.log(
    `workerd CPU per event, /ingestBatch ${SIZE} × ${CONCURRENCY}, ${REQUESTS} requests: ${total(ingest).toFixed(1)} µs ` +
      `(${ingest.answering.toFixed(1)} while answering, ${ingest.after.toFixed(1)} after); baseline ${total(baseline).toFixed(1)} µs`,
  );
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}

/** The workerd process wrangler started for this stack (its command line names the state folder). */
function findWorkerd(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('workerd') && cmdline.includes('serve') && isDescendant(Number(entry))) {
        found.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  if (found.length === 0) {
    throw new Error(`no workerd process found for ${dir}`);
  }
  return found;
}

function isDescendant(pid: number): boolean {
  for (let p = pid; p > 1; p = parentOf(p)) {
    if (p === process.pid) {
      return true;
    }
  }
  return false;
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** utime + stime of processes, all threads, in ms. */
function cpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
}

function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
}
