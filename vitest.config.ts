import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** The rater tests run a second time through Hyperdrive: exactly-once, the hot account, the property tests. */
const HYPERDRIVE_SUITE = [
  'test/workers/rater/consume-event-batch.test.ts',
  'test/workers/rater/hot-account.test.ts',
  'test/workers/rater/revenue-property.test.ts',
  'test/workers/rater/usage-property.test.ts',
  'test/workers/rater/hyperdrive-path.test.ts',
];

const PG_COMMONJS: Record<string, string> = {
  'pg-protocol': fileURLToPath(new URL('./node_modules/pg-protocol/dist/index.js', import.meta.url)),
  'pg-cloudflare': fileURLToPath(new URL('./node_modules/pg-cloudflare/dist/index.js', import.meta.url)),
};

/**
 * The edge suite tests the edge alone: behind its service binding stands a rater whose database is
 * empty — no key, schema or feature is found (tests put theirs in ConfigReplica objects, as a read
 * through would) — and whose other calls fail, as a rater without Postgres would.
 */
const EMPTY_RATER = `import { WorkerEntrypoint } from 'cloudflare:workers';
export default class EmptyRater extends WorkerEntrypoint {
  fetch() { return new Response('no rater in this suite', { status: 503 }); }
  resolveApiKey() { return null; }
  activeEventSchema() { return null; }
  tenantFeatures() { return { features: [], jurisdiction: null }; }
  balanceAlerts() { return []; }
  spendLimitOf() { return { limit: null, version: 0 }; }
}`;

/**
 * Five suites: the pure domain in Node (milliseconds), each worker inside workerd (Durable
 * Objects, queues, the rater against a real Postgres — through the Neon driver and again through Hyperdrive), and end-to-end over HTTP against the
 * whole local stack. `npm test` runs them all; `--project NAME` runs one.
 */
export default defineConfig({
  // node-postgres' require()s, as the workers pool's module loader resolves them (through this
  // root config, not a project's), miss in workerd: pg-protocol's ESM build (.js files in a
  // CommonJS package, which workerd refuses) and pg-cloudflare's empty non-workerd stand-in. Their
  // CommonJS builds load. Deploying is unaffected: wrangler's bundler resolves both by itself.
  plugins: [{ name: 'node-postgres-in-workerd', enforce: 'pre', resolveId: (id) => PG_COMMONJS[id] ?? null }],
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          environment: 'node',
          // Property tests are CPU-bound: on a shared two-core machine a 5 s default times them out
          // (seen: shard-for's 2 000 runs under a load of 10). A bound, not a speed requirement.
          testTimeout: 60_000,
          include: [
            'shared/**/*.test.ts',
            'edge/console/forms/**/*.test.ts',
            'local/**/*.test.ts',
            'cli/**/*.test.ts',
            'test/support/**/*.test.ts',
            'test/contract/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [
          cloudflareTest({
            main: './edge/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            // The rater joins in the e2e suite; here its binding resolves to EMPTY_RATER.
            miniflare: {
              workers: [{ name: 'meterline-rater', modules: true, script: EMPTY_RATER }],
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
            miniflare: {
              bindings: {
                DATABASE_URL: inject('databaseUrl'),
                DATABASE_URL_EU: inject('euDatabaseUrl'),
                NEON_WS_PROXY: inject('wsProxy'),
              },
            },
          })),
        ],
        test: {
          name: 'rater',
          include: ['test/workers/rater/**/*.test.ts'],
          // It proves the HYPERDRIVE binding is the only way in: it belongs to rater-hyperdrive alone.
          exclude: [...configDefaults.exclude, 'test/workers/rater/hyperdrive-path.test.ts'],
          globalSetup: ['test/support/database-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The same rater, reaching Postgres through a HYPERDRIVE binding (node-postgres over TCP)
        // instead of the Neon driver: the metering tests that exactly-once rests on, run again.
        // Locally the binding connects straight to the database (no pooling, no caching), as
        // Hyperdrive's own local mode does.
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: './rater/index.ts',
            wrangler: { configPath: './rater/wrangler.toml' },
            miniflare: {
              // A binding of Hyperdrive's shape whose connection string is the database itself,
              // as Hyperdrive's local mode gives: node-postgres then opens its sockets from workerd
              // (cloudflare:sockets), as in production. Not miniflare's `hyperdrives` option: its
              // Node-side pipe has no error handler, and a socket workerd resets (a pool dropped
              // mid-bisection) crashed the whole run with ECONNRESET.
              bindings: {
                DATABASE_URL_EU: inject('euDatabaseUrl'),
                NEON_WS_PROXY: inject('wsProxy'),
                HYPERDRIVE: { connectionString: inject('databaseUrl') },
              },
            },
          })),
        ],
        test: {
          name: 'rater-hyperdrive',
          include: HYPERDRIVE_SUITE,
          globalSetup: ['test/support/hyperdrive-database-setup.ts'],
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
