import type { Alert } from '../../../shared/alert/alert';
import { field, type FormFields } from './form-data';

/**
 * The console's alert form → the body of POST /alerts. The template says which entity is sent (a
 * meter for USAGE_THRESHOLD, a currency for REVENUE_THRESHOLD, a feature for BALANCE_THRESHOLD):
 * only that one, so switching the template in the form never sends a stale choice. Blank owner: every account is watched.
 * Thresholds are typed as a list ("80, 100"); the API checks each and names the one it refuses
 * (`parameters.threshold.values.1`). Crossings are detected in real time, so `interval`, which
 * Togai's model requires, is 0.
 */
export function alertRequest(form: FormFields) {
  const template = field(form, 'alertTemplateId');
  const accountId = field(form, 'accountId');
  const description = field(form, 'description');
  const type = field(form, 'thresholdType') === 'PERCENTAGE' ? 'PERCENTAGE' : 'ABSOLUTE';
  const limit = field(form, 'thresholdLimit');
  return {
    alertTemplateId: template,
    interval: 0,
    status: field(form, 'status') || 'ACTIVE',
    ...(description ? { description } : {}),
    entityDetails: entityDetails(template, form),
    ...(accountId ? { ownerDetails: { account: { id: accountId } } } : {}),
    parameters: {
      threshold: {
        type,
        values: thresholdValues(field(form, 'thresholdValues')),
        ...(type === 'PERCENTAGE' && limit ? { limit } : {}),
      },
    },
  };
}

function entityDetails(template: string, form: FormFields) {
  if (template === 'REVENUE_THRESHOLD') {
    return { currency: { id: field(form, 'currency').toUpperCase() } };
  }
  if (template === 'BALANCE_THRESHOLD') {
    return { feature: { id: field(form, 'featureId') } };
  }
  return { usageMeter: { id: field(form, 'usageMeterId') } };
}

/** "80, 100 120" → ["80", "100", "120"]: decimals stay strings, exact, for the API to check. */
export function thresholdValues(text: string): string[] {
  return text.split(/[\s,;]+/).filter((v) => v !== '');
}

/** What an alert watches, read from its details: the meter, currency or feature, the account (or all), the thresholds. */
export function alertFacts(alert: Alert): {
  meterId?: string;
  currency?: string;
  featureId?: string;
  accountId?: string;
  thresholds: string;
} {
  const meterId = idAt(alert.entityDetails, 'usageMeter');
  const currency = idAt(alert.entityDetails, 'currency');
  const featureId = idAt(alert.entityDetails, 'feature');
  const accountId = idAt(alert.ownerDetails, 'account');
  return {
    ...(meterId ? { meterId } : {}),
    ...(currency ? { currency } : {}),
    ...(featureId ? { featureId } : {}),
    ...(accountId ? { accountId } : {}),
    thresholds: thresholdText(alert.parameters),
  };
}

function idAt(details: Record<string, unknown> | undefined, key: string): string | undefined {
  const entry = details?.[key];
  if (entry && typeof entry === 'object' && 'id' in entry && typeof entry.id === 'string') {
    return entry.id;
  }
  return undefined;
}

/** "100, 200" or "50%, 100% of 400". */
export function thresholdText(parameters: Record<string, unknown> | undefined): string {
  const threshold = parameters?.threshold as { type?: string; values?: unknown[]; limit?: unknown } | undefined;
  const values = (threshold?.values ?? []).map(String);
  if (threshold?.type === 'PERCENTAGE') {
    return `${values.map((v) => `${v}%`).join(', ')} of ${String(threshold.limit ?? '?')}`;
  }
  return values.join(', ');
}
