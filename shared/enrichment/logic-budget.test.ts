import jsonLogic from 'json-logic-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLogic, EVENT_STEP_BUDGET, formulaCost, MAX_FORMULA_COST, StepBudget } from './logic-budget';
import { enrichEvent } from './enrich-event';
import type { AcceptedEvent } from '../event/accepted-event';

const zeros = (n: number) => Array.from({ length: n }, () => 0);
/** The formula: `all` nested `depth` times over literal arrays of 30. */
function nestedAll(depth: number): unknown {
  return depth === 0 ? true : { all: [zeros(30), nestedAll(depth - 1)] };
}

/** The steps a formula really takes on some data: the calls of jsonLogic.apply. */
function stepsOf(logic: unknown, data: unknown): number {
  const budget = new StepBudget(Number.MAX_SAFE_INTEGER);
  applyLogic(logic, data, budget);
  return Number.MAX_SAFE_INTEGER - budget.remaining;
}

describe('formulaCost', () => {
  it.each([
    [{ '+': [{ var: 'attributes.a' }, 1] }, 4],
    [{ if: [{ '>': [{ var: 'attributes.a' }, 5] }, 1, 0] }, 7],
    [{ map: [[1, 2, 3], { '*': [{ var: '' }, 2] }] }, 1 + 4 + 3 * 4],
  ])('bounds %j by %i steps', (logic, bound) => {
    expect(formulaCost(logic)).toBe(bound);
  });

  it('refuses the exponential formula of the issue at once (30^6 steps), and accepts one level', () => {
    expect(formulaCost(nestedAll(6))).toBeGreaterThan(700_000_000);
    expect(formulaCost(nestedAll(1))).toBeLessThanOrEqual(MAX_FORMULA_COST);
    expect(formulaCost(nestedAll(3))).toBeGreaterThan(MAX_FORMULA_COST);
  });

  it('is an upper bound of the steps actually taken, on any formula built from the iterating operations', () => {
    const leaf = fc.oneof(
      fc.constant({ var: '' }),
      fc.integer({ min: 0, max: 3 }),
      fc.constant({ var: 'attributes.a' }),
    );
    const logic = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ '+': fc.array(tie('node'), { maxLength: 3 }) }),
        fc
          .tuple(fc.constantFrom('map', 'filter', 'all', 'some', 'none'), tie('array'), tie('node'))
          .map(([op, a, b]) => ({ [op]: [a, b] })),
        fc.tuple(tie('array'), tie('node'), fc.integer({ min: 0, max: 2 })).map(([a, b, c]) => ({ reduce: [a, b, c] })),
        fc.record({ merge: fc.array(tie('array'), { maxLength: 3 }) }),
      ),
      array: fc.oneof(
        fc.array(tie('node'), { maxLength: 4 }),
        fc.record({ merge: fc.array(tie('node'), { maxLength: 3 }) }),
      ),
    })).node;
    fc.assert(
      fc.property(logic, (formula) => {
        let steps: number;
        try {
          steps = stepsOf(formula, { attributes: { a: 2 } });
        } catch {
          return; // json-logic refuses some generated shapes; they take fewer steps still
        }
        expect(steps).toBeLessThanOrEqual(formulaCost(formula));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the run-time budget', () => {
  it('fails an event whose formulas together exceed it, alone and with the reason', () => {
    const heavy = {
      map: [
        zeros(60),
        {
          '+': [
            { var: '' },
            { var: '' },
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
            10,
            11,
            12,
            13,
            14,
            15,
            16,
            17,
            18,
            19,
            20,
            21,
            22,
            23,
            24,
            25,
            26,
            27,
            28,
            29,
            30,
            31,
            32,
            33,
            34,
            35,
            36,
            37,
            38,
            39,
            40,
            41,
            42,
            43,
            44,
            45,
            46,
            47,
            48,
            49,
            50,
            51,
            52,
            53,
            54,
            55,
            56,
            57,
            58,
            59,
            60,
            61,
            62,
            63,
            64,
            65,
            66,
            67,
            68,
            69,
            70,
            71,
            72,
            73,
            74,
            75,
            76,
            77,
          ],
        },
      ],
    };
    const cost = formulaCost(heavy);
    expect(cost).toBeLessThanOrEqual(MAX_FORMULA_COST); // each formula is allowed…
    const count = Math.ceil(EVENT_STEP_BUDGET / cost) + 1; // …but not this many on one event
    const fields = Array.from({ length: count }, (_, i) => ({
      name: `f${i}`,
      type: 'DIMENSION' as const,
      enrichmentType: 'JSON_LOGIC' as const,
      order: i,
      value: JSON.stringify({ cat: [heavy] }),
    }));
    const event: AcceptedEvent = {
      id: 'e',
      schemaName: 's',
      schemaVersion: 1,
      timestamp: '2026-01-01T00:00:00Z',
      accountId: 'a',
      attributes: {},
      units: {},
      dimensions: {},
      acceptedAt: '2026-01-01T00:00:00Z',
    };
    const outcome = enrichEvent(event, fields);
    expect(outcome).toMatchObject({
      ok: false,
      reason: expect.stringContaining(`exceed ${EVENT_STEP_BUDGET} evaluation steps`),
    });
    // The next event starts with a budget of its own.
    expect(enrichEvent(event, fields.slice(0, 2)).ok).toBe(true);
  });

  it('counts nothing outside applyLogic', () => {
    expect(jsonLogic.apply({ all: [zeros(30), true] }, {})).toBe(true);
  });
});
