import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EDGE_CONFIG = fileURLToPath(new URL('../wrangler.toml', import.meta.url));
const EDGE_MAIN = fileURLToPath(new URL('../edge/index.ts', import.meta.url));
const RATER_CONFIG = fileURLToPath(new URL('../rater/wrangler.toml', import.meta.url));
const RATER_MAIN = fileURLToPath(new URL('../rater/index.ts', import.meta.url));

export interface LocalConfigOptions {
  /** The rater's database settings (in production the URLs are secrets, NEON_WS_PROXY unset). */
  raterVars: {
    DATABASE_URL: string;
    NEON_WS_PROXY: string;
    INVOICE_FREEZE_ON_TRAFFIC?: string;
    DATABASE_URL_EU?: string;
    DATABASE_URL_FEDRAMP?: string;
    WEBHOOK_RETRY_SECONDS?: string;
    WEBHOOK_DISABLE_AFTER_SECONDS?: string;
  };
  /** Overrides every queue consumer's max_retries (tests that outlast the whole retry budget). */
  maxRetries?: number | undefined;
  /** Overrides the edge's [[ratelimits]] limits, by binding name (tests that cross them). */
  rateLimits?: Record<string, number> | undefined;
}

/**
 * Writes both workers' wrangler configs for one local stack into its state folder: the project's
 * files, with `main` made absolute, the rater's database settings as plain vars and, for tests,
 * other retry counts. Why copies: `wrangler dev` with several configs applies `--var` to the first
 * worker only, and a shared rater/.dev.vars would collide between two stacks (a dev stack and the
 * test suite's).
 */
export function writeLocalConfigs(stateDir: string, options: LocalConfigOptions): { edge: string; rater: string } {
  const retries = (toml: string) =>
    options.maxRetries === undefined
      ? toml
      : toml.replace(/^max_retries = \d+$/gm, `max_retries = ${options.maxRetries}`);
  let edge = retries(readFileSync(EDGE_CONFIG, 'utf8').replace(/^main = .*$/m, `main = ${JSON.stringify(EDGE_MAIN)}`));
  for (const [name, limit] of Object.entries(options.rateLimits ?? {})) {
    const block = new RegExp(`(name = "${name}"\\n[^\\[]*?simple = \\{ limit = )\\d+`);
    if (!block.test(edge)) {
      throw new Error(`wrangler.toml has no rate limit named ${name}`);
    }
    edge = edge.replace(block, `$1${limit}`);
  }
  const rater = retries(
    readFileSync(RATER_CONFIG, 'utf8').replace(/^main = .*$/m, `main = ${JSON.stringify(RATER_MAIN)}`),
  );
  if (!/^\[vars\]$/m.test(rater)) {
    throw new Error('rater/wrangler.toml has no [vars] table to add the local settings to');
  }
  const lines = Object.entries(options.raterVars).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  const paths = { edge: join(stateDir, 'edge.wrangler.toml'), rater: join(stateDir, 'rater.wrangler.toml') };
  const notice = '# Written by the local stack; not for deployment.';
  writeFileSync(paths.edge, `${notice}\n${edge}`);
  writeFileSync(paths.rater, `${notice}\n${rater.replace(/^\[vars\]$/m, `[vars]\n${lines.join('\n')}`)}`);
  return paths;
}
