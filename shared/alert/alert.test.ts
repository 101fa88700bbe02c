import { describe, expect, it } from 'vitest';
import { absoluteThresholds, alertParametersSchema, alertSubject, createAlertRequest } from './alert';

const parse = (threshold: object) => alertParametersSchema.parse({ threshold });

describe('absoluteThresholds', () => {
  it.each([
    ['absolute values as given, in order', { values: [100, 5] }, ['100', '5']],
    [
      'percentages of the limit, exactly',
      { type: 'PERCENTAGE', values: [50, 80, 100, 33.3], limit: 1000 },
      ['500', '800', '1000', '333'],
    ],
    ['a fractional limit', { type: 'PERCENTAGE', values: [10], limit: '0.3' }, ['0.03']],
  ])('%s', (_, threshold, expected) => {
    expect(absoluteThresholds(parse(threshold)).map((t) => t.value)).toEqual(expected);
  });
});

describe('alert requests', () => {
  const base = {
    alertTemplateId: 'USAGE_THRESHOLD',
    interval: 0,
    status: 'ACTIVE',
    entityDetails: { usageMeter: { id: 'um.1' } },
  };
  it.each([
    [
      'a PERCENTAGE without a limit',
      { ...base, parameters: { threshold: { type: 'PERCENTAGE', values: [50] } } },
      'parameters.threshold.limit',
    ],
    ['no values', { ...base, parameters: { threshold: { values: [] } } }, 'parameters.threshold.values'],
    ['a negative value', { ...base, parameters: { threshold: { values: [-1] } } }, 'parameters.threshold.values.0'],
    [
      'a template Meterline has not',
      { ...base, alertTemplateId: 'SPEND', parameters: { threshold: { values: [1] } } },
      'alertTemplateId',
    ],
    [
      'details that are not a map of objects',
      { ...base, entityDetails: { usageMeterId: 'um.1' }, parameters: { threshold: { values: [1] } } },
      'entityDetails',
    ],
    [
      'a REVENUE_THRESHOLD without a currency',
      { ...base, alertTemplateId: 'REVENUE_THRESHOLD', parameters: { threshold: { values: [1] } } },
      'entityDetails.currency',
    ],
    [
      'a REVENUE_THRESHOLD naming a meter',
      {
        ...base,
        alertTemplateId: 'REVENUE_THRESHOLD',
        entityDetails: { currency: { id: 'USD' }, usageMeter: { id: 'um.1' } },
        parameters: { threshold: { values: [1] } },
      },
      'entityDetails.usageMeter',
    ],
    [
      'a USAGE_THRESHOLD without a meter',
      { ...base, entityDetails: { currency: { id: 'USD' } }, parameters: { threshold: { values: [1] } } },
      'entityDetails.usageMeter',
    ],
    [
      'a currency Meterline does not know',
      {
        ...base,
        alertTemplateId: 'REVENUE_THRESHOLD',
        entityDetails: { currency: { id: 'XYZ' } },
        parameters: { threshold: { values: [1] } },
      },
      'entityDetails.currency.id',
    ],
  ])('refuses %s, naming the field', (_, body, path) => {
    const result = createAlertRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts a REVENUE_THRESHOLD on a currency, its subject the currency code', () => {
    const request = createAlertRequest.parse({
      ...base,
      alertTemplateId: 'REVENUE_THRESHOLD',
      entityDetails: { currency: { id: 'EUR' } },
      parameters: { threshold: { values: ['99.5'] } },
    });
    expect(alertSubject(request.alertTemplateId, request.entityDetails)).toBe('EUR');
    expect(alertSubject('USAGE_THRESHOLD', { usageMeter: { id: 'um.1' } })).toBe('um.1');
  });
});
