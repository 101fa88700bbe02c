import { sql } from 'drizzle-orm';
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import * as schema from './schema';

export type Database = NeonDatabase<typeof schema>;
/** A transaction or the database itself: what store functions accept. */
export type Queryable = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

const CONNECT_TIMEOUT_MS = 10_000;
/** Far above any statement Meterline runs (a batch's metering takes well under a second). */
const QUERY_TIMEOUT_MS = 120_000;

export interface DatabaseConfig {
  DATABASE_URL: string;
  /** Local stacks only: host:port/v1 of the WebSocket-to-TCP proxy in front of a plain Postgres. */
  NEON_WS_PROXY?: string | undefined;
}

/**
 * A pool for one request or one queue batch. Workers cannot keep sockets across requests, so a
 * pool never outlives its unit of work: the caller ends it (in a Worker, with ctx.waitUntil).
 */
export function connect(config: DatabaseConfig): { db: Database; pool: Pool } {
  if (config.NEON_WS_PROXY) {
    const proxy = config.NEON_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
  // Bounded waits: a connection that never completes (a database restarting, a network that
  // drops packets) must fail the unit of work — so the queue retries it, the shard's alarm backs
  // off — not hold it, and everything queued behind it, forever.
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS });
  // An idle client's socket error must not crash the isolate; the next query reports it.
  pool.on('error', () => {});
  return { db: drizzle(pool, { schema }), pool };
}

/** How long a pool may take to close its connections once its unit of work is done. */
const POOL_END_MS = 5_000;

/**
 * Ends a pool, waiting at most POOL_END_MS. A connection to a database that went away mid-session
 * may never finish closing, and `pool.end()` then never resolves: under `ctx.waitUntil` that held
 * the queue invocation open, and the local queue delivered nothing more (found by fault injection
 * in test/e2e/database-outage.test.ts). What is left open is dropped with the isolate's I/O.
 */
export function endPool(pool: Pool): Promise<void> {
  return Promise.race([pool.end().catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, POOL_END_MS))]);
}

/** drizzle wraps the driver's error; its cause ("value overflows numeric format", a refused connection) says what happened. */
export function causeMessage(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
}

/** Whether Postgres answers at all: tells an outage from a failure of one statement. */
export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
