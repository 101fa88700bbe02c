import { neonConfig, type Pool } from '@neondatabase/serverless';
import ws from 'ws';
import { connectNeon } from '../rater/db/connect';
import { startWsProxy } from './ws-proxy';

// Node 20 has no global WebSocket; the Neon driver takes the `ws` package instead.
neonConfig.webSocketConstructor = ws;

/**
 * Opens the database from Node (CLI commands, tests) through the same driver the rater uses. Neon
 * is reached directly over its WebSocket endpoint; any other Postgres through a local proxy.
 */
export async function openDatabase(
  databaseUrl: string,
  wsProxy?: string,
): Promise<{ db: ReturnType<typeof connectNeon>['db']; pool: Pool; close(): Promise<void> }> {
  const needsProxy = !wsProxy && !new URL(databaseUrl).hostname.endsWith('.neon.tech');
  const proxy = needsProxy ? await startWsProxy() : undefined;
  const { db, pool } = connectNeon({ DATABASE_URL: databaseUrl, NEON_WS_PROXY: wsProxy ?? proxy?.endpoint });
  return {
    db,
    pool,
    async close() {
      await pool.end();
      await proxy?.stop();
    },
  };
}
