import { abortAllDurableObjects, env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../../edge/dedup/claim';
import { claimEvents } from '../../../edge/dedup/claim-events';
import { initialLayout } from '../../../shared/idempotency/dedup-layout';
import { shardFor, shardName } from '../../../shared/idempotency/shard-for';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import { claim, inShard, interceptQueue } from './dedup-helpers';

const SHARDS = 4;

/** The shard's internals a fault is injected into (private in the class). */
type Patchable = { ids: { find: () => never }; drainSoon: () => never };

function tenantShards(tenantId: string) {
  return Array.from({ length: SHARDS }, (_, i) =>
    env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(shardName(tenantId, i))),
  );
}

function acceptedCount(...attempts: ClaimResult[][]) {
  return (index: number) => attempts.filter((results) => results[index]!.status === 'accepted').length;
}

describe('a DedupShard failing mid-batch', () => {
  it('loses no event and accepts none twice when the batch is sent again after the shards restart', async () => {
    const tenantId = `faults-${crypto.randomUUID()}`;
    let shards = tenantShards(tenantId);
    const claims = Array.from({ length: 400 }, (_, i) => claim(`evt-${i}`));
    const shardOf = (index: number) => shardFor(tenantId, claims[index]!.id, SHARDS);

    // The queue never answers, so whatever is accepted is still in the outboxes when the objects
    // restart (a hung send rather than a failed one: vitest-pool-workers 0.15 hangs at teardown
    // when an aborted object has logged, workers-sdk#14180, and a failed send logs). Shard 0
    // fails inside its transaction (nothing is written); shard 1 commits and sets its alarm, then
    // fails before it answers — the case where the client does not know its events were accepted.
    for (const shard of shards) {
      await inShard(shard, (instance) => void interceptQueue(instance, 'hang'));
    }
    await inShard(shards[0]!, (instance) => {
      (instance as unknown as Patchable).ids.find = () => {
        throw new Error('storage fault');
      };
    });
    await inShard(shards[1]!, (instance) => {
      (instance as unknown as Patchable).drainSoon = () => {
        throw new Error('object reset before answering');
      };
    });
    const first = await claimEvents(env, tenantId, claims, {
      layout: initialLayout(SHARDS),
      region: null,
      jurisdiction: null,
    });
    first.forEach((result, i) => expect(result.status).toBe(shardOf(i) <= 1 ? 'unavailable' : 'accepted'));

    // Every shard restarts; the client sends the whole batch again.
    await abortAllDurableObjects();
    shards = tenantShards(tenantId); // stubs of aborted objects stay broken
    const sent: EventBatchMessage[] = [];
    for (const shard of shards) {
      await inShard(shard, (instance) => void interceptQueue(instance, 'record', sent));
    }
    const retry = await claimEvents(env, tenantId, claims, {
      layout: initialLayout(SHARDS),
      region: null,
      jurisdiction: null,
    });

    const accepted = acceptedCount(first, retry);
    retry.forEach((result, i) => {
      // Shard 1's events were stored though the client never heard so: the retry says DUPLICATE.
      expect(result.status).toBe(shardOf(i) === 0 ? 'accepted' : 'duplicate');
      expect(accepted(i), `${result.id} accepted at most once`).toBeLessThanOrEqual(1);
    });

    // The outboxes survived the restart, and their alarms deliver them.
    for (const shard of shards) {
      await runDurableObjectAlarm(shard);
      await shard.settled();
      expect((await shard.outboxCounts()).unsent).toBe(0);
    }
    const delivered = sent.flatMap((m) => m.events.map((e) => e.id));
    expect(delivered.sort()).toEqual(claims.map((c) => c.id).sort());
  });

  it('accepts each id at most once however an abort interleaves with a batch', async () => {
    for (const delayMs of [0, 1, 3, 10]) {
      const tenantId = `abort-${delayMs}-${crypto.randomUUID()}`;
      const claims = Array.from({ length: 300 }, (_, i) => claim(`evt-${i}`));
      const inFlight = claimEvents(env, tenantId, claims, {
        layout: initialLayout(SHARDS),
        region: null,
        jurisdiction: null,
      });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await abortAllDurableObjects();
      const first = await inFlight;
      const retry = await claimEvents(env, tenantId, claims, {
        layout: initialLayout(SHARDS),
        region: null,
        jurisdiction: null,
      });
      const accepted = acceptedCount(first, retry);
      retry.forEach((result, i) => {
        expect(['accepted', 'duplicate']).toContain(result.status);
        expect(accepted(i), `${result.id} accepted at most once (abort after ${delayMs} ms)`).toBeLessThanOrEqual(1);
      });
    }
  });
});
