import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import {
  compareCodePoints,
  mergeRollups,
  minuteBucket,
  rollupKeyText,
  rollupOf,
  type Rollup,
  type RollupKey,
} from './rollup';

/** mulberry32: a tiny seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Raw {
  value: string;
  at: string;
  id: string;
}

function randomRaws(rand: () => number, n: number): Raw[] {
  const int = (max: number) => Math.floor(rand() * max);
  const digits = (count: number) => Array.from({ length: count }, () => int(10)).join('');
  return Array.from({ length: n }, (_, i) => {
    const sign = rand() < 0.4 ? '-' : '';
    const whole = String(BigInt(digits(1 + int(rand() < 0.1 ? 25 : 6)))); // some beyond 20 digits
    const fraction = rand() < 0.6 ? `.${digits(1 + int(rand() < 0.1 ? 20 : 4))}` : '';
    // Few distinct instants in one minute, so many rollups tie on latestAt.
    const at = `2026-03-01T10:15:${String(int(4) * 15).padStart(2, '0')}.${String(int(3) * 250).padStart(3, '0')}Z`;
    return { value: sign + whole + fraction, at, id: `evt-${int(1_000_000).toString(36)}-${i}` };
  });
}

function shuffled<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function foldLeft(rollups: Rollup[]): Rollup {
  return rollups.reduce((acc, r) => mergeRollups(acc, r));
}
function foldRight(rollups: Rollup[]): Rollup {
  return rollups.reduceRight((acc, r) => mergeRollups(r, acc));
}
function tree(rollups: Rollup[]): Rollup {
  if (rollups.length === 1) {
    return rollups[0]!;
  }
  const mid = Math.floor(rollups.length / 2);
  return mergeRollups(tree(rollups.slice(0, mid)), tree(rollups.slice(mid)));
}

function bruteForce(raws: Raw[]): Rollup {
  const values = raws.map((r) => new Decimal(r.value));
  const latest = [...raws].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1))[0]!;
  return {
    count: raws.length,
    sum: values.reduce((a, b) => a.plus(b), new Decimal(0)).toFixed(),
    min: values.reduce((a, b) => (b.lessThan(a) ? b : a)).toFixed(),
    max: values.reduce((a, b) => (b.greaterThan(a) ? b : a)).toFixed(),
    latestValue: latest.value,
    latestAt: latest.at,
    latestEventId: latest.id,
  };
}

describe('mergeRollups', () => {
  it.each([1, 7, 42, 2026, 99991])('gives one result whatever the order and grouping (seed %i)', (seed) => {
    const rand = random(seed);
    const raws = randomRaws(rand, 200);
    const rollups = raws.map((r) => rollupOf(r.value, r.at, r.id));
    const expected = bruteForce(raws);
    expect(foldLeft(rollups)).toEqual(expected);
    for (let round = 0; round < 5; round++) {
      const order = shuffled(rollups, rand);
      expect(foldLeft(order)).toEqual(expected);
      expect(foldRight(order)).toEqual(expected);
      expect(tree(order)).toEqual(expected);
    }
  });

  it('is commutative pair by pair, ties on latestAt included', () => {
    const rand = random(7);
    const rollups = randomRaws(rand, 60).map((r) => rollupOf(r.value, r.at, r.id));
    for (const a of rollups) {
      for (const b of rollups.slice(0, 20)) {
        expect(mergeRollups(a, b)).toEqual(mergeRollups(b, a));
      }
    }
  });

  it('sums exactly, beyond what a float or 20 digits hold', () => {
    const merged = mergeRollups(rollupOf('12345678901234567890.123456789', 't1', 'a'), rollupOf('0.1', 't1', 'b'));
    expect(merged.sum).toBe('12345678901234567890.223456789');
    expect(mergeRollups(rollupOf('0.1', 't', 'a'), rollupOf('0.2', 't', 'b')).sum).toBe('0.3');
  });

  it.each([
    ['the later instant wins', ['5', '2026-03-01T10:15:30.000Z', 'b'], ['7', '2026-03-01T10:15:10.000Z', 'z'], '5'],
    [
      'on a tie, the greater event id wins',
      ['5', '2026-03-01T10:15:30.000Z', 'a'],
      ['7', '2026-03-01T10:15:30.000Z', 'b'],
      '7',
    ],
  ] as const)('latest: %s', (_, [v1, t1, id1], [v2, t2, id2], expected) => {
    const x = rollupOf(v1, t1, id1);
    const y = rollupOf(v2, t2, id2);
    expect(mergeRollups(x, y).latestValue).toBe(expected);
    expect(mergeRollups(y, x).latestValue).toBe(expected);
  });

  it('keeps min and max by value, not by text', () => {
    const merged = [
      rollupOf('9', 't', 'a'),
      rollupOf('10', 't', 'b'),
      rollupOf('-2', 't', 'c'),
      rollupOf('-10', 't', 'd'),
    ].reduce((a, b) => mergeRollups(a, b));
    expect(merged).toMatchObject({ count: 4, sum: '7', min: '-10', max: '10' });
  });
});

describe('minuteBucket', () => {
  it.each([
    ['2026-03-01T10:15:00.000Z', '2026-03-01T10:15:00.000Z'],
    ['2026-03-01T10:15:59.999Z', '2026-03-01T10:15:00.000Z'],
    ['2026-03-01T15:45:30+05:30', '2026-03-01T10:15:00.000Z'],
    ['2026-03-01T16:00:30.5+05:45', '2026-03-01T10:15:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:00.000Z'],
    ['2028-02-29T00:00:01Z', '2028-02-29T00:00:00.000Z'],
  ])('%s falls in the minute starting %s', (timestamp, bucket) => {
    expect(minuteBucket(timestamp)).toBe(bucket);
  });
});

describe('rollupKeyText', () => {
  const key = (over: Partial<RollupKey> = {}): RollupKey => ({
    tenantId: 't1',
    meterId: 'm1',
    accountId: 'acme',
    bucket: '2026-03-01T10:15:00.000Z',
    dimensions: { region: 'eu', tier: 'gold' },
    ...over,
  });

  it('does not depend on the order of dimension keys', () => {
    expect(rollupKeyText(key({ dimensions: { tier: 'gold', region: 'eu' } }))).toBe(rollupKeyText(key()));
  });

  it.each([
    ['tenant', { tenantId: 't2' }],
    ['meter', { meterId: 'm2' }],
    ['account', { accountId: 'acme2' }],
    ['bucket', { bucket: '2026-03-01T10:16:00.000Z' }],
    ['a dimension value', { dimensions: { region: 'us', tier: 'gold' } }],
    ['a missing dimension', { dimensions: { region: 'eu' } }],
    ['text shifted between fields', { tenantId: 't1m', meterId: '1' }],
  ])('tells rows apart by %s', (_, over) => {
    expect(rollupKeyText(key(over))).not.toBe(rollupKeyText(key()));
  });

  it('sorts rows by tenant, meter, account and dimensions, then chronologically', () => {
    const expected = [
      key({ tenantId: 'a', bucket: '2026-03-01T10:16:00.000Z' }),
      key({ meterId: 'm1', bucket: '2026-03-01T09:00:00.000Z' }),
      key({ meterId: 'm1', bucket: '2026-03-01T10:15:00.000Z' }),
      key({ meterId: 'm2', bucket: '2026-01-01T00:00:00.000Z' }),
    ];
    for (const seed of [1, 2, 3]) {
      const sorted = shuffled(expected, random(seed)).sort((a, b) => (rollupKeyText(a) < rollupKeyText(b) ? -1 : 1));
      expect(sorted).toEqual(expected);
    }
  });
});

describe('compareCodePoints', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['ab', 'a', 1],
    ['same', 'same', 0],
    // An astral character sorts after U+FFFD by code point, but before it by UTF-16 code unit.
    ['\u{1F600}', '\uFFFD', 1],
  ])('orders %j against %j', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });
});
