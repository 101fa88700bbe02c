import { env, runInDurableObject } from 'cloudflare:test';
import type { Claim } from '../../../edge/dedup/claim';
import type { DedupShard } from '../../../edge/dedup/dedup-shard';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';

/**
 * What the edge would ask a shard for one event of schema api_calls. `payload` names the content:
 * the same name gives the same 64-hex payload hash, as SHA-256 would for the same content.
 */
export function claim(id: string, payload = `payload-of-${id}`): Claim {
  return {
    id,
    payloadHash: hexHash(payload),
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
export function interceptQueue(
  instance: DedupShard,
  behaviour: 'record' | 'fail' | 'hang',
  sent: EventBatchMessage[] = [],
  binding: 'EVENTS_QUEUE' | 'EVENTS_QUEUE_EU' = 'EVENTS_QUEUE',
) {
  const real = env[binding];
  const queue = {
    async sendBatch(messages: { body: EventBatchMessage }[]) {
      if (behaviour === 'fail') {
        throw new Error('queue unavailable');
      }
      if (behaviour === 'hang') {
        return new Promise<never>(() => {});
      }
      sent.push(...messages.map((m) => m.body));
      await real.sendBatch(messages);
    },
  };
  patchEnv(instance, { [binding]: queue });
  return sent;
}

/**
 * Replaces the shard's rater binding: answers that the ids in `recorded` are recorded (and records
 * what it was asked), or fails as the rater does while its database is down.
 */
export function interceptRater(instance: DedupShard, recorded: ReadonlySet<string> | 'fail', asked: string[] = []) {
  const rater = {
    async recordedEventIds(_tenantId: string, ids: string[]) {
      if (recorded === 'fail') {
        throw new Error('database unavailable');
      }
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
export function inShard<R>(
  shard: DurableObjectStub<DedupShard>,
  fn: (instance: DedupShard, state: DurableObjectState) => R | Promise<R>,
) {
  return runInDurableObject(shard, (instance, state) => fn(instance as unknown as DedupShard, state));
}

/** A stand-in for SHA-256 in 64 hex digits, synchronous so claims can be built inline. */
function hexHash(text: string): string {
  let hex = '';
  for (let seed = 0; seed < 8; seed++) {
    let hash = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    hex += hash.toString(16).padStart(8, '0');
  }
  return hex;
}
