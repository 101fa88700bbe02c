import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { servePglite } from './pglite-server';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (Postgres compiled to WASM) served over the wire protocol, so the rater talks to it
 * exactly as it talks to Neon. Data lives in `dataDir` and survives restarts. PGlite is a single
 * connection underneath: local/pglite-server.ts takes clients in turn, a unit of work at a time.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 0,
}: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = await servePglite(db, { port });
  return {
    url: `postgres://postgres@${server.address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
