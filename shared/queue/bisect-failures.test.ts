import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bisectFailures } from './bisect-failures';

/** An attempt that fails whenever its part holds a poison item, as a database transaction does. */
function run(size: number, poison: Set<number>) {
  const done: number[] = [];
  const blamed: number[] = [];
  const items = Array.from({ length: size }, (_, i) => i);
  const attempts = bisectFailures(
    items,
    new Error('the whole batch failed'),
    async (part) => {
      if (part.some((i) => poison.has(i))) {
        throw new Error(`poison in ${part.length}`);
      }
      done.push(...part);
    },
    async (item) => void blamed.push(item),
  );
  return attempts.then((n) => ({
    attempts: n,
    done: done.sort((a, b) => a - b),
    blamed: blamed.sort((a, b) => a - b),
  }));
}

describe('bisectFailures', () => {
  it('blames exactly the poison items and lets every other item through once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 300 })
          .chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.nat(n - 1), { maxLength: 5 }))),
        async ([n, poison]) => {
          const { done, blamed } = await run(n, new Set(poison));
          expect(blamed).toEqual([...poison].sort((a, b) => a - b));
          expect(done).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => !poison.includes(i)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    [32_000, [31_999]],
    [32_000, [0, 16_000, 31_999]],
    [100, [7]],
  ])('finds the culprits among %i items in O(k log n) attempts', async (n, poison) => {
    const { attempts, blamed } = await run(n, new Set(poison));
    expect(blamed).toEqual(poison);
    expect(attempts).toBeLessThanOrEqual(2 * poison.length * Math.ceil(Math.log2(n)));
  });

  it('blames a lone item without another attempt', async () => {
    expect(await run(1, new Set([0]))).toEqual({ attempts: 0, done: [], blamed: [0] });
  });
});
