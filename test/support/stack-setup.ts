import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateApiKey } from '../../shared/auth/api-key';
import { startStack } from '../../local/stack';
import { openDatabase } from '../../local/node-database';
import { freePort } from './free-port';

/**
 * The whole local stack, started exactly as `npm start` starts it, on a free port and a fresh
 * state folder: embedded PGlite by default, the real Postgres when DATABASE_URL is set. It serves
 * the EU jurisdiction from a second database (embedded, or `<database>_eu` beside DATABASE_URL).
 */
export default async function setup(project: TestProject) {
  const stateDir = mkdtempSync(join(tmpdir(), 'meterline-e2e-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const euDatabase = databaseUrl ? await createSiblingDatabase(databaseUrl, 'eu') : undefined;
  const stack = await startStack({
    port: await freePort(),
    stateDir,
    databaseUrl,
    jurisdictions: ['eu'],
    jurisdictionDatabaseUrls: euDatabase ? { eu: euDatabase.url } : undefined,
    devApiKey: generateApiKey(),
  });
  project.provide('stackUrl', stack.url);
  project.provide('apiKey', stack.apiKey);
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('euDatabaseUrl', stack.jurisdictionDatabaseUrls.eu!);
  project.provide('wsProxy', stack.wsProxy);

  return async () => {
    await stack.stop();
    await euDatabase?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}

/** A fresh database beside the given one on the same server, dropped after the suite. */
async function createSiblingDatabase(url: string, suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const sibling = new URL(url);
  const name = `${sibling.pathname.slice(1)}_${suffix}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`cannot derive a database name from ${url}`);
  sibling.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const { pool, close } = await openDatabase(url);
    try {
      await pool.query(statement);
    } finally {
      await close();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return { url: sibling.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
