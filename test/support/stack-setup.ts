import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateApiKey } from '../../shared/auth/api-key';
import { startStack } from '../../local/stack';
import { freePort } from './free-port';
import { createSiblingDatabase } from './sibling-database';

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
    // Webhook retries 1 s apart, three of them: test/e2e/webhooks.test.ts watches a receiver recover, and one die.
    webhookRetrySeconds: '1,1,1',
    // An endpoint failing for 8 s is disabled: well past one delivery's four attempts (3 s), so the
    // webhooks test that watches one die sees it DEAD, and the one whose receiver stays down sees it disabled.
    webhookDisableAfterSeconds: '8',
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
