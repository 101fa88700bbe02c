import type { FieldIssue } from '../errors/app-error';

/**
 * A schema's eventIdTemplate builds an event's idempotency key from its content, e.g.
 * `{{accountId}}:{{dimensions.request_id}}` — so two sends of the same business fact collide
 * even when the client sets no id. Placeholders: accountId, schemaName, timestamp,
 * attributes.<name>, dimensions.<name>.
 */
const PLACEHOLDER = /\{\{\s*([\w.\s-]+?)\s*\}\}/g;

interface TemplateSource {
  accountId: string;
  schemaName: string;
  timestamp: string;
  attributes: Record<string, string>;
  dimensions: Record<string, string>;
}

/** The id, or the name of the placeholder this event has no value for. */
export function renderEventId(template: string, event: TemplateSource): { id: string } | { missing: string } {
  let missing: string | undefined;
  const id = template.replace(PLACEHOLDER, (_, ref: string) => {
    const value = lookup(ref, event);
    if (value === undefined) {
      missing ??= ref;
    }
    return value ?? '';
  });
  return missing === undefined ? { id } : { missing };
}

/** Definition-time check: every placeholder must name a field the schema has. */
export function checkEventIdTemplate(
  template: string,
  fields: { attributes: string[]; dimensions: string[] },
  path = 'eventIdTemplate',
): FieldIssue[] {
  const refs = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  if (refs.length === 0) {
    return [{ path, message: 'must contain at least one {{placeholder}}' }];
  }
  return refs
    .filter((ref) => {
      const [kind, ...rest] = ref.split('.');
      const name = rest.join('.');
      if (['accountId', 'schemaName', 'timestamp'].includes(ref)) {
        return false;
      }
      if (kind === 'attributes') {
        return !fields.attributes.includes(name);
      }
      if (kind === 'dimensions') {
        return !fields.dimensions.includes(name);
      }
      return true;
    })
    .map((ref) => ({ path, message: `placeholder {{${ref}}} names no field of this schema` }));
}

function lookup(ref: string, event: TemplateSource): string | undefined {
  if (ref === 'accountId' || ref === 'schemaName' || ref === 'timestamp') {
    return event[ref];
  }
  const [kind, ...rest] = ref.split('.');
  const name = rest.join('.');
  // Own keys only: a field named `constructor` must not read Object.prototype's.
  const fields = kind === 'attributes' ? event.attributes : kind === 'dimensions' ? event.dimensions : undefined;
  return fields && Object.hasOwn(fields, name) ? fields[name] : undefined;
}
