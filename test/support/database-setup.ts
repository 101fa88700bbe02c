import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../local/embedded-postgres';
import { runMigrations } from '../../local/migrate';
import { openDatabase } from '../../local/node-database';
import { startWsProxy } from '../../local/ws-proxy';
import { createSiblingDatabase } from './sibling-database';

/**
 * A migrated Postgres for the rater's workerd suite: the real one named by DATABASE_URL, or a
 * fresh embedded PGlite — and a second one, the EU jurisdiction's. Plus the WebSocket proxy through which the Neon driver, inside workerd,
 * reaches it. Tests use their own tenant ids, so a shared database needs no cleanup.
 */
export default function setup(project: TestProject) {
  return setupDatabases(project, 'rater_eu');
}

/** The same for a second suite beside the first: its EU database gets another name, so the two never drop each other's. */
export async function setupDatabases(project: TestProject, euSuffix: string) {
  let dataDir: string | undefined;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'meterline-test-db-'));
    const embedded = await startEmbeddedPostgres({ dataDir });
    databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  // The EU jurisdiction's database: another embedded one, or `<database>_<euSuffix>` beside DATABASE_URL (the e2e stack's is `_eu`).
  const euDir = dataDir ? join(dataDir, 'eu') : undefined;
  const eu = euDir ? await startEmbeddedPostgres({ dataDir: euDir }) : undefined;
  const sibling = eu ? undefined : await createSiblingDatabase(databaseUrl, euSuffix);
  const euDatabaseUrl = eu?.url ?? sibling!.url;
  const proxy = await startWsProxy();
  for (const url of [databaseUrl, euDatabaseUrl]) {
    const { db, close } = await openDatabase(url, proxy.endpoint);
    try {
      await runMigrations(db);
    } finally {
      await close();
    }
  }
  project.provide('databaseUrl', databaseUrl);
  project.provide('euDatabaseUrl', euDatabaseUrl);
  project.provide('wsProxy', proxy.endpoint);

  return async () => {
    await proxy.stop();
    await eu?.stop();
    await sibling?.drop();
    await stopEmbedded?.();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
