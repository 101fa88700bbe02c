import type { FieldIssue } from '../errors/app-error';
import { canonicalJson } from '../idempotency/payload-hash';
import { filterableDimensions, schemaFields, type EventSchemaDefinition } from './event-schema';

/**
 * A published schema may only grow: every attribute, dimension and enrichment field it has must
 * stay, unchanged, so events and meters written against an older version keep their meaning.
 * The eventIdTemplate is frozen too — changing it would let yesterday's retries count twice.
 * What meters may filter on only grows as well: an ACTIVE meter's filters were checked against it.
 */
export function checkSchemaEvolution(current: EventSchemaDefinition, next: EventSchemaDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const groups = [
    ['attributes', current.attributes, next.attributes],
    ['dimensions', current.dimensions, next.dimensions],
    ['enrichments.fields', current.enrichments?.fields ?? [], next.enrichments?.fields ?? []],
  ] as const;
  for (const [path, before, after] of groups) {
    for (const field of before) {
      const kept = (after as readonly { name: string }[]).find((f) => f.name === field.name);
      if (!kept) {
        issues.push({ path, message: `'${field.name}' is published and cannot be removed or renamed` });
      } else if (canonicalJson(kept) !== canonicalJson(field)) {
        issues.push({ path, message: `'${field.name}' is published and cannot be changed` });
      }
    }
  }
  issues.push(...filterFieldIssues(current, next));
  if ((current.eventIdTemplate ?? null) !== (next.eventIdTemplate ?? null)) {
    issues.push({ path: 'eventIdTemplate', message: 'is published and cannot be changed' });
  }
  return issues;
}

/**
 * Compares what is filterable, not the lists: a schema without filterFields lets meters filter on
 * every dimension, so giving it filterFields later must still list each of them. A dimension
 * removed outright is reported once, under its own group.
 */
function filterFieldIssues(current: EventSchemaDefinition, next: EventSchemaDefinition): FieldIssue[] {
  const dimensions = schemaFields(next).dimensions;
  const kept = new Set(filterableDimensions(next));
  const why = current.filterFields?.length ? '' : ' (the published schema has no filterFields, so every dimension is)';
  return filterableDimensions(current)
    .filter((name) => dimensions.includes(name) && !kept.has(name))
    .map((name) => ({
      path: 'filterFields',
      message: `'${name}' is published as filterable${why} and cannot be removed`,
    }));
}
