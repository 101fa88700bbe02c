import { toDecimalString } from '../decimal/decimal';
import type { AcceptedEvent } from '../event/accepted-event';
import type { EnrichmentField } from '../event-schema/event-schema';
import { applyLogic, StepBudget } from './logic-budget';
import { logicData } from './logic-data';

export type EnrichmentOutcome = { ok: true; event: AcceptedEvent } | { ok: false; field: string; reason: string };

/**
 * Computes a schema's enrichment fields, in `order`, onto an event. Each field sees the fields
 * computed before it, so `throughput = read_rate + write_rate` can feed a later formula.
 * A formula that fails on this event's data fails this event alone (ENRICHMENT_FAILED); one
 * that gives no value leaves its field absent. Every formula step draws on `budget` (logic-budget.ts).
 */
export function enrichEvent(
  event: AcceptedEvent,
  fields: EnrichmentField[] = [],
  budget = new StepBudget(),
): EnrichmentOutcome {
  const attributes = { ...event.attributes };
  const dimensions = { ...event.dimensions };
  const ordered = [...fields].sort((a, b) => a.order - b.order);

  for (const field of ordered) {
    let raw: unknown;
    try {
      raw =
        field.enrichmentType === 'VALUE'
          ? field.value
          : applyLogic(JSON.parse(field.value), logicData({ ...event, attributes, dimensions }), budget);
    } catch (error) {
      return { ok: false, field: field.name, reason: `formula failed: ${(error as Error).message}` };
    }
    // No value (the formula read fields this event does not carry) leaves the field absent, as an
    // absent attribute is: a schema that gains an enrichment must not fail events sent without it.
    if (raw === null || raw === undefined || raw === '') {
      continue;
    }
    if (field.type === 'ATTRIBUTE') {
      const value = toDecimalString(raw);
      if (value === null) {
        return {
          ok: false,
          field: field.name,
          reason: `formula gave ${JSON.stringify(raw) ?? 'undefined'}, not a number`,
        };
      }
      attributes[field.name] = value;
    } else {
      dimensions[field.name] = String(raw).slice(0, 200);
    }
  }
  return { ok: true, event: { ...event, attributes, dimensions } };
}
