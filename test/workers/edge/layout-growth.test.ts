import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../../edge/dedup/claim';
import { claimedEventIds, claimEvents } from '../../../edge/dedup/claim-events';
import { grow, initialLayout, type DedupLayout } from '../../../shared/idempotency/dedup-layout';
import type { ShardPlacement } from '../../../edge/placement/tenant-shards';
import { claim } from './dedup-helpers';

function at(layout: DedupLayout): ShardPlacement {
  return { layout, region: null, jurisdiction: null };
}

function grown(from: DedupLayout, shards: number): DedupLayout {
  const result = grow(from, shards, Date.now());
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result.layout;
}

/** Every id's results across all calls: accepted once, and every other answer agrees with it. */
function expectEachIdAcceptedOnce(calls: { ids: string[]; results: ClaimResult[] }[]) {
  const answers = new Map<string, ClaimResult[]>();
  for (const { ids, results } of calls) {
    ids.forEach((id, k) => answers.set(id, [...(answers.get(id) ?? []), results[k]!]));
  }
  for (const [id, results] of answers) {
    expect(
      results.map((r) => r.status).filter((s) => s === 'unavailable' || s === 'conflict'),
      id,
    ).toEqual([]);
    const accepted = results.filter((r) => r.status === 'accepted');
    expect(accepted, `${id} accepted exactly once`).toHaveLength(1);
    const acceptedAt = (accepted[0] as { acceptedAt: string }).acceptedAt;
    for (const r of results) {
      expect((r as { acceptedAt: string }).acceptedAt, id).toBe(acceptedAt);
    }
  }
  return answers.size;
}

describe('a tenant layout growing while events stream in', () => {
  it('never accepts an id twice, whether callers route by the old layout or the new one', async () => {
    const tenantId = `grow-${crypto.randomUUID()}`;
    const before = initialLayout(4);
    const after = grown(before, 16);
    const pool = Array.from({ length: 240 }, (_, i) => `evt-${i}`);
    const pick = (round: number, k: number) => pool[(round * 37 + k * 11) % pool.length]!;
    const calls: { ids: string[]; results: ClaimResult[] }[] = [];
    const send = async (layout: DedupLayout, ids: string[]) => {
      calls.push({
        ids,
        results: await claimEvents(
          env,
          tenantId,
          ids.map((id) => claim(id)),
          at(layout),
        ),
      });
    };

    // Before the growth: only the old layout.
    for (let round = 0; round < 4; round++) {
      await send(
        before,
        Array.from({ length: 30 }, (_, k) => pick(round, k)),
      );
    }
    // The growth: isolates that know of it and isolates still on the old layout, concurrently,
    // sending ids already claimed, ids new to both, and the same ids at the same moment.
    for (let round = 4; round < 16; round++) {
      const ids = Array.from({ length: 30 }, (_, k) => pick(round, k));
      await Promise.all([
        send(after, ids),
        send(before, ids.slice().reverse()),
        send(round % 2 ? after : before, ids.slice(10)),
      ]);
    }
    // Afterwards, stale callers are redirected by the sealed shards: ids first claimed by the new
    // layout are duplicates when a stale caller sends them to the old one, and new ids land in the
    // new generation.
    const fresh = Array.from({ length: 60 }, (_, i) => `fresh-${i}`);
    await send(after, fresh.slice(0, 30));
    await send(before, fresh);
    await send(before, pool);
    await send(after, [...pool, ...fresh]);

    expect(expectEachIdAcceptedOnce(calls)).toBe(pool.length + fresh.length);
    expect(await claimedEventIds(env, tenantId, [...pool, ...fresh, 'never-sent'], at(after))).toEqual(
      new Set([...pool, ...fresh]),
    );
    // A ledger that learnt the old layout (its debit was made before the growth) finds them too.
    expect(await claimedEventIds(env, tenantId, [...pool, ...fresh, 'never-sent'], at(before))).toEqual(
      new Set([...pool, ...fresh]),
    );
  }, 120_000);

  it('finds ids claimed two generations back', async () => {
    const tenantId = `grow-twice-${crypto.randomUUID()}`;
    const first = initialLayout(2);
    const second = grown(first, 4);
    const third = grown(second, 16);
    const early = await claimEvents(env, tenantId, [claim('early'), claim('early-2')], at(first));
    expect(early.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const later = await claimEvents(
      env,
      tenantId,
      [claim('early'), claim('early-2', 'changed'), claim('late')],
      at(third),
    );
    expect(later.map((r) => r.status)).toEqual(['duplicate', 'conflict', 'accepted']);
    // The generation in between, never used directly, was sealed on the way: it redirects.
    const stale = await claimEvents(env, tenantId, [claim('late'), claim('new-via-stale')], at(second));
    expect(stale.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect(await claimedEventIds(env, tenantId, ['early', 'late', 'new-via-stale', 'nope'], at(third))).toEqual(
      new Set(['early', 'late', 'new-via-stale']),
    );
  }, 60_000);
});
