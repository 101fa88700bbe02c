import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const RATER_ABSENT = `export default { fetch: () => new Response('rater absent in this suite', { status: 503 }) }`;

/**
 * Four suites: the pure domain in Node (milliseconds), each worker inside workerd (Durable
 * Objects, queues, the rater against a real Postgres), and end-to-end over HTTP against the
 * whole local stack. `npm test` runs them all; `--project NAME` runs one.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'domain', environment: 'node', include: ['shared/**/*.test.ts', 'edge/console/forms/**/*.test.ts', 'local/**/*.test.ts', 'cli/**/*.test.ts', 'test/support/**/*.test.ts', 'test/contract/**/*.test.ts'] },
      },
      {
        plugins: [
          cloudflareTest({
            main: './edge/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            // The edge suite tests the edge alone; the rater joins in the e2e suite. Its binding
            // must still resolve, so a stand-in answers every call with 503.
            miniflare: {
              workers: [{ name: 'meterline-rater', modules: true, script: RATER_ABSENT }],
              // workerd has no Durable Object jurisdictions (edge/placement/tenant-shards.ts).
              bindings: { EMULATE_JURISDICTIONS: 'true' },
            },
          }),
        ],
        // Generous: Durable Object tests make thousands of calls, and CI machines are shared.
        test: { name: 'edge', include: ['test/workers/edge/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: './rater/index.ts',
            wrangler: { configPath: './rater/wrangler.toml' },
            miniflare: { bindings: { DATABASE_URL: inject('databaseUrl'), DATABASE_URL_EU: inject('euDatabaseUrl'), NEON_WS_PROXY: inject('wsProxy') } },
          })),
        ],
        test: {
          name: 'rater',
          include: ['test/workers/rater/**/*.test.ts'],
          globalSetup: ['test/support/database-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/stack-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
