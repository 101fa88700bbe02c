import { StepBudget } from '../enrichment/logic-budget';
import { enrichEvent } from '../enrichment/enrich-event';
import type { AcceptedEvent } from '../event/accepted-event';
import type { EventSchema } from '../event-schema/event-schema';
import { evaluateMeter } from '../meter/evaluate-meter';
import type { Aggregation, UsageMeter } from '../meter/usage-meter';

/** REVERTED: undone by a correction (POST /events/correction); it counts for nothing until a REDO meters it again. */
export const eventStatuses = [
  'METERED',
  'NO_MATCHING_METERS',
  'ENRICHMENT_FAILED',
  'SCHEMA_NOT_FOUND',
  'ACCOUNT_NOT_FOUND',
  'FAILED',
  'REVERTED',
] as const;
export type EventStatus = (typeof eventStatuses)[number];

export interface MeterContribution {
  meterId: string;
  /** A decimal quantity; for UNIQUE_COUNT, the value counted once. */
  value: string;
  aggregation: Aggregation;
}

export interface EventOutcome {
  /** The event after enrichment (as received when enrichment failed). */
  event: AcceptedEvent;
  status: EventStatus;
  contributions: MeterContribution[];
  /** Why: the meters matched and their values, or what failed — shown by GET /events/{id}. */
  detail: Record<string, unknown>;
}

/**
 * Everything the rater decides about one event, with no I/O: enrich with the schema's fields,
 * then evaluate every ACTIVE meter of the schema. A failing formula fails this event only.
 */
export function meterEvent(event: AcceptedEvent, schema: EventSchema | undefined, meters: UsageMeter[]): EventOutcome {
  if (!schema) {
    return {
      event,
      status: 'SCHEMA_NOT_FOUND',
      contributions: [],
      detail: { reason: `event schema '${event.schemaName}' no longer exists` },
    };
  }
  // One budget for all of the event's formulas: its schema's and its meters' (logic-budget.ts).
  const budget = new StepBudget();
  const enriched = enrichEvent(event, schema.enrichments?.fields, budget);
  if (!enriched.ok) {
    return {
      event,
      status: 'ENRICHMENT_FAILED',
      contributions: [],
      detail: { field: enriched.field, reason: enriched.reason },
    };
  }

  const contributions: MeterContribution[] = [];
  const failures: { meterId: string; reason: string }[] = [];
  for (const meter of meters) {
    let outcome;
    try {
      outcome = evaluateMeter(meter, enriched.event, budget);
    } catch (error) {
      failures.push({ meterId: meter.id, reason: `formula failed: ${(error as Error).message}` });
      continue;
    }
    if (outcome.matched) {
      contributions.push({ meterId: meter.id, value: outcome.value, aggregation: meter.aggregation });
    }
  }
  const detail: Record<string, unknown> = { meters: contributions };
  if (failures.length > 0) {
    detail.failures = failures;
  }
  return {
    event: enriched.event,
    status: contributions.length > 0 ? 'METERED' : 'NO_MATCHING_METERS',
    contributions,
    detail,
  };
}
