import { describe, expect, it } from 'vitest';
import { toScheduleChange, togaiInstant, updatePricingScheduleRequest } from './pricing-schedule';

const parse = (body: object) => updatePricingScheduleRequest.safeParse(body);
const paths = (body: object) => {
  const result = parse(body);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe("Togai's UpdatePricingScheduleRequest", () => {
  it('reads dates as 00:00 UTC, effectiveUntil exclusive, 9999-01-01 or none as open', () => {
    const change = (body: object) =>
      toScheduleChange(updatePricingScheduleRequest.parse({ pricePlanId: 'pp.1', ...body }));
    expect(change({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-08-01' })).toEqual({
      mode: 'ASSOCIATE',
      from: Date.parse('2026-07-01T00:00:00Z'),
      until: Date.parse('2026-08-01T00:00:00Z'),
    });
    expect(change({ effectiveFrom: '2026-07-01', effectiveUntil: '9999-01-01' }).until).toBeNull();
    expect(change({ effectiveFrom: '2026-07-01', effectiveUntil: '9999-12-31' }).until).toBeNull();
    expect(change({ effectiveFrom: '2026-07-01' }).until).toBeNull();
    // Meterline's extension: an instant with a zone.
    expect(change({ effectiveFrom: '2026-07-01T02:00:00+02:00' }).from).toBe(Date.parse('2026-07-01T00:00:00Z'));
    expect(
      toScheduleChange(
        updatePricingScheduleRequest.parse({
          mode: 'DISASSOCIATE',
          effectiveFrom: '2026-07-01',
          effectiveUntil: '9999-01-01',
        }),
      ),
    ).toEqual({
      mode: 'DISASSOCIATE',
      from: Date.parse('2026-07-01T00:00:00Z'),
      until: null,
    });
  });

  it.each<[string, object, string[]]>([
    ['no plan to ASSOCIATE', { effectiveFrom: '2026-07-01', effectiveUntil: '9999-01-01' }, ['pricePlanId']],
    [
      'a plan to DISASSOCIATE',
      { mode: 'DISASSOCIATE', pricePlanId: 'pp.1', effectiveFrom: '2026-07-01' },
      ['pricePlanId'],
    ],
    ['an unknown mode', { mode: 'REPLACE', pricePlanId: 'pp.1', effectiveFrom: '2026-07-01' }, ['mode']],
    ['a date that is not one', { pricePlanId: 'pp.1', effectiveFrom: '2026-02-30' }, ['effectiveFrom']],
    ['an instant without a zone', { pricePlanId: 'pp.1', effectiveFrom: '2026-02-01T00:00:00' }, ['effectiveFrom']],
    [
      'effectiveUntil not after effectiveFrom',
      { pricePlanId: 'pp.1', effectiveFrom: '2026-07-01', effectiveUntil: '2026-07-01' },
      ['effectiveUntil'],
    ],
    [
      'an override',
      { pricePlanId: 'pp.1', effectiveFrom: '2026-07-01', pricePlanDetailsOverride: { supportedCurrencies: ['EUR'] } },
      ['pricePlanDetailsOverride'],
    ],
    [
      'pricing rules',
      { pricePlanId: 'pp.1', effectiveFrom: '2026-07-01', pricingRulesOverride: [{ name: 'r' }] },
      ['pricingRulesOverride'],
    ],
    [
      'retainStartOffsets',
      { pricePlanId: 'pp.1', effectiveFrom: '2026-07-01', retainStartOffsets: true },
      ['retainStartOffsets'],
    ],
    [
      'pre-actions',
      { pricePlanId: 'pp.1', effectiveFrom: '2026-07-01', preActions: [{ type: 'GRANT_LICENSE' }] },
      ['preActions'],
    ],
    ['a field Togai does not have', { pricePlanId: 'pp.1', effectiveFrom: '2026-07-01', planId: 'x' }, ['']],
  ])('refuses %s, naming the field', (_, body, expected) => {
    expect(paths(body)).toEqual(expected);
  });

  it('accepts the no-op forms of what it cannot honour', () => {
    expect(
      parse({
        pricePlanId: 'pp.1',
        effectiveFrom: '2026-07-01',
        retainStartOffsets: false,
        preActions: [],
        pricingRulesOverride: [],
      }).success,
    ).toBe(true);
  });

  it('writes instants as Togai does, open ends as 9999-01-01', () => {
    expect(togaiInstant('2026-07-01T00:00:00.000Z')).toBe('2026-07-01T00:00:00Z');
    expect(togaiInstant(undefined)).toBe('9999-01-01T00:00:00Z');
  });
});
