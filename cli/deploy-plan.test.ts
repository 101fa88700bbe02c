import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployPlan, EDGE_CONFIG, RATER_CONFIG, readWorkerConfig } from './deploy-plan';

const plan = deployPlan(readWorkerConfig(EDGE_CONFIG), readWorkerConfig(RATER_CONFIG));
const lines = plan.map((s) => s.line);

/**
 * What the two configs declare, found by scanning their text — independently of the plan's own
 * reading — so a resource added to a config and missed by the plan fails here.
 */
function declared(pattern: RegExp): string[] {
  return [EDGE_CONFIG, RATER_CONFIG].flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(pattern)].map((m) => m[1]!),
  );
}

describe('the deploy plan', () => {
  it.each([
    ['queue', /^\s*(?:queue|dead_letter_queue)\s*=\s*"([^"]+)"/gm, (name: string) => `queue ${name}: create`],
    ['Durable Object class', /^\s*class_name\s*=\s*"([^"]+)"/gm, (name: string) => `durable object ${name} of worker`],
    ['service', /^\s*service\s*=\s*"([^"]+)"/gm, (name: string) => `service ${name}: bound`],
    ['rate limit', /^\s*name\s*=\s*"([A-Z_]+_LIMITER)"/gm, (name: string) => `rate limit ${name} `],
  ])('has every %s either config declares', (_, pattern, expected) => {
    const names = declared(pattern);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(
        lines.some((l) => l.startsWith(expected(name))),
        `${name} in\n${lines.join('\n')}`,
      ).toBe(true);
    }
  });

  it('has every cron of the rater', () => {
    const crons = declared(/^crons\s*=\s*\[([^\]]*)\]/gm).flatMap((list) =>
      [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
    );
    expect(crons).toEqual(['17 3 * * *', '*/10 * * * *']);
    for (const cron of crons) {
      expect(lines).toContain(`cron "${cron}" of worker meterline-rater`);
    }
  });

  it('creates the queues, checks the secret and migrates before deploying the rater, then the edge', () => {
    const kinds = plan.filter((s) => s.kind !== 'note').map((s) => (s.kind === 'worker' ? `worker ${s.name}` : s.kind));
    const queues = new Set(declared(/^\s*(?:queue|dead_letter_queue)\s*=\s*"([^"]+)"/gm)).size;
    expect(kinds).toEqual([
      ...Array<string>(queues).fill('queue'),
      'secret',
      'migrations',
      'worker meterline-rater',
      'worker meterline-edge',
    ]);
  });

  it('asks for no DATABASE_URL secret when the rater binds HYPERDRIVE', () => {
    const rater = { ...readWorkerConfig(RATER_CONFIG), hyperdrive: [{ binding: 'HYPERDRIVE', id: 'hd-123' }] };
    const withHyperdrive = deployPlan(readWorkerConfig(EDGE_CONFIG), rater);
    expect(withHyperdrive.some((s) => s.kind === 'secret')).toBe(false);
    expect(withHyperdrive.map((s) => s.line)).toContain(
      'hyperdrive hd-123 of worker meterline-rater: bound as HYPERDRIVE, so the secret DATABASE_URL is not needed',
    );
  });

  it("creates every jurisdiction's queues restricted to it, and no other", () => {
    const queues = plan.flatMap((s) => (s.kind === 'queue' ? [s] : []));
    expect(queues).toHaveLength(12); // events and ledger, each with its dead-letter queue, for none, eu and fedramp
    for (const q of queues) {
      expect(q.jurisdiction).toBe(/-(eu|fedramp)(-dlq)?$/.exec(q.name)?.[1] ?? null);
    }
    expect(lines).toContain('queue meterline-events-eu: create (restricted to jurisdiction eu)');
  });

  it("gives both workers the same DEDUP_SHARDS: the rater grows layouts from the edge's", () => {
    const values = declared(/^DEDUP_SHARDS\s*=\s*"(\d+)"/gm);
    expect(values).toHaveLength(2);
    expect(values[0]).toBe(values[1]);
  });
});
