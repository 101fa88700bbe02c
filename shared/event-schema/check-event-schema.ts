import type { FieldIssue } from '../errors/app-error';
import { checkFormula } from '../enrichment/logic-vars';
import { checkEventIdTemplate } from '../idempotency/event-id-template';
import type { CreateEventSchemaRequest } from './event-schema';

/**
 * Definition-time checks that zod's shape cannot express: each enrichment formula reads only
 * fields that exist when it runs (declared ones and enrichments of a lower `order`), and the
 * eventIdTemplate names only real fields. Refused here, such a mistake never fails at ingest.
 * filterFields name dimensions, each once: a meter filters on dimensions only.
 */
export function checkEventSchema(
  input: Pick<
    CreateEventSchemaRequest,
    'attributes' | 'dimensions' | 'enrichments' | 'eventIdTemplate' | 'filterFields'
  >,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const available = {
    attributes: input.attributes.map((a) => a.name),
    dimensions: input.dimensions.map((d) => d.name),
  };
  const fields = input.enrichments?.fields ?? [];
  const orders = new Set<number>();
  const byOrder = fields.map((field, index) => ({ field, index })).sort((a, b) => a.field.order - b.field.order);
  for (const { field, index } of byOrder) {
    const path = `enrichments.fields.${index}`;
    if (orders.has(field.order)) {
      issues.push({ path: `${path}.order`, message: `order ${field.order} is used twice` });
    }
    orders.add(field.order);
    if (field.enrichmentType === 'JSON_LOGIC') {
      issues.push(...checkFormula(field.value, available, `${path}.value`));
    } else if (field.type === 'ATTRIBUTE' && !/^-?\d+(\.\d+)?$/.test(field.value)) {
      issues.push({ path: `${path}.value`, message: 'an ATTRIBUTE constant must be a decimal number' });
    }
    (field.type === 'ATTRIBUTE' ? available.attributes : available.dimensions).push(field.name);
  }
  if (input.eventIdTemplate) {
    issues.push(...checkEventIdTemplate(input.eventIdTemplate, available));
  }
  issues.push(...checkFilterFields(input.filterFields ?? [], available.dimensions));
  return issues;
}

function checkFilterFields(filterFields: string[], dimensions: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  filterFields.forEach((name, index) => {
    const path = `filterFields.${index}`;
    if (!dimensions.includes(name)) {
      issues.push({ path, message: `'${name}' is not a dimension of this schema` });
    } else if (filterFields.indexOf(name) !== index) {
      issues.push({ path, message: `'${name}' is listed twice` });
    }
  });
  return issues;
}
