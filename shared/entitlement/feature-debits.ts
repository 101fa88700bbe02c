import type { FieldIssue } from '../errors/app-error';
import { Decimal } from '../decimal/decimal';
import type { Feature } from './feature';

/** What one event consumes of one feature. */
export interface DebitLine {
  featureId: string;
  amount: string;
}

/** The event fields a feature reads: the same at the edge (as sent) and in the rater (as accepted). */
export interface ConsumingEvent {
  schemaName: string;
  attributes: Record<string, string>;
}

/**
 * The features an event consumes, and how much of each: the associated attribute's value, or 1
 * for a count-style association. Only ACTIVE features count. An attribute the event lacks, or a
 * negative value, is reported as an issue (POST /entitled refuses the event); for usage that
 * already happened (the rater's path) such a line is simply left out — nothing can be refused then.
 */
export function featureDebits(
  event: ConsumingEvent,
  features: Feature[],
  path = 'event',
): { lines: DebitLine[]; issues: FieldIssue[] } {
  const lines: DebitLine[] = [];
  const issues: FieldIssue[] = [];
  for (const feature of features) {
    if (feature.status !== 'ACTIVE') {
      continue;
    }
    const association = feature.schemaAssociations.find((a) => a.schemaName === event.schemaName);
    if (!association) {
      continue;
    }
    if (association.attributeName === undefined) {
      lines.push({ featureId: feature.id, amount: '1' });
      continue;
    }
    const value = event.attributes[association.attributeName];
    if (value === undefined) {
      issues.push({
        path: `${path}.attributes`,
        message: `feature '${feature.name}' consumes attribute '${association.attributeName}', which the event lacks`,
      });
    } else if (new Decimal(value).isNegative()) {
      issues.push({
        path: `${path}.attributes`,
        message: `feature '${feature.name}' cannot consume a negative '${association.attributeName}'`,
      });
    } else {
      lines.push({ featureId: feature.id, amount: new Decimal(value).toFixed() });
    }
  }
  return { lines, issues };
}
