import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const RATER_ABSENT = `export default { fetch: () => new Response('rater absent in this measurement', { status: 503 }) }`;

/** `npm run bench:capacity` measures inside workerd, with the edge's real Durable Objects. */
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './edge/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { workers: [{ name: 'meterline-rater', modules: true, script: RATER_ABSENT }] },
    }),
  ],
  test: { include: ['bench/capacity/measure.test.ts'], testTimeout: 300_000 },
});
