import jsonLogic from 'json-logic-js';
import { toDecimalString } from '../decimal/decimal';
import type { AcceptedEvent } from '../event/accepted-event';
import { applyLogic, StepBudget } from '../enrichment/logic-budget';
import { logicData, type LogicData } from '../enrichment/logic-data';
import type { Computation, FilterEntry, UsageMeter } from './usage-meter';

export type MeterOutcome =
  | { matched: true; value: string }
  | {
      matched: false;
      reason: 'other_schema' | 'filtered_out' | 'no_computation_matched' | 'value_not_numeric' | 'value_missing';
    };

type MeterRule = Pick<UsageMeter, 'eventSchemaName' | 'aggregation' | 'filters' | 'computations'>;

/**
 * How much one (enriched) event adds to one meter: pure, no I/O. The event must be of the meter's
 * schema and pass every filter; then the first computation (by `order`) whose matcher holds gives
 * the value. COUNT counts matching events, so its value is 1 whatever the computation says;
 * UNIQUE_COUNT's value is the thing counted once (a user id, say), kept as text.
 */
export function evaluateMeter(meter: MeterRule, event: AcceptedEvent, budget = new StepBudget()): MeterOutcome {
  if (event.schemaName !== meter.eventSchemaName) {
    return { matched: false, reason: 'other_schema' };
  }
  if (!meter.filters.every((filter) => passesFilter(filter, event))) {
    return { matched: false, reason: 'filtered_out' };
  }
  if (meter.computations.length === 0) {
    return meter.aggregation === 'COUNT'
      ? { matched: true, value: '1' }
      : { matched: false, reason: 'no_computation_matched' };
  }

  const data = logicData(event);
  const computation = [...meter.computations]
    .sort((a, b) => a.order - b.order)
    .find((c) => c.matcher === undefined || isTruthy(applyLogic(parseLogic(c.matcher), data, budget)));
  if (!computation) {
    return { matched: false, reason: 'no_computation_matched' };
  }
  if (meter.aggregation === 'COUNT') {
    return { matched: true, value: '1' };
  }
  if (meter.aggregation === 'UNIQUE_COUNT') {
    const key = distinctValue(computation, event, data, budget);
    return key === null ? { matched: false, reason: 'value_missing' } : { matched: true, value: key };
  }

  const value = computeValue(computation, event, data, budget);
  return value === null ? { matched: false, reason: 'value_not_numeric' } : { matched: true, value };
}

function passesFilter(filter: FilterEntry, event: AcceptedEvent): boolean {
  const name = filter.field.replace(/^dimensions\./, '');
  return event.dimensions[name] === filter.value;
}

function computeValue(
  computation: Computation,
  event: AcceptedEvent,
  data: LogicData,
  budget: StepBudget,
): string | null {
  const logic = parseLogic(computation.computation);
  // A plain reference to an attribute is read as its exact decimal string, never as a float.
  const direct = directAttribute(logic);
  if (direct !== undefined) {
    return toDecimalString(event.attributes[direct]);
  }
  return toDecimalString(applyLogic(logic, data, budget));
}

/** Numbers are normalised ("1.50" and 1.5 are one value); text ("007" too) is taken as it is. */
function distinctValue(
  computation: Computation,
  event: AcceptedEvent,
  data: LogicData,
  budget: StepBudget,
): string | null {
  const logic = parseLogic(computation.computation);
  const direct = directAttribute(logic);
  const raw = direct !== undefined ? event.attributes[direct] : applyLogic(logic, data, budget);
  if (typeof raw === 'string') {
    return raw === '' ? null : direct !== undefined ? toDecimalString(raw) : raw;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    return toDecimalString(raw);
  }
  return null;
}

function directAttribute(logic: unknown): string | undefined {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) {
    return undefined;
  }
  const ref = (logic as { var?: unknown }).var;
  const path = Array.isArray(ref) && ref.length === 1 ? ref[0] : ref;
  return typeof path === 'string' && path.startsWith('attributes.') && Object.keys(logic).length === 1
    ? path.slice('attributes.'.length)
    : undefined;
}

/** Togai sends formulas as strings; "1" and "true" are valid JsonLogic constants too. */
export function parseLogic(text: string): unknown {
  return JSON.parse(text);
}

function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
