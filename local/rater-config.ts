import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATER_CONFIG = fileURLToPath(new URL('../rater/wrangler.toml', import.meta.url));
const RATER_MAIN = fileURLToPath(new URL('../rater/index.ts', import.meta.url));

/**
 * Writes the rater's wrangler config for one local stack: rater/wrangler.toml plus the database
 * settings as plain vars. Why a copy: `wrangler dev` with several configs applies `--var` to the
 * first worker only, and a shared rater/.dev.vars would collide between two stacks (a dev stack
 * and the test suite's). In production DATABASE_URL is a secret and NEON_WS_PROXY is unset.
 */
export function writeLocalRaterConfig(stateDir: string, vars: { DATABASE_URL: string; NEON_WS_PROXY: string }): string {
  const base = readFileSync(RATER_CONFIG, 'utf8').replace(/^main = .*$/m, `main = ${JSON.stringify(RATER_MAIN)}`);
  if (/^\[vars\]/m.test(base)) throw new Error('rater/wrangler.toml gained a [vars] table: merge it here');
  const path = join(stateDir, 'rater.wrangler.toml');
  const lines = Object.entries(vars).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  writeFileSync(path, `${base}\n# Written by the local stack; not for deployment.\n[vars]\n${lines.join('\n')}\n`);
  return path;
}
