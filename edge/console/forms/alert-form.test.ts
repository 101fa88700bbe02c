import { describe, expect, it } from 'vitest';
import { createAlertRequest } from '../../../shared/alert/alert';
import { alertFacts, alertRequest, thresholdValues } from './alert-form';

describe('alertRequest', () => {
  it('sends a usage alert on a meter for one account, its absolute thresholds as exact decimals', () => {
    const body = alertRequest({
      alertTemplateId: 'USAGE_THRESHOLD',
      usageMeterId: 'um.1',
      currency: 'eur',
      accountId: ' acme ',
      description: 'Half way',
      status: 'ACTIVE',
      thresholdType: 'ABSOLUTE',
      thresholdValues: '80, 100.5 ,120',
      thresholdLimit: '400',
    });
    expect(body).toEqual({
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      description: 'Half way',
      entityDetails: { usageMeter: { id: 'um.1' } },
      ownerDetails: { account: { id: 'acme' } },
      parameters: { threshold: { type: 'ABSOLUTE', values: ['80', '100.5', '120'] } },
    });
    expect(createAlertRequest.safeParse(body).success).toBe(true);
  });

  it('sends a revenue alert on a currency for every account, as percentages of a limit', () => {
    const body = alertRequest({
      alertTemplateId: 'REVENUE_THRESHOLD',
      usageMeterId: 'um.1',
      currency: 'eur',
      accountId: '',
      status: 'INACTIVE',
      thresholdType: 'PERCENTAGE',
      thresholdValues: '50 100',
      thresholdLimit: '400',
    });
    expect(body).toEqual({
      alertTemplateId: 'REVENUE_THRESHOLD',
      interval: 0,
      status: 'INACTIVE',
      entityDetails: { currency: { id: 'EUR' } },
      parameters: { threshold: { type: 'PERCENTAGE', values: ['50', '100'], limit: '400' } },
    });
    expect(createAlertRequest.safeParse(body).success).toBe(true);
  });

  it("sends a balance alert on a feature, and nothing of the other templates' choices", () => {
    const body = alertRequest({
      alertTemplateId: 'BALANCE_THRESHOLD',
      usageMeterId: 'um.1',
      currency: 'eur',
      featureId: 'tokens',
      accountId: 'acme',
      thresholdType: 'PERCENTAGE',
      thresholdValues: '20',
      thresholdLimit: '500',
    });
    expect(body).toEqual({
      alertTemplateId: 'BALANCE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { feature: { id: 'tokens' } },
      ownerDetails: { account: { id: 'acme' } },
      parameters: { threshold: { type: 'PERCENTAGE', values: ['20'], limit: '500' } },
    });
    expect(createAlertRequest.safeParse(body).success).toBe(true);
  });

  it('leaves a missing limit and a bad value for the API to name', () => {
    const body = alertRequest({
      alertTemplateId: 'USAGE_THRESHOLD',
      usageMeterId: 'um.1',
      thresholdType: 'PERCENTAGE',
      thresholdValues: '50, lots',
      thresholdLimit: '',
    });
    const parsed = createAlertRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'parameters.threshold.limit',
      'parameters.threshold.values.1',
    ]);
  });
});

describe('thresholdValues', () => {
  it.each([
    ['', []],
    ['5', ['5']],
    [' 1,2;3  4 ', ['1', '2', '3', '4']],
  ])('%j → %j', (text, values) => {
    expect(thresholdValues(text)).toEqual(values);
  });
});

describe('alertFacts', () => {
  const alert = {
    id: 'alert.1',
    version: 1,
    status: 'ACTIVE' as const,
    alertTemplateId: 'USAGE_THRESHOLD',
    interval: 0,
    createdAt: 'x',
  };
  it('reads the meter, the account and absolute thresholds', () => {
    expect(
      alertFacts({
        ...alert,
        entityDetails: { usageMeter: { id: 'um.1' } },
        ownerDetails: { account: { id: 'acme' } },
        parameters: { threshold: { type: 'ABSOLUTE', values: [80, 100] } },
      }),
    ).toEqual({ meterId: 'um.1', accountId: 'acme', thresholds: '80, 100' });
  });
  it('reads a currency, no owner, and percentages of a limit', () => {
    expect(
      alertFacts({
        ...alert,
        alertTemplateId: 'REVENUE_THRESHOLD',
        entityDetails: { currency: { id: 'USD' } },
        parameters: { threshold: { type: 'PERCENTAGE', values: [50, 100], limit: 400 } },
      }),
    ).toEqual({ currency: 'USD', thresholds: '50%, 100% of 400' });
  });
  it('reads a feature', () => {
    expect(
      alertFacts({
        ...alert,
        alertTemplateId: 'BALANCE_THRESHOLD',
        entityDetails: { feature: { id: 'tokens' } },
        parameters: { threshold: { type: 'ABSOLUTE', values: [100] } },
      }),
    ).toEqual({ featureId: 'tokens', thresholds: '100' });
  });
});
