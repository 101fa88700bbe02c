import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrations } from '../local/migrate';
import { openDatabase } from '../local/node-database';
import { jurisdictions, type Jurisdiction } from '../shared/tenant/placement';
import { deployPlan, EDGE_CONFIG, RATER_CONFIG, readWorkerConfig, type DeployStep } from './deploy-plan';

/**
 * `npm run deploy`: the whole of README's "Deploying", idempotently, in the plan's order (queues,
 * the rater's secret, migrations, the rater, the edge). `npm run deploy -- --dry-run` prints the
 * plan and bundles both workers as wrangler would deploy them, with no Cloudflare account.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const dryRun = process.argv.includes('--dry-run');

const plan = deployPlan(readWorkerConfig(EDGE_CONFIG), readWorkerConfig(RATER_CONFIG));
for (const step of plan) {
  console.log(`${dryRun ? 'plan' : 'step'}: ${step.line}`);
  if (dryRun) {
    if (step.kind === 'worker') {
      wrangler([
        'deploy',
        '--dry-run',
        '--outdir',
        join(ROOT, 'dist', step.name.replace(/^meterline-/, '')),
        '-c',
        step.config,
      ]);
    }
    continue;
  }
  await run(step);
}
console.log(dryRun ? `dry run: ${plan.length} steps planned, both workers bundled into dist/` : 'deployed');

async function run(step: DeployStep): Promise<void> {
  switch (step.kind) {
    case 'queue':
      // `queues info` fails for a queue that does not exist yet.
      if (wrangler(['queues', 'info', step.name], { allowFailure: true }) === 0) {
        return;
      }
      if (step.jurisdiction) {
        await createRestrictedQueue(step.name, step.jurisdiction);
      } else {
        wrangler(['queues', 'create', step.name]);
      }
      return;
    case 'secret': {
      const listed = spawnSync(process.execPath, [WRANGLER, 'secret', 'list', '-c', step.config, '--format', 'json'], {
        encoding: 'utf8',
      });
      if (listed.status !== 0 || !listed.stdout.includes(`"${step.name}"`)) {
        fail(
          `worker ${step.worker} has no secret ${step.name}: run \`npx wrangler secret put ${step.name} -c rater/wrangler.toml\` with Neon's pooled connection string, then deploy again`,
        );
      }
      return;
    }
    case 'migrations':
      return migrate();
    case 'worker':
      wrangler(['deploy', '-c', step.config]);
      return;
    case 'note':
      return;
  }
}

/**
 * A queue restricted to a jurisdiction: wrangler has no flag for it, so Cloudflare's API creates
 * it (the jurisdiction can be set only at creation: docs, Queues "Data location").
 */
async function createRestrictedQueue(name: string, jurisdiction: Jurisdiction): Promise<void> {
  const account = process.env.CLOUDFLARE_ACCOUNT_ID;
  const token = process.env.CLOUDFLARE_API_TOKEN;
  if (!account || !token) {
    fail(
      `queue ${name} must be created restricted to jurisdiction ${jurisdiction}: set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN`,
    );
  }
  const response = await fetch(`https://api.cloudflare.com/client/v4/accounts/${account}/queues`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ queue_name: name, jurisdiction }),
  });
  if (!response.ok) {
    fail(`creating queue ${name} in jurisdiction ${jurisdiction} failed: ${response.status} ${await response.text()}`);
  }
}

/** Neon: schema changes go over the direct connection, not through the pooler. Each jurisdiction's database too. */
async function migrate(): Promise<void> {
  const urls: [string, string | undefined][] = [
    ['MIGRATION_DATABASE_URL', process.env.MIGRATION_DATABASE_URL],
    ...jurisdictions.map((j): [string, string | undefined] => [
      `MIGRATION_DATABASE_URL_${j.toUpperCase()}`,
      process.env[`MIGRATION_DATABASE_URL_${j.toUpperCase()}`],
    ]),
  ];
  if (!urls[0]![1]) {
    fail("set MIGRATION_DATABASE_URL to Neon's direct (unpooled) connection string: migrations change the schema");
  }
  for (const [name, url] of urls) {
    if (!url) {
      continue;
    }
    if (/-pooler\./.test(new URL(url).hostname)) {
      fail(`${name} is a pooled URL (its host has -pooler): use the direct one`);
    }
    const { db, close } = await openDatabase(url);
    try {
      await runMigrations(db);
    } finally {
      await close();
    }
    console.log(`migrations: ${name} is up to date`);
  }
}

function wrangler(args: string[], options: { allowFailure?: boolean } = {}): number {
  const result = spawnSync(process.execPath, [WRANGLER, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0 && !options.allowFailure) {
    fail(`wrangler ${args.join(' ')} failed (exit ${result.status})`);
  }
  return result.status ?? 1;
}

function fail(message: string): never {
  console.error(`deploy: ${message}`);
  process.exit(1);
}
