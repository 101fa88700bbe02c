import { describe, expect, it } from 'vitest';
import type { EnrichmentField } from './event-schema';
import { checkEventSchema } from './check-event-schema';

const base = {
  attributes: [{ name: 'read_rate' }, { name: 'write_rate' }],
  dimensions: [{ name: 'region' }],
};

function logic(
  name: string,
  order: number,
  value: string,
  type: EnrichmentField['type'] = 'ATTRIBUTE',
): EnrichmentField {
  return { name, type, enrichmentType: 'JSON_LOGIC', value, order };
}
function constant(
  name: string,
  order: number,
  value: string,
  type: EnrichmentField['type'] = 'ATTRIBUTE',
): EnrichmentField {
  return { name, type, enrichmentType: 'VALUE', value, order };
}

const sum = '{"+":[{"var":"attributes.read_rate"},{"var":"attributes.write_rate"}]}';

describe('checkEventSchema', () => {
  it.each([
    ['no enrichments', undefined],
    ['a formula over declared fields', [logic('throughput', 1, sum)]],
    [
      'a formula reading an enrichment of a lower order, listed later',
      [logic('doubled', 2, '{"*":[{"var":"attributes.throughput"},2]}'), logic('throughput', 1, sum)],
    ],
    [
      'a dimension formula reading an enriched dimension',
      [
        constant('tier', 1, 'gold', 'DIMENSION'),
        logic('label', 2, '{"cat":[{"var":"dimensions.tier"},{"var":"dimensions.region"}]}', 'DIMENSION'),
      ],
    ],
    ['decimal ATTRIBUTE constants', [constant('a', 1, '12.5'), constant('b', 2, '-3'), constant('c', 3, '0')]],
    ['any DIMENSION constant', [constant('tier', 1, 'gold tier!', 'DIMENSION')]],
    ['negative and sparse orders', [logic('x', -5, sum), logic('y', 100, '{"var":"attributes.x"}')]],
  ])('accepts %s', (_, fields) => {
    expect(checkEventSchema({ ...base, ...(fields ? { enrichments: { fields } } : {}) })).toEqual([]);
  });

  it.each([
    [
      'a formula reading an unknown field',
      [logic('x', 1, '{"var":"attributes.tip"}')],
      'enrichments.fields.0.value',
      /reads 'attributes.tip'/,
    ],
    [
      'a formula reading an enrichment of a higher order',
      [logic('throughput', 2, sum), logic('doubled', 1, '{"*":[{"var":"attributes.throughput"},2]}')],
      'enrichments.fields.1.value',
      /reads 'attributes.throughput'/,
    ],
    [
      'a formula reading itself',
      [logic('loop', 1, '{"+":[{"var":"attributes.loop"},1]}')],
      'enrichments.fields.0.value',
      /reads 'attributes.loop'/,
    ],
    [
      'an enriched dimension read as an attribute',
      [constant('tier', 1, 'gold', 'DIMENSION'), logic('x', 2, '{"var":"attributes.tier"}')],
      'enrichments.fields.1.value',
      /reads 'attributes.tier'/,
    ],
    ['a formula that is not JSON', [logic('x', 1, '{"+":[')], 'enrichments.fields.0.value', /not valid JsonLogic/],
    [
      'an ATTRIBUTE constant that is not a number',
      [constant('x', 1, 'abc')],
      'enrichments.fields.0.value',
      /decimal number/,
    ],
    [
      'an ATTRIBUTE constant in exponent notation',
      [constant('x', 1, '1e3')],
      'enrichments.fields.0.value',
      /decimal number/,
    ],
    [
      'an order used twice',
      [logic('a', 1, sum), logic('b', 1, sum)],
      'enrichments.fields.1.order',
      /order 1 is used twice/,
    ],
  ])('refuses %s at %s', (_, fields, path, message) => {
    expect(checkEventSchema({ ...base, enrichments: { fields } })).toEqual([
      { path, message: expect.stringMatching(message) },
    ]);
  });

  it('checks the eventIdTemplate against declared and enriched fields', () => {
    const enrichments = { fields: [constant('tier', 1, 'gold', 'DIMENSION')] };
    expect(checkEventSchema({ ...base, enrichments, eventIdTemplate: '{{accountId}}:{{dimensions.tier}}' })).toEqual(
      [],
    );
    expect(checkEventSchema({ ...base, enrichments, eventIdTemplate: '{{dimensions.colour}}' })).toEqual([
      { path: 'eventIdTemplate', message: 'placeholder {{dimensions.colour}} names no field of this schema' },
    ]);
  });

  describe('filterFields', () => {
    const enrichments = { fields: [constant('tier', 1, 'gold', 'DIMENSION'), constant('fee', 2, '0.3')] };

    it('accepts declared and enriched dimensions', () => {
      expect(checkEventSchema({ ...base, enrichments, filterFields: ['tier', 'region'] })).toEqual([]);
    });

    it.each([
      ['an unknown field', ['region', 'colour'], 'filterFields.1', /'colour' is not a dimension/],
      ['an attribute', ['read_rate'], 'filterFields.0', /'read_rate' is not a dimension/],
      ['an enriched attribute', ['fee'], 'filterFields.0', /'fee' is not a dimension/],
      ['a dimension listed twice', ['region', 'tier', 'region'], 'filterFields.2', /'region' is listed twice/],
    ])('refuses %s at %s', (_, filterFields, path, message) => {
      expect(checkEventSchema({ ...base, enrichments, filterFields })).toEqual([
        { path, message: expect.stringMatching(message) },
      ]);
    });
  });

  it('reports every problem at once', () => {
    const issues = checkEventSchema({
      ...base,
      enrichments: { fields: [constant('a', 1, 'x'), logic('b', 2, '{"var":"attributes.nope"}')] },
      eventIdTemplate: 'fixed',
      filterFields: ['nope'],
    });
    expect(issues.map((i) => i.path)).toEqual([
      'enrichments.fields.0.value',
      'enrichments.fields.1.value',
      'eventIdTemplate',
      'filterFields.0',
    ]);
  });
});
