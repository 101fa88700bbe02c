import type { FieldIssue } from '../errors/app-error';
import { checkFormula } from '../enrichment/logic-vars';
import { filterableDimensions, schemaFields, type EventSchema } from '../event-schema/event-schema';
import type { CreateUsageMeterRequest } from './usage-meter';

/**
 * Definition-time checks of a meter against its schema: filters name dimensions the events will
 * carry (enriched ones included) and the schema's filterFields allow, formulas read only known
 * fields, and every aggregation other than COUNT has a computation to take its values from.
 */
export function checkUsageMeter(input: CreateUsageMeterRequest, schema: EventSchema): FieldIssue[] {
  const fields = schemaFields(schema);
  const filterable = filterableDimensions(schema);
  const issues: FieldIssue[] = [];
  input.filters.forEach((filter, index) => {
    const name = filter.field.replace(/^dimensions\./, '');
    const path = `filters.${index}.field`;
    if (!fields.dimensions.includes(name)) {
      issues.push({ path, message: `schema '${schema.name}' has no dimension '${name}'` });
    } else if (!filterable.includes(name)) {
      issues.push({ path, message: `the filterFields of schema '${schema.name}' don't include '${name}'` });
    }
  });
  input.computations.forEach((c, index) => {
    if (c.matcher !== undefined) {
      issues.push(...checkFormula(c.matcher, fields, `computations.${index}.matcher`));
    }
    issues.push(...checkFormula(c.computation, fields, `computations.${index}.computation`));
  });
  if (input.aggregation !== 'COUNT' && input.computations.length === 0) {
    issues.push({
      path: 'computations',
      message: `${input.aggregation} needs a computation that gives each event's value`,
    });
  }
  return issues;
}
