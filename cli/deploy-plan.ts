import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { z } from 'zod';
import { parseQueueName } from '../shared/queue/queue-names';
import { jurisdictions, type Jurisdiction } from '../shared/tenant/placement';

export const EDGE_CONFIG = fileURLToPath(new URL('../wrangler.toml', import.meta.url));
export const RATER_CONFIG = fileURLToPath(new URL('../rater/wrangler.toml', import.meta.url));

/** What the deploy reads from a wrangler config; everything else is wrangler's business. */
const workerConfigSchema = z.object({
  name: z.string(),
  durable_objects: z.object({ bindings: z.array(z.object({ name: z.string(), class_name: z.string() })) }).optional(),
  migrations: z.array(z.object({ tag: z.string(), new_sqlite_classes: z.array(z.string()).optional() })).optional(),
  queues: z
    .object({
      producers: z.array(z.object({ binding: z.string(), queue: z.string() })).optional(),
      consumers: z.array(z.object({ queue: z.string(), dead_letter_queue: z.string().optional() })).optional(),
    })
    .optional(),
  services: z.array(z.object({ binding: z.string(), service: z.string() })).optional(),
  triggers: z.object({ crons: z.array(z.string()) }).optional(),
  ratelimits: z.array(z.object({ name: z.string(), namespace_id: z.string() })).optional(),
  hyperdrive: z.array(z.object({ binding: z.string(), id: z.string() })).optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema> & { path: string };

export function readWorkerConfig(path: string): WorkerConfig {
  return { ...workerConfigSchema.parse(parse(readFileSync(path, 'utf8'))), path };
}

export type DeployStep =
  | { kind: 'queue'; name: string; jurisdiction: Jurisdiction | null; line: string }
  | { kind: 'secret'; worker: string; config: string; name: string; line: string }
  | { kind: 'migrations'; line: string }
  | { kind: 'worker'; name: string; config: string; line: string }
  | { kind: 'note'; line: string };

/**
 * Everything a deploy does, in order, read from the two wrangler configs (never a hand-kept
 * list): every queue either config produces to, consumes or dead-letters to; the rater's secret;
 * migrations; then the workers — the rater first, because the edge's service binding needs it —
 * with what each brings (Durable Object classes, crons, rate limits) spelled out.
 */
/** The rater's way to its database: the DATABASE_URL secret, unless Hyperdrive stands in for it (docs/database-path.md). */
function databaseStep(rater: WorkerConfig): DeployStep {
  const hyperdrive = rater.hyperdrive?.find((h) => h.binding === 'HYPERDRIVE');
  if (hyperdrive) {
    return {
      kind: 'note',
      line: `hyperdrive ${hyperdrive.id} of worker ${rater.name}: bound as HYPERDRIVE, so the secret DATABASE_URL is not needed`,
    };
  }
  return {
    kind: 'secret',
    worker: rater.name,
    config: rater.path,
    name: 'DATABASE_URL',
    line: `secret DATABASE_URL of worker ${rater.name}: must be set (the pooled Neon URL)`,
  };
}

export function deployPlan(edge: WorkerConfig, rater: WorkerConfig): DeployStep[] {
  const queues = new Set<string>();
  for (const config of [edge, rater]) {
    for (const p of config.queues?.producers ?? []) {
      queues.add(p.queue);
    }
    for (const c of config.queues?.consumers ?? []) {
      queues.add(c.queue);
      if (c.dead_letter_queue) {
        queues.add(c.dead_letter_queue);
      }
    }
  }
  const ordered = [rater, edge];
  const missing = (edge.services ?? []).filter((s) => !ordered.some((w) => w.name === s.service));
  if (missing.length > 0) {
    throw new Error(`the edge binds to services no config deploys: ${missing.map((s) => s.service).join(', ')}`);
  }

  return [
    ...[...queues].sort().map((name): DeployStep => {
      const jurisdiction = parseQueueName(name)?.jurisdiction ?? null;
      return {
        kind: 'queue',
        name,
        jurisdiction,
        line: `queue ${name}: create${jurisdiction ? ` (restricted to jurisdiction ${jurisdiction})` : ''}`,
      };
    }),
    databaseStep(rater),
    ...jurisdictions.map(
      (j): DeployStep => ({
        kind: 'note',
        line: `secret DATABASE_URL_${j.toUpperCase()} of worker ${rater.name}: optional, set to serve ${j} tenants (a Neon project in that jurisdiction)`,
      }),
    ),
    {
      kind: 'migrations',
      line: `migrations: apply migrations/ over MIGRATION_DATABASE_URL, and ${jurisdictions.map((j) => `MIGRATION_DATABASE_URL_${j.toUpperCase()}`).join(' and ')} where set (Neon's direct, unpooled URLs)`,
    },
    ...ordered.flatMap((worker): DeployStep[] => [
      ...(worker.durable_objects?.bindings ?? []).map(
        (b): DeployStep => ({
          kind: 'note',
          line: `durable object ${b.class_name} of worker ${worker.name}: ${sqliteMigration(worker, b.class_name)}`,
        }),
      ),
      ...(worker.services ?? []).map(
        (s): DeployStep => ({
          kind: 'note',
          line: `service ${s.service}: bound to worker ${worker.name} as ${s.binding} (deployed before it)`,
        }),
      ),
      ...(worker.triggers?.crons ?? []).map(
        (cron): DeployStep => ({ kind: 'note', line: `cron "${cron}" of worker ${worker.name}` }),
      ),
      ...(worker.ratelimits ?? []).map(
        (r): DeployStep => ({
          kind: 'note',
          line: `rate limit ${r.name} (namespace ${r.namespace_id}) of worker ${worker.name}`,
        }),
      ),
      { kind: 'worker', name: worker.name, config: worker.path, line: `worker ${worker.name}: deploy` },
    ]),
  ];
}

function sqliteMigration(worker: WorkerConfig, className: string): string {
  const migration = (worker.migrations ?? []).find((m) => m.new_sqlite_classes?.includes(className));
  if (!migration) {
    throw new Error(`Durable Object class ${className} of ${worker.name} has no new_sqlite_classes migration`);
  }
  return `SQLite-backed, created by migration ${migration.tag}`;
}
