import type { FieldIssue } from '../errors/app-error';
import type { EventSchema } from '../event-schema/event-schema';
import type { AcceptedEvent } from './accepted-event';
import type { WireEvent } from './event-wire';

export interface EventLimits {
  /** How far in the past an event may be dated and still be metered (docs/design.md §5). */
  graceMs: number;
  /** How far ahead of the edge's clock an event may be dated (clock skew of senders). */
  futureMs: number;
}

export const defaultEventLimits: EventLimits = {
  graceMs: 45 * 24 * 60 * 60 * 1000,
  futureMs: 5 * 60 * 1000,
};

export type EventCheck =
  | { ok: true; event: Omit<AcceptedEvent, 'id' | 'acceptedAt'> & { id?: string } }
  | { ok: false; issues: FieldIssue[] };

/**
 * Checks a well-formed event against the ACTIVE version of its schema: every attribute and
 * dimension must be declared, none given twice, and the timestamp inside the metering window.
 * Absent attributes are allowed — a meter that needs one simply does not match the event.
 */
export function validateEvent(
  event: WireEvent,
  schema: EventSchema,
  now: Date,
  limits: EventLimits = defaultEventLimits,
  path = 'event',
): EventCheck {
  const issues: FieldIssue[] = [];
  const { declaredAttributes, declaredDimensions, defaultUnits } = declarationsOf(schema);

  const attributes: Record<string, string> = {};
  const units: Record<string, string> = {};
  event.attributes.forEach((attribute, index) => {
    const at = `${path}.attributes.${index}.name`;
    if (!declaredAttributes.has(attribute.name)) {
      issues.push({ path: at, message: `schema '${schema.name}' has no attribute '${attribute.name}'` });
    } else if (Object.hasOwn(attributes, attribute.name)) {
      issues.push({ path: at, message: `attribute '${attribute.name}' is given more than once` });
    } else {
      attributes[attribute.name] = attribute.value;
      const unit = attribute.unit ?? defaultUnits.get(attribute.name);
      if (unit) {
        units[attribute.name] = unit;
      }
    }
  });

  const dimensions: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.dimensions)) {
    if (!declaredDimensions.has(name)) {
      issues.push({
        path: `${path}.dimensions.${name}`,
        message: `schema '${schema.name}' has no dimension '${name}'`,
      });
    } else {
      dimensions[name] = value;
    }
  }

  const time = new Date(event.timestamp);
  if (time.getTime() > now.getTime() + limits.futureMs) {
    issues.push({ path: `${path}.timestamp`, message: 'is more than 5 minutes in the future' });
  } else if (time.getTime() < now.getTime() - limits.graceMs) {
    const days = Math.round(limits.graceMs / 86_400_000);
    issues.push({ path: `${path}.timestamp`, message: `is older than the ${days}-day grace window` });
  }

  if (issues.length > 0) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    event: {
      ...(event.id === undefined ? {} : { id: event.id }),
      schemaName: schema.name,
      schemaVersion: schema.version,
      timestamp: time.toISOString(),
      accountId: event.accountId,
      attributes,
      units,
      dimensions,
    },
  };
}

interface Declarations {
  declaredAttributes: ReadonlySet<string>;
  declaredDimensions: ReadonlySet<string>;
  defaultUnits: ReadonlyMap<string, string>;
}

/**
 * What a schema declares, looked up per event: built once per schema object (a batch's events
 * share the one the edge's cache holds) rather than once per event. Schemas are not mutated.
 */
const declarations = new WeakMap<EventSchema, Declarations>();

function declarationsOf(schema: EventSchema): Declarations {
  let found = declarations.get(schema);
  if (!found) {
    found = {
      declaredAttributes: new Set(schema.attributes.map((a) => a.name)),
      declaredDimensions: new Set(schema.dimensions.map((d) => d.name)),
      defaultUnits: new Map(
        schema.attributes.flatMap((a) => (a.defaultUnit ? [[a.name, a.defaultUnit] as const] : [])),
      ),
    };
    declarations.set(schema, found);
  }
  return found;
}
