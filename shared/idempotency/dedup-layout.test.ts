import { describe, expect, it } from 'vitest';
import {
  claimShard,
  dedupLayoutSchema,
  groupByClaimShard,
  grow,
  initialLayout,
  predecessor,
  type DedupLayout,
} from './dedup-layout';
import { shardFor, shardName } from './shard-for';

function grown(layout: DedupLayout, shards: number): DedupLayout {
  const result = grow(layout, shards, 1_000);
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result.layout;
}

describe('a dedup layout', () => {
  it('keeps the names and slots shards had before layouts in its first generation', () => {
    for (const id of ['a', 'evt-1', 'ü-ñ', '']) {
      const address = claimShard(initialLayout(16), 'acme', id);
      expect(address).toEqual({
        generation: 0,
        shard: shardFor('acme', id, 16),
        name: shardName('acme', shardFor('acme', id, 16)),
      });
    }
  });

  it('gives every shard of a generation the one shard of the previous generation that held its ids', () => {
    const layout = grown(grown(initialLayout(16), 64), 1024);
    for (let i = 0; i < 2000; i++) {
      const id = `evt-${i}-${(i * 7919) % 104729}`;
      const newest = claimShard(layout, 'tenant', id);
      const middle = predecessor(layout, 'tenant', newest)!;
      expect(middle).toEqual({ ...claimShard(layout.slice(0, 2), 'tenant', id) });
      expect(predecessor(layout, 'tenant', middle)).toEqual(claimShard(layout.slice(0, 1), 'tenant', id));
      expect(predecessor(layout, 'tenant', claimShard(layout.slice(0, 1), 'tenant', id))).toBeNull();
    }
  });

  it('names each generation’s shards apart', () => {
    const layout = grown(initialLayout(4), 8);
    expect(claimShard(layout, 't', 'x').name).toMatch(/^t:\d+\/8$/);
    expect(claimShard(layout.slice(0, 1), 't', 'x').name).toMatch(/^t:\d+$/);
  });

  it('grows only to a larger multiple, within the bound', () => {
    const layout = initialLayout(16);
    expect(grow(layout, 16, 5)).toEqual({ ok: true, layout });
    expect(grow(layout, 48, 5)).toEqual({ ok: true, layout: [...layout, { shards: 48, since: 5 }] });
    expect(grow(layout, 8, 5)).toMatchObject({ ok: false, reason: expect.stringContaining('only grows') });
    expect(grow(layout, 24, 5)).toMatchObject({ ok: false, reason: expect.stringContaining('multiple') });
    expect(grow(layout, 8192, 5)).toMatchObject({ ok: false, reason: expect.stringContaining('At most') });
  });

  it('is refused when stored with a generation that is not a multiple of the one before', () => {
    expect(
      dedupLayoutSchema.safeParse([
        { shards: 16, since: 0 },
        { shards: 24, since: 1 },
      ]).success,
    ).toBe(false);
    expect(dedupLayoutSchema.safeParse([]).success).toBe(false);
    expect(
      dedupLayoutSchema.safeParse([
        { shards: 16, since: 0 },
        { shards: 32, since: 1 },
      ]).success,
    ).toBe(true);
  });

  it('groups ids by the shard claimShard gives each, every id once, in order', () => {
    const layout = grown(initialLayout(4), 16);
    const ids = Array.from({ length: 300 }, (_, i) => `evt-${i}`);
    const groups = groupByClaimShard(layout, 'acme', ids);
    expect(groups.flatMap((g) => g.indexes).sort((a, b) => a - b)).toEqual(ids.map((_, i) => i));
    for (const { address, indexes } of groups) {
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
      for (const i of indexes) {
        expect(claimShard(layout, 'acme', ids[i]!)).toEqual(address);
      }
    }
  });
});
