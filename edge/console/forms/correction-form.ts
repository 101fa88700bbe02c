import type { EventWithStatus } from '../../../shared/api/event-routes';
import { column, field, type FormFields } from './form-data';

/**
 * The console's REDO_EVENT form → the body of POST /events/correction?action=REDO_EVENT: the
 * event's id (from the page, not the form: it names the event corrected) and the payload that
 * replaces it. Rows left blank are dropped; an attribute's value and unit are sent as typed, so
 * the API (which checks the payload against the schema's ACTIVE version) names what it refuses.
 */
export function redoEventRequest(id: string, form: FormFields) {
  const values = column(form, 'attributeValue');
  const units = column(form, 'attributeUnit');
  const attributes = column(form, 'attributeName')
    .map((name, i) => ({ name, value: values[i] ?? '', unit: units[i] ?? '' }))
    .filter((a) => a.name !== '' || a.value !== '')
    .map(({ unit, ...a }) => (unit ? { ...a, unit } : a));
  const dimensionValues = column(form, 'dimensionValue');
  const dimensions = Object.fromEntries(
    column(form, 'dimensionName')
      .map((name, i) => [name, dimensionValues[i] ?? ''] as const)
      .filter(([name]) => name !== ''),
  );
  return {
    event: {
      id,
      schemaName: field(form, 'schemaName'),
      timestamp: field(form, 'timestamp'),
      accountId: field(form, 'accountId'),
      attributes,
      dimensions,
    },
  };
}

/** An event's payload as the form's fields: what a REDO_EVENT starts from. */
export function correctionFields(event: EventWithStatus): FormFields {
  const { schemaName, timestamp, accountId, attributes, dimensions } = event.eventPayload;
  return {
    schemaName,
    timestamp,
    accountId,
    attributeName: attributes.map((a) => a.name),
    attributeValue: attributes.map((a) => a.value),
    attributeUnit: attributes.map((a) => a.unit ?? ''),
    dimensionName: Object.keys(dimensions),
    dimensionValue: Object.values(dimensions),
  };
}

const TOP_LABELS: Record<string, string> = {
  'event.schemaName': 'Event schema',
  'event.timestamp': 'Time (ISO 8601)',
  'event.accountId': 'Account',
  'event.attributes': 'Attributes',
  'event.dimensions': 'Dimensions',
};

/**
 * The form's label for a path the API names in a refusal (`event.attributes.0.value` → "Attribute 1
 * value"), so the notice points at the field as the page shows it; undefined for a path the form has no field for.
 */
export function correctionFieldLabel(path: string): string | undefined {
  const attribute = /^event\.attributes\.(\d+)(?:\.(name|value|unit))?$/.exec(path);
  if (attribute) {
    return `Attribute ${Number(attribute[1]) + 1}${attribute[2] ? ` ${attribute[2]}` : ''}`;
  }
  // A dimension's name may hold dots: all that follows the prefix is the name.
  if (path.startsWith('event.dimensions.')) {
    return `Dimension ${path.slice('event.dimensions.'.length)}`;
  }
  return TOP_LABELS[path];
}
