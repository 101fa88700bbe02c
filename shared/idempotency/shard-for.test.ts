import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardFor, shardName } from './shard-for';

describe('shardFor', () => {
  // Pinned: a deployed shard count must keep every id in its shard, so the hash may never change.
  it.each([
    ['acme', 'evt-1', 16, 12],
    ['acme', 'evt-2', 16, 5],
    ['globex', 'evt-1', 16, 5],
    ['acme', 'evt-1', 64, 28],
    ['t1', 'order-42:2026-02-01', 64, 22],
  ])('shardFor(%j, %j, %i) is %i', (tenant, id, count, shard) => {
    expect(shardFor(tenant, id, count)).toBe(shard);
  });

  it('is 32-bit FNV-1a of tenant, NUL, id', () => {
    // With 2^32 shards the shard is the hash itself: 0x3df107dc is FNV-1a("acme\0evt-1").
    expect(shardFor('acme', 'evt-1', 2 ** 32)).toBe(0x3df107dc);
  });

  it('hashes exactly the text tenant, NUL, id, for any text', () => {
    const reference = (key: string) => {
      let hash = 0x811c9dc5;
      for (let i = 0; i < key.length; i++) {
        hash ^= key.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
      }
      return hash;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (tenant, id) => {
        expect(shardFor(tenant, id, 2 ** 32)).toBe(reference(`${tenant}\u0000${id}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the tenant and the id apart', () => {
    expect(shardFor('ab', 'c', 2 ** 32)).not.toBe(shardFor('a', 'bc', 2 ** 32));
  });

  it.each([1, 2, 7, 16, 100])('stays within 0..%i-1', (count) => {
    for (let i = 0; i < 500; i++) {
      const shard = shardFor('acme', `evt-${i}`, count);
      expect(Number.isInteger(shard) && shard >= 0 && shard < count).toBe(true);
    }
  });

  it('spreads 10 000 sequential ids evenly over 16 shards', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 10_000; i++) {
      counts[shardFor('acme', `evt-${i}`, 16)]!++;
    }
    for (const count of counts) {
      expect(count).toBeGreaterThanOrEqual(450);
      expect(count).toBeLessThanOrEqual(800);
    }
  });

  it('spreads one id over the shards differently per tenant', () => {
    const shards = new Set(Array.from({ length: 64 }, (_, t) => shardFor(`tenant-${t}`, 'same-id', 16)));
    expect(shards.size).toBeGreaterThan(8);
  });
});

describe('shardName', () => {
  it('names a shard by tenant and number', () => {
    expect(shardName('acme', 3)).toBe('acme:3');
  });
});
