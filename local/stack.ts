import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApiKey } from '../shared/auth/api-key';
import { createApiKey, ensureTenant } from '../rater/store/api-keys';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';
import { writeLocalConfigs, type LocalConfigOptions } from './worker-configs';
import type { Jurisdiction } from '../shared/tenant/placement';
import { openDatabase } from './node-database';
import { startWsProxy } from './ws-proxy';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEV_TENANT = 'dev';

export interface StackOptions {
  port: number;
  /** Git-ignored folder for the embedded database, Durable Object and queue state. */
  stateDir: string;
  /** A real Postgres instead of the embedded one. */
  databaseUrl?: string | undefined;
  /**
   * Jurisdictions to serve, each with a database of its own (rater/db/databases.ts): the URL given
   * in jurisdictionDatabaseUrls, or an embedded PGlite in the state folder.
   */
  jurisdictions?: Jurisdiction[] | undefined;
  jurisdictionDatabaseUrls?: Partial<Record<Jurisdiction, string>> | undefined;
  /** The development tenant's key; generated once and kept in stateDir when not given. */
  devApiKey?: string | undefined;
  log?: (line: string) => void;
  /** Extra plain vars for the edge worker (e.g. BENCH_BASELINE for the benchmarks). */
  edgeVars?: Record<string, string>;
  /** Every queue consumer's max_retries instead of the configured ones (outage tests). */
  queueRetries?: number;
  /** Rate limits by binding name instead of wrangler.toml's (tests that cross them). */
  rateLimits?: Record<string, number>;
  /** The rater's WEBHOOK_RETRY_SECONDS (tests that retry deliveries in seconds, not hours). */
  webhookRetrySeconds?: string;
  /** The rater's WEBHOOK_DISABLE_AFTER_SECONDS (tests that see an endpoint disabled in seconds, not days). */
  webhookDisableAfterSeconds?: string;
}

export interface Stack {
  url: string;
  apiKey: string;
  databaseUrl: string;
  /** The database of each jurisdiction served. */
  jurisdictionDatabaseUrls: Partial<Record<Jurisdiction, string>>;
  /** The proxy endpoint Node-side tools can use to reach the stack's database. */
  wsProxy: string;
  stop(): Promise<void>;
}

/**
 * The whole of Meterline on one machine: Postgres (embedded PGlite unless a URL is given), the
 * WebSocket proxy the Neon driver needs locally, migrations, a development tenant and key, and
 * both workers under wrangler's local runtime (workerd simulates Durable Objects and Queues).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  mkdirSync(options.stateDir, { recursive: true });
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) {
      await s().catch(() => {});
    }
  };

  try {
    let embedded: EmbeddedPostgres | undefined;
    if (!options.databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: join(options.stateDir, 'pgdata') });
      stoppers.push(() => embedded!.stop());
      log(`embedded Postgres (PGlite) at ${embedded.url}, data in ${join(options.stateDir, 'pgdata')}`);
    }
    const databaseUrl = options.databaseUrl ?? embedded!.url;
    const jurisdictionDatabaseUrls: Partial<Record<Jurisdiction, string>> = {};
    for (const jurisdiction of options.jurisdictions ?? []) {
      let url = options.jurisdictionDatabaseUrls?.[jurisdiction];
      if (!url) {
        const dataDir = join(options.stateDir, `pgdata-${jurisdiction}`);
        const database = await startEmbeddedPostgres({ dataDir });
        stoppers.push(() => database.stop());
        log(`embedded Postgres for jurisdiction ${jurisdiction} at ${database.url}, data in ${dataDir}`);
        url = database.url;
      }
      jurisdictionDatabaseUrls[jurisdiction] = url;
    }
    const proxy = await startWsProxy();
    stoppers.push(() => proxy.stop());

    const apiKey = options.devApiKey ?? readOrCreateDevKey(options.stateDir);
    const { db, close } = await openDatabase(databaseUrl, proxy.endpoint);
    try {
      await runMigrations(db);
      await ensureTenant(db, DEV_TENANT);
      await createApiKey(db, DEV_TENANT, { name: 'development', scopes: ['admin'], secret: apiKey });
    } finally {
      await close();
    }
    for (const url of Object.values(jurisdictionDatabaseUrls)) {
      const jurisdictionDb = await openDatabase(url, proxy.endpoint);
      try {
        await runMigrations(jurisdictionDb.db);
      } finally {
        await jurisdictionDb.close();
      }
    }

    const raterVars = {
      DATABASE_URL: databaseUrl,
      NEON_WS_PROXY: proxy.endpoint,
      // No cron fires under wrangler dev: queue traffic freezes due invoices instead (rater/index.ts).
      INVOICE_FREEZE_ON_TRAFFIC: 'true',
      ...databaseUrlVars(jurisdictionDatabaseUrls),
      ...(options.webhookRetrySeconds ? { WEBHOOK_RETRY_SECONDS: options.webhookRetrySeconds } : {}),
      ...(options.webhookDisableAfterSeconds
        ? { WEBHOOK_DISABLE_AFTER_SECONDS: options.webhookDisableAfterSeconds }
        : {}),
    };
    const wrangler = startWrangler(options, raterVars);
    stoppers.push(() => stopProcessGroup(wrangler));
    const url = `http://127.0.0.1:${options.port}`;
    await waitUntilHealthy(url, wrangler);
    return { url, apiKey, databaseUrl, jurisdictionDatabaseUrls, wsProxy: proxy.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readOrCreateDevKey(stateDir: string): string {
  const file = join(stateDir, 'dev-api-key');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  const key = generateApiKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** DATABASE_URL_EU, DATABASE_URL_FEDRAMP: as the rater reads them (rater/env.ts). */
function databaseUrlVars(urls: Partial<Record<Jurisdiction, string>>): {
  DATABASE_URL_EU?: string;
  DATABASE_URL_FEDRAMP?: string;
} {
  return {
    ...(urls.eu ? { DATABASE_URL_EU: urls.eu } : {}),
    ...(urls.fedramp ? { DATABASE_URL_FEDRAMP: urls.fedramp } : {}),
  };
}

function startWrangler(options: StackOptions, raterVars: LocalConfigOptions['raterVars']): ChildProcess {
  const configs = writeLocalConfigs(options.stateDir, {
    raterVars,
    maxRetries: options.queueRetries,
    rateLimits: options.rateLimits,
  });
  const args = [
    join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '-c',
    configs.edge,
    '-c',
    configs.rater,
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--inspector-port',
    '0',
    '--persist-to',
    join(options.stateDir, 'wrangler'),
    '--show-interactive-dev-session=false',
    '--log-level',
    process.env.METERLINE_WRANGLER_LOG ?? 'warn',
    // --var reaches the first (edge) worker only, which is all these are for. The local queue
    // loses what it holds when the stack stops, so shards ask about sent events sooner than the
    // production default: an acknowledged event is metered within seconds of a restart.
    ...Object.entries({ OUTBOX_CONFIRM_AFTER_MS: '5000', EMULATE_JURISDICTIONS: 'true', ...options.edgeVars }).flatMap(
      ([k, v]) => ['--var', `${k}:${v}`],
    ),
  ];
  return spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true, // its own process group, so stopping it also stops workerd
    stdio: ['ignore', 'inherit', 'inherit'],
    // Offline machines cannot fetch Cloudflare's Request.cf sample; workerd's placeholder is fine.
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env },
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`wrangler exited with code ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the stack did not answer on ${url} within ${timeoutMs / 1000}s`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
