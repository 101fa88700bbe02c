import type { FieldIssue } from '../errors/app-error';
import { canonicalJson } from '../idempotency/payload-hash';
import type { EventSchemaDefinition } from './event-schema';

/**
 * A published schema may only grow: every attribute, dimension and enrichment field it has must
 * stay, unchanged, so events and meters written against an older version keep their meaning.
 * The eventIdTemplate is frozen too — changing it would let yesterday's retries count twice.
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
  if ((current.eventIdTemplate ?? null) !== (next.eventIdTemplate ?? null)) {
    issues.push({ path: 'eventIdTemplate', message: 'is published and cannot be changed' });
  }
  return issues;
}
