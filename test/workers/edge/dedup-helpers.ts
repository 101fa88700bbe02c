import { env, runInDurableObject } from 'cloudflare:test';
import type { Claim } from '../../../edge/dedup/claim';
import type { DedupShard } from '../../../edge/dedup/dedup-shard';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';

/** What the edge would ask a shard for one event of schema api_calls. */
export function claim(id: string, payloadHash = `hash-of-${id}`): Claim {
  return {
    id,
    payloadHash,
    event: {
      id,
      schemaName: 'api_calls',
      schemaVersion: 1,
      timestamp: '2026-01-01T00:00:00.000Z',
      accountId: 'acme',
      attributes: { bytes: '10' },
      units: {},
      dimensions: {},
      acceptedAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

/** Replaces the shard's queue binding: records what is sent, fails every send, or never answers. */
export function interceptQueue(instance: DedupShard, behaviour: 'record' | 'fail' | 'hang', sent: EventBatchMessage[] = []) {
  const real = env.EVENTS_QUEUE;
  const queue = {
    async sendBatch(messages: { body: EventBatchMessage }[]) {
      if (behaviour === 'fail') throw new Error('queue unavailable');
      if (behaviour === 'hang') return new Promise<never>(() => {});
      sent.push(...messages.map((m) => m.body));
      await real.sendBatch(messages);
    },
  };
  patchEnv(instance, { EVENTS_QUEUE: queue });
  return sent;
}

/**
 * Replaces the shard's rater binding: answers that the ids in `recorded` are recorded (and records
 * what it was asked), or fails as the rater does while its database is down.
 */
export function interceptRater(instance: DedupShard, recorded: ReadonlySet<string> | 'fail', asked: string[] = []) {
  const rater = {
    async recordedEventIds(_tenantId: string, ids: string[]) {
      if (recorded === 'fail') throw new Error('database unavailable');
      asked.push(...ids);
      return ids.filter((id) => recorded.has(id));
    },
  };
  patchEnv(instance, { RATER: rater });
  return asked;
}

function patchEnv(instance: DedupShard, bindings: Record<string, unknown>) {
  const target = instance as unknown as { env: object };
  target.env = { ...target.env, ...bindings };
}

/** runInDurableObject, typed for DedupShard (its inference stops at the DurableObject bound). */
export function inShard<R>(shard: DurableObjectStub<DedupShard>, fn: (instance: DedupShard, state: DurableObjectState) => R | Promise<R>) {
  return runInDurableObject(shard, (instance, state) => fn(instance as unknown as DedupShard, state));
}
