import type { FieldIssue } from '../errors/app-error';
import { formulaCost, MAX_FORMULA_COST } from './logic-budget';

/** Every `var` path a JsonLogic expression reads, so a formula can be checked before it runs. */
export function logicVars(logic: unknown): string[] {
  if (Array.isArray(logic)) {
    return logic.flatMap(logicVars);
  }
  if (logic === null || typeof logic !== 'object') {
    return [];
  }
  return Object.entries(logic as Record<string, unknown>).flatMap(([op, args]) => {
    if (op !== 'var') {
      return logicVars(args);
    }
    const path = Array.isArray(args) ? args[0] : args;
    return typeof path === 'string' ? [path] : [];
  });
}

/**
 * Checks a JsonLogic formula (a string, as Togai sends it) against the fields an event will have
 * when it runs: it must parse, every `var` must be a known attribute or dimension, and its work
 * must be bounded (logic-budget.ts).
 */
export function checkFormula(
  text: string,
  fields: { attributes: string[]; dimensions: string[] },
  path: string,
): FieldIssue[] {
  let logic: unknown;
  try {
    logic = JSON.parse(text);
  } catch {
    return [{ path, message: 'is not valid JsonLogic (not JSON)' }];
  }
  const issues = logicVars(logic)
    .filter((v) => !isKnownVar(v, fields))
    .map((v) => ({ path, message: `reads '${v}', which this schema does not have` }));
  const cost = formulaCost(logic);
  if (cost > MAX_FORMULA_COST) {
    issues.push({
      path,
      message: `could take up to ${cost} evaluation steps per event; at most ${MAX_FORMULA_COST} are allowed (nested map, filter, reduce, all, some or none multiply)`,
    });
  }
  return issues;
}

function isKnownVar(path: string, fields: { attributes: string[]; dimensions: string[] }): boolean {
  if (['accountId', 'schemaName', 'timestamp'].includes(path)) {
    return true;
  }
  const [kind, ...rest] = path.split('.');
  const name = rest.join('.');
  if (kind === 'attributes') {
    return fields.attributes.includes(name);
  }
  if (kind === 'dimensions') {
    return fields.dimensions.includes(name);
  }
  return false;
}
