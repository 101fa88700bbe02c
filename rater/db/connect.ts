import { sql, type Assume } from 'drizzle-orm';
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle as drizzleNeon, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

/** What both drivers answer a statement with: node-postgres' result shape (the Neon driver copies it). */
interface QueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}
interface QueryResultHKT extends PgQueryResultHKT {
  type: QueryResult<Assume<this['row'], Record<string, unknown>>>;
}
/** drizzle over either driver: stores use only the common query builder and `execute`. */
export type Database = PgDatabase<QueryResultHKT, typeof schema>;
/** A transaction or the database itself: what store functions accept. */
export type Queryable = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

const CONNECT_TIMEOUT_MS = 10_000;
/** Far above any statement Meterline runs (a batch's metering takes well under a second). */
const QUERY_TIMEOUT_MS = 120_000;

export interface DatabaseConfig {
  DATABASE_URL?: string | undefined;
  /** Local stacks only: host:port/v1 of the WebSocket-to-TCP proxy in front of a plain Postgres. */
  NEON_WS_PROXY?: string | undefined;
  /**
   * A Hyperdrive binding in front of the same database (docs/database-path.md): when bound, the
   * connection goes through it over TCP with node-postgres, and DATABASE_URL is not used.
   */
  HYPERDRIVE?: HyperdriveBinding | undefined;
}

/** The part of a Hyperdrive binding the rater uses (workers-types' `Hyperdrive`, which Node code cannot name). */
export interface HyperdriveBinding {
  connectionString: string;
}

/** What callers may do with a pool besides drizzle: both drivers' pools answer these. */
export interface DatabasePool {
  query<Row = any>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
  end(): Promise<void>;
}

// Bounded waits: a connection that never completes (a database restarting, a network that
// drops packets) must fail the unit of work — so the queue retries it, the shard's alarm backs
// off — not hold it, and everything queued behind it, forever.
const POOL_OPTIONS = { max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS };

/**
 * A pool for one request or one queue batch, through Hyperdrive when the binding is there, the
 * Neon driver otherwise: the same drizzle code and the same SQL either way. Workers cannot keep
 * sockets across requests, so a pool never outlives its unit of work: the caller ends it (in a
 * Worker, with ctx.waitUntil).
 */
export function connect(config: DatabaseConfig): { db: Database; pool: DatabasePool } {
  return config.HYPERDRIVE ? connectHyperdrive(config.HYPERDRIVE) : connectNeon(config);
}

/**
 * node-postgres over a TCP socket to Hyperdrive's nearby endpoint (pg-cloudflare, with the
 * nodejs_compat flag). Hyperdrive keeps the warm connections to the database; this pool only
 * spares a unit of work that runs statements side by side a second socket set-up.
 */
export function connectHyperdrive(hyperdrive: HyperdriveBinding): { db: Database; pool: DatabasePool } {
  const pool = new pg.Pool({ connectionString: hyperdrive.connectionString, ...POOL_OPTIONS });
  // An idle client's socket error must not crash the isolate; the next query reports it.
  pool.on('error', () => {});
  return { db: drizzleNodePg(pool, { schema }), pool };
}

/** The Neon serverless driver: Postgres over a WebSocket to Neon's proxy (or the local one). */
export function connectNeon(config: DatabaseConfig): { db: NeonDatabase<typeof schema>; pool: Pool } {
  if (!config.DATABASE_URL) {
    throw new Error('rater configuration: DATABASE_URL is not set and no HYPERDRIVE binding is bound');
  }
  if (config.NEON_WS_PROXY) {
    const proxy = config.NEON_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
  const pool = new Pool({ connectionString: config.DATABASE_URL, ...POOL_OPTIONS });
  pool.on('error', () => {});
  return { db: drizzleNeon(pool, { schema }), pool };
}

/** How long a pool may take to close its connections once its unit of work is done. */
const POOL_END_MS = 5_000;

/**
 * Ends a pool, waiting at most POOL_END_MS. A connection to a database that went away mid-session
 * may never finish closing, and `pool.end()` then never resolves: under `ctx.waitUntil` that held
 * the queue invocation open, and the local queue delivered nothing more (found by fault injection
 * in test/e2e/database-outage.test.ts). What is left open is dropped with the isolate's I/O.
 */
export function endPool(pool: DatabasePool): Promise<void> {
  return Promise.race([
    pool.end().catch(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, POOL_END_MS)),
  ]);
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
