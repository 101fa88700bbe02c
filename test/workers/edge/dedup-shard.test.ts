import { abortAllDurableObjects, env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ID_RETENTION_MS, type JudgedClaim } from '../../../edge/dedup/claim';
import { BUCKET_MS } from '../../../edge/dedup/claimed-ids';
import { initialLayout } from '../../../shared/idempotency/dedup-layout';
import type { DedupShard } from '../../../edge/dedup/dedup-shard';
import { claim, inShard, interceptQueue, interceptRater } from './dedup-helpers';

let shardCounter = 0;
/** A fresh shard per test: objects keep their storage for the whole run. */
function freshShard() {
  return env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(`test-tenant:${++shardCounter}:${crypto.randomUUID()}`));
}

describe('DedupShard check-and-set', () => {
  it('accepts an id once, then reports a duplicate for the same payload and a conflict for another', async () => {
    const shard = freshShard();
    const [first] = await shard.claim('t1', [claim('evt-1')]);
    const [again] = await shard.claim('t1', [claim('evt-1')]);
    const [other] = await shard.claim('t1', [claim('evt-1', 'a different payload')]);
    expect(first).toMatchObject({ id: 'evt-1', status: 'accepted' });
    expect(again).toEqual({ id: 'evt-1', status: 'duplicate', acceptedAt: (first as JudgedClaim).acceptedAt });
    expect(other).toEqual({ id: 'evt-1', status: 'conflict', acceptedAt: (first as JudgedClaim).acceptedAt });
  });

  it('judges an id repeated inside one call in order', async () => {
    const results = await freshShard().claim('t1', [claim('a'), claim('b'), claim('a'), claim('b', 'changed')]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate', 'conflict']);
  });

  it('lets concurrent claims of one id accept it exactly once', async () => {
    const shard = freshShard();
    const results = await Promise.all(Array.from({ length: 20 }, () => shard.claim('t1', [claim('same')])));
    expect(results.flat().filter((r) => r.status === 'accepted')).toHaveLength(1);
  });

  it('decides calls that arrive together in one round, each whole and in arrival order, a failing one alone', async () => {
    const shard = freshShard();
    const route = (jurisdiction: 'eu' | null) => ({
      layout: initialLayout(1),
      region: null,
      jurisdiction,
      address: { generation: 0, shard: 0, name: 'test' },
    });
    await shard.claim('t1', [claim('earlier')], route(null)); // records the shard's jurisdiction: none
    const [a, refused, b] = await inShard(shard, (instance) =>
      Promise.allSettled([
        instance.claim('t1', [claim('x'), claim('y')], route(null)),
        instance.claim('t1', [claim('w'), claim('earlier')], route('eu')), // the wrong jurisdiction: fails
        instance.claim('t1', [claim('y', 'changed'), claim('z'), claim('earlier')], route(null)),
      ]),
    );
    expect(a).toMatchObject({
      status: 'fulfilled',
      value: [
        { id: 'x', status: 'accepted' },
        { id: 'y', status: 'accepted' },
      ],
    });
    expect(refused?.status).toBe('rejected');
    expect(b).toMatchObject({
      status: 'fulfilled',
      value: [
        { id: 'y', status: 'conflict' },
        { id: 'z', status: 'accepted' },
        { id: 'earlier', status: 'duplicate' },
      ],
    });
    // The failed call wrote nothing: its id is still free, and only the accepted events wait to be sent.
    const [w] = await shard.claim('t1', [claim('w')], route(null));
    expect(w?.status).toBe('accepted');
    const { unsent, unconfirmed } = await shard.outboxCounts();
    expect(unsent + unconfirmed).toBe(5);
  });

  it('remembers ids across a restart of the object', async () => {
    const shard = freshShard();
    await shard.claim('t1', [claim('survivor')]);
    await abortAllDurableObjects();
    const [after] = await freshShardLike(shard).claim('t1', [claim('survivor')]);
    expect(after?.status).toBe('duplicate');
  });
});

describe('DedupShard outbox', () => {
  it('sends accepted events to the queue, packed in one message, and keeps them until they are confirmed', async () => {
    const shard = freshShard();
    const sent = await inShard(shard, (instance) => interceptQueue(instance, 'record'));
    await shard.claim('tenant-a', [claim('o1'), claim('o2'), claim('o1')]);
    await shard.settled();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.tenantId).toBe('tenant-a');
    expect(sent[0]!.events.map((e) => e.id)).toEqual(['o1', 'o2']);
    expect(await shard.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 2 });
  });

  it('keeps accepted events when the queue refuses them, and delivers them by alarm later', async () => {
    const shard = freshShard();
    await inShard(shard, (instance) => interceptQueue(instance, 'fail'));
    const [result] = await shard.claim('tenant-a', [claim('kept')]);
    await shard.settled();
    expect(result?.status).toBe('accepted');
    expect(await shard.outboxCounts()).toEqual({ unsent: 1, unconfirmed: 0 });

    const sent = await inShard(shard, (instance) => interceptQueue(instance, 'record'));
    expect(await runDurableObjectAlarm(shard)).toBe(true);
    expect(sent.flatMap((m) => m.events.map((e) => e.id))).toEqual(['kept']);
    expect(await shard.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 1 });
  });

  it('drops what the rater recorded and sends the rest again, when the queue lost it', async () => {
    const shard = freshShard();
    const start = aheadOfTime();
    const sent = await inShard(shard, (instance) => {
      instance.clock = () => start;
      return interceptQueue(instance, 'record');
    });
    await shard.claim('tenant-a', [claim('r1'), claim('lost'), claim('r2')]);
    await shard.settled();

    // Not yet due: the rater is not asked, nothing is sent again.
    const asked = await inShard(shard, (instance) => interceptRater(instance, new Set(['r1', 'r2'])));
    await runDurableObjectAlarm(shard);
    expect([asked, sent.length]).toEqual([[], 1]);

    // Due: 'lost' never reached the rater, so it goes out again, alone.
    await inShard(shard, (instance) => void (instance.clock = () => start + 30_000));
    await runDurableObjectAlarm(shard);
    expect(asked.sort()).toEqual(['lost', 'r1', 'r2']);
    expect(sent.map((m) => m.events.map((e) => e.id))).toEqual([['r1', 'lost', 'r2'], ['lost']]);
    expect(await shard.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 1 });

    // A re-sent row is asked about after twice the delay; once recorded, it is gone.
    await inShard(shard, (instance) => {
      instance.clock = () => start + 30_000 + 60_000;
      interceptRater(instance, new Set(['r1', 'r2', 'lost']));
    });
    await runDurableObjectAlarm(shard);
    expect(await shard.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 0 });
    expect(sent).toHaveLength(2);
  });

  it('confirms many rows in rounds of one rater call each, and settles each row by what was recorded', async () => {
    const shard = freshShard();
    const start = aheadOfTime();
    const sent = await inShard(shard, (instance) => {
      instance.clock = () => start;
      return interceptQueue(instance, 'record');
    });
    // Three rows of 900 events (a round asks about at most 2 000 ids), then three small ones.
    const big = (row: number) => Array.from({ length: 900 }, (_, i) => claim(`big-${row}-${i}`));
    for (const row of [0, 1, 2]) {
      await shard.claim('tenant-a', big(row));
    }
    await shard.claim('tenant-a', [claim('all-1'), claim('all-2')]);
    await shard.claim('tenant-a', [claim('part-1'), claim('part-lost')]);
    await shard.claim('tenant-a', [claim('none-lost')]);
    await shard.settled();
    expect(await shard.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 2705 });

    const recorded = new Set([...[0, 1, 2].flatMap((row) => big(row).map((c) => c.id)), 'all-1', 'all-2', 'part-1']);
    const calls: number[] = [];
    await inShard(shard, (instance) => {
      instance.clock = () => start + 30_000;
      const asked = interceptRater(instance, recorded);
      const rater = (
        instance as unknown as { env: { RATER: { recordedEventIds(t: string, ids: string[]): Promise<string[]> } } }
      ).env.RATER;
      const ask = rater.recordedEventIds.bind(rater);
      rater.recordedEventIds = async (tenantId, ids) => (calls.push(ids.length), ask(tenantId, ids));
      return asked;
    });
    sent.length = 0;
    await runDurableObjectAlarm(shard);
    expect(calls).toEqual([1800, 905]);
    // Only what the rater did not record goes out again; the rest is gone.
    expect(sent.flatMap((m) => m.events.map((e) => e.id)).sort()).toEqual(['none-lost', 'part-lost']);
    expect(await shard.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 2 });
  });

  it('drops and re-sends nothing while the rater cannot answer', async () => {
    const shard = freshShard();
    const start = aheadOfTime();
    const sent = await inShard(shard, (instance) => {
      instance.clock = () => start;
      return interceptQueue(instance, 'record');
    });
    await shard.claim('tenant-a', [claim('waiting')]);
    await shard.settled();
    await inShard(shard, (instance) => {
      instance.clock = () => start + 3_600_000;
      interceptRater(instance, 'fail');
    });
    expect(await runDurableObjectAlarm(shard)).toBe(true);
    expect([sent.length, await shard.outboxCounts()]).toEqual([1, { unsent: 0, unconfirmed: 1 }]);
    // The alarm stays set: it asks again later.
    expect(await inShard(shard, (_, state) => state.storage.getAlarm())).not.toBeNull();
  });
});

describe('DedupShard expiry', () => {
  it('forgets an id exactly 45 days after it was accepted, and drops its bucket when the bucket expires', async () => {
    const shard = freshShard();
    const start = aheadOfTime();
    await setClock(shard, start);
    const [first] = await shard.claim('t1', [claim('old')]);

    await setClock(shard, start + ID_RETENTION_MS - 1);
    expect((await shard.claim('t1', [claim('old')]))[0]).toEqual({
      id: 'old',
      status: 'duplicate',
      acceptedAt: (first as JudgedClaim).acceptedAt,
    });

    // Past 45 days the id is free again, even while its bucket's table is still kept.
    await setClock(shard, start + ID_RETENTION_MS);
    expect((await shard.claim('t1', [claim('old', 'new content')]))[0]?.status).toBe('accepted');
    expect((await shard.claim('t1', [claim('old', 'new content')]))[0]?.status).toBe('duplicate');

    const firstBucket = Math.floor(start / BUCKET_MS);
    expect(await bucketTables(shard)).toContain(`ids_${firstBucket}`);
    await setClock(shard, (firstBucket + 1) * BUCKET_MS + ID_RETENTION_MS);
    await runDurableObjectAlarm(shard);
    expect(await bucketTables(shard)).not.toContain(`ids_${firstBucket}`);
    expect((await shard.claim('t1', [claim('old', 'new content')]))[0]?.status).toBe('duplicate');
  });

  it('stops growing once ids expire as fast as they come: dropped buckets free their pages for new ones', async () => {
    const shard = freshShard();
    const sizes = new Map<number, number>();
    const day = 86_400_000;
    const start = aheadOfTime();
    for (let d = 0; d <= 120; d++) {
      await setClock(shard, start + d * day);
      await shard.claim(
        't1',
        Array.from({ length: 100 }, (_, i) => claim(`day-${d}-${i}`)),
      );
      await runDurableObjectAlarm(shard);
      sizes.set(
        d,
        await inShard(shard, async (instance, state) => {
          await instance.settled();
          state.storage.sql.exec('DELETE FROM outbox_events');
          state.storage.sql.exec('DELETE FROM outbox_sends');
          return state.storage.sql.databaseSize;
        }),
      );
    }
    expect((await bucketTables(shard)).length).toBeLessThanOrEqual(Math.ceil(ID_RETENTION_MS / BUCKET_MS) + 1);
    expect(sizes.get(120)!).toBeLessThanOrEqual(sizes.get(60)! * 1.05);
  }, 120_000);
});

describe('DedupShard written before id buckets', () => {
  it('still finds ids of its old event_ids table, and drops that table once they expire', async () => {
    const shard = freshShard();
    const start = aheadOfTime();
    const acceptedAt = start - 86_400_000;
    await inShard(shard, (_, state) => {
      state.storage.sql.exec(
        `CREATE TABLE event_ids (event_id TEXT PRIMARY KEY, payload_hash TEXT NOT NULL, accepted_at INTEGER NOT NULL)`,
      );
      state.storage.sql.exec(
        'INSERT INTO event_ids VALUES (?, ?, ?)',
        'legacy',
        claim('legacy').payloadHash,
        acceptedAt,
      );
    });
    await abortAllDurableObjects();
    const restarted = freshShardLike(shard);
    await setClock(restarted, start);
    const results = await restarted.claim('t1', [claim('legacy'), claim('legacy', 'other'), claim('new')]);
    expect(results).toEqual([
      { id: 'legacy', status: 'duplicate', acceptedAt: new Date(acceptedAt).toISOString() },
      { id: 'legacy', status: 'conflict', acceptedAt: new Date(acceptedAt).toISOString() },
      { id: 'new', status: 'accepted', acceptedAt: new Date(start).toISOString() },
    ]);
    expect(await restarted.claimedIds(['legacy', 'new', 'never'])).toEqual(['new', 'legacy']);

    await setClock(restarted, acceptedAt + ID_RETENTION_MS);
    await runDurableObjectAlarm(restarted);
    expect(
      await inShard(restarted, (_, state) =>
        state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'event_ids'").toArray(),
      ),
    ).toEqual([]);
    expect((await restarted.claim('t1', [claim('legacy')]))[0]?.status).toBe('accepted');
  });
});

describe('DedupShard written before the outbox kept its send state apart', () => {
  it('carries over its outbox_batches rows, sent and unsent, in order, and drops that table', async () => {
    const shard = freshShard();
    await inShard(shard, (_, state) => {
      const sql = state.storage.sql;
      sql.exec(`CREATE TABLE outbox_batches (seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, event_count INTEGER NOT NULL,
        body TEXT NOT NULL, sent_at INTEGER, sends INTEGER NOT NULL DEFAULT 0)`);
      const body = (id: string) => JSON.stringify([claim(id).event]);
      sql.exec(
        'INSERT INTO outbox_batches (tenant_id, event_count, body, sent_at, sends) VALUES (?, 1, ?, ?, 1)',
        't1',
        body('was-sent'),
        Date.now(),
      );
      sql.exec('INSERT INTO outbox_batches (tenant_id, event_count, body) VALUES (?, 1, ?)', 't1', body('never-sent'));
    });
    await abortAllDurableObjects();
    const restarted = freshShardLike(shard);
    expect(await restarted.outboxCounts()).toEqual({ unsent: 1, unconfirmed: 1 });
    const sent = await inShard(restarted, (instance) => interceptQueue(instance, 'record'));
    await restarted.claim('t1', [claim('after')]);
    await restarted.settled();
    expect(sent.flatMap((m) => m.events.map((e) => e.id))).toEqual(['never-sent', 'after']);
    expect(await restarted.outboxCounts()).toEqual({ unsent: 0, unconfirmed: 3 });
    expect(
      await inShard(restarted, (_, state) =>
        state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'outbox_batches'").toArray(),
      ),
    ).toEqual([]);
  });
});

function setClock(shard: DurableObjectStub<DedupShard>, at: number) {
  return inShard(shard, (instance) => void (instance.clock = () => at));
}

function bucketTables(shard: DurableObjectStub<DedupShard>) {
  return inShard(shard, (_, state) =>
    state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ids\\_%' ESCAPE '\\'")
      .toArray()
      .map((r) => r.name),
  );
}

/**
 * A shard clock a month ahead of the real one: the alarms it sets are in the future, so they run
 * only when the test runs them (an alarm set in the past would fire by itself, at any moment).
 */
function aheadOfTime() {
  return Date.now() + 30 * 86_400_000;
}

function freshShardLike(stub: DurableObjectStub<DedupShard>) {
  return env.DEDUP_SHARD.get(stub.id);
}
