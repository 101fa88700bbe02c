import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdCrossings, type Threshold } from './threshold-crossings';

const t = (...values: string[]): Threshold[] => values.map((value, index) => ({ index, value }));
const fired = (before: string, after: string, thresholds: Threshold[], direction: 'UP' | 'DOWN' = 'UP') =>
  thresholdCrossings(before, after, thresholds, direction).map((x) => x.value);

describe('thresholdCrossings', () => {
  it.each([
    ['below to exactly the threshold fires', '99', '100', ['100']],
    ['below to above fires', '0', '150', ['100']],
    ['already at the threshold does not fire again', '100', '120', []],
    ['staying below does not fire', '10', '99.999', []],
    ['a jump over several fires each', '0', '1000', ['100', '500', '1000']],
    ['a fall never fires upward', '1000', '0', []],
    ['no change fires nothing', '100', '100', []],
  ])('UP: %s', (_, before, after, expected) => {
    expect(fired(before, after, t('100', '500', '1000'))).toEqual(expected);
  });

  it('compares exact decimals, not floats', () => {
    expect(fired('0.1', '0.3', t('0.3'))).toEqual(['0.3']);
    expect(fired('0.1', '0.29999999999999999999', t('0.3'))).toEqual([]);
  });

  it.each([
    ['above to exactly the threshold fires', '20', '10', ['10']],
    ['above to below fires', '20', '-5', ['10', '0']],
    ['already at or below does not fire again', '10', '5', []],
    ['a rise never fires downward', '0', '50', []],
  ])('DOWN: %s', (_, before, after, expected) => {
    expect(fired(before, after, t('10', '0'), 'DOWN')).toEqual(expected);
  });

  const path = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 });
  const thresholds = fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 5 });

  /** Brute force: the runs of the path at or above `t` that do not start at its first value. */
  function runsUpward(values: number[], threshold: number): number {
    let runs = 0;
    values.forEach((v, i) => {
      if (i > 0 && v >= threshold && values[i - 1]! < threshold) {
        runs += 1;
      }
    });
    return runs;
  }

  it('fires each threshold once per run above it that the changes entered: a re-crossing fires again, nothing else does', () => {
    fc.assert(
      fc.property(path, thresholds, (values, ts) => {
        const list = t(...ts.map(String));
        const counts = new Map<number, number>();
        for (let i = 1; i < values.length; i++) {
          for (const c of thresholdCrossings(String(values[i - 1]), String(values[i]), list, 'UP')) {
            counts.set(c.index, (counts.get(c.index) ?? 0) + 1);
          }
        }
        list.forEach((x, index) => expect(counts.get(index) ?? 0).toBe(runsUpward(values, Number(x.value))));
      }),
    );
  });

  it('one change and the same change split in steps that only rise fire the same thresholds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.array(fc.nat({ max: 10 }), { maxLength: 10 }),
        thresholds,
        (start, rises, ts) => {
          const list = t(...ts.map(String));
          const end = rises.reduce((v, r) => v + r, start);
          let at = start;
          const stepped: number[] = [];
          for (const r of rises) {
            stepped.push(...thresholdCrossings(String(at), String(at + r), list, 'UP').map((c) => c.index));
            at += r;
          }
          expect(stepped.sort()).toEqual(
            thresholdCrossings(String(start), String(end), list, 'UP')
              .map((c) => c.index)
              .sort(),
          );
        },
      ),
    );
  });

  it('DOWN is UP mirrored: a balance falling through a threshold is usage rising through its negation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        thresholds,
        (before, after, ts) => {
          const down = thresholdCrossings(String(before), String(after), t(...ts.map(String)), 'DOWN').map(
            (c) => c.index,
          );
          const up = thresholdCrossings(String(-before), String(-after), t(...ts.map((x) => String(-x))), 'UP').map(
            (c) => c.index,
          );
          expect(down).toEqual(up);
        },
      ),
    );
  });
});
