import type { FieldIssue } from '../errors/app-error';
import { schemaFields, type EventSchema } from '../event-schema/event-schema';
import type { SchemaAssociation } from './feature';

/**
 * Definition-time checks of a feature's schema associations. Each schema must exist and not be
 * ARCHIVED (a DRAFT or INACTIVE one may be activated later). A named attribute must be one the
 * schema declares in its latest version: the edge debits `/entitled` from the event as sent,
 * before any enrichment, so an enriched attribute — or a dimension — has no value to consume there.
 * `schemas` holds what the tenant has under each associated name (absent: no such schema).
 */
export function checkSchemaAssociations(
  associations: SchemaAssociation[],
  schemas: ReadonlyMap<string, EventSchema>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  associations.forEach(({ schemaName, attributeName }, index) => {
    const at = `schemaAssociations.${index}`;
    const schema = schemas.get(schemaName);
    if (!schema) {
      return issues.push({ path: `${at}.schemaName`, message: `no event schema named '${schemaName}'` });
    }
    if (schema.status === 'ARCHIVED') {
      return issues.push({ path: `${at}.schemaName`, message: `event schema '${schemaName}' is archived` });
    }
    if (attributeName === undefined || schema.attributes.some((a) => a.name === attributeName)) {
      return;
    }
    const fields = schemaFields(schema);
    const message = fields.dimensions.includes(attributeName)
      ? `'${attributeName}' is a dimension of event schema '${schemaName}', not an attribute`
      : fields.attributes.includes(attributeName)
        ? `'${attributeName}' is computed by enrichment in event schema '${schemaName}'; name an attribute events carry`
        : `event schema '${schemaName}' has no attribute '${attributeName}'`;
    issues.push({ path: `${at}.attributeName`, message });
  });
  return issues;
}
