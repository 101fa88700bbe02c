import jsonLogic from 'json-logic-js';

/**
 * JsonLogic runs tenants' formulas on the shared rater, so its work is bounded twice (issue 14):
 *
 * - At definition time, `formulaCost` bounds how many evaluation steps (calls of jsonLogic.apply)
 *   a formula can take on any event, and a formula over MAX_FORMULA_COST is refused. Only the
 *   iterating operations multiply work (map, filter, reduce, all, some, none: their body runs once
 *   per element). Event data holds no arrays, so every array a formula meets is built from the
 *   formula itself: no longer than the formula's node count. Nested `all` over literal arrays of
 *   30 — 729 million steps, 13 s of the rater — is refused at once.
 * - At run time, every step of every formula of one event draws on one budget
 *   (EVENT_STEP_BUDGET): an event whose schema and meters together would take more fails alone,
 *   with the reason, whatever the static bound missed.
 *
 * One step measured ~0.3 µs (Node 20, json-logic-js 2.0.5), so a whole event's formulas stay
 * under ~10 ms of the rater's CPU.
 */
export const MAX_FORMULA_COST = 5_000;
export const EVENT_STEP_BUDGET = 20_000;

const ITERATING = new Set(['map', 'filter', 'all', 'some', 'none']);

/** An upper bound of the evaluation steps `logic` can take on any event. */
export function formulaCost(logic: unknown): number {
  return Math.min(cost(logic, nodeCount(logic)), Number.MAX_SAFE_INTEGER);
}

function cost(logic: unknown, longest: number): number {
  if (Array.isArray(logic)) {
    return 1 + sum(logic.map((item) => cost(item, longest)));
  }
  if (logic === null || typeof logic !== 'object') {
    return 1;
  }
  const [op, raw] = Object.entries(logic)[0] ?? [];
  if (op === undefined) {
    return 1;
  }
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  const costs = args.map((arg) => cost(arg, longest));
  if (ITERATING.has(op)) {
    return 1 + (costs[0] ?? 0) + length(args[0], longest) * (costs[1] ?? 0);
  }
  if (op === 'reduce') {
    return 1 + (costs[0] ?? 0) + (costs[2] ?? 0) + length(args[0], longest) * (costs[1] ?? 0);
  }
  // `missing` looks up each key it is given (a var step each).
  if (op === 'missing' || op === 'missing_some') {
    return 1 + sum(costs) + 2 * longest;
  }
  return 1 + sum(costs);
}

/** How long the array an expression gives can be: a literal's length, else the formula's size. */
function length(logic: unknown, longest: number): number {
  return Array.isArray(logic) ? logic.length : longest;
}

function nodeCount(logic: unknown): number {
  if (Array.isArray(logic)) {
    return 1 + sum(logic.map(nodeCount));
  }
  if (logic !== null && typeof logic === 'object') {
    return 1 + sum(Object.values(logic).map(nodeCount));
  }
  return 1;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The steps one event's formulas may still take. */
export class StepBudget {
  constructor(public remaining = EVENT_STEP_BUDGET) {}
}

let active: StepBudget | null = null;
const applyUnbounded = jsonLogic.apply.bind(jsonLogic);
// json-logic-js evaluates sub-expressions through `jsonLogic.apply`, so counting the calls of this
// one property counts every step, nested and iterated ones included.
jsonLogic.apply = ((logic: unknown, data: unknown) => {
  if (active !== null && --active.remaining < 0) {
    throw new Error(`the event's formulas exceed ${EVENT_STEP_BUDGET} evaluation steps`);
  }
  return applyUnbounded(logic as never, data);
}) as typeof jsonLogic.apply;

/** Applies a formula, each of its steps drawn from `budget`. */
export function applyLogic(logic: unknown, data: unknown, budget: StepBudget): unknown {
  const outer = active;
  active = budget;
  try {
    return jsonLogic.apply(logic as never, data);
  } finally {
    active = outer;
  }
}
