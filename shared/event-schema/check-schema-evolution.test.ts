import { describe, expect, it } from 'vitest';
import { checkSchemaEvolution } from './check-schema-evolution';
import type { EventSchemaDefinition } from './event-schema';

const tier = { name: 'tier', type: 'DIMENSION' as const, enrichmentType: 'VALUE' as const, value: 'gold', order: 1 };
const published: EventSchemaDefinition = {
  attributes: [{ name: 'bytes' }],
  dimensions: [{ name: 'region' }, { name: 'mode' }],
  enrichments: { fields: [tier] },
  filterFields: ['region'],
};
const check = (next: Partial<EventSchemaDefinition>, current = published) =>
  checkSchemaEvolution(current, { ...current, ...next });

describe('checkSchemaEvolution', () => {
  it.each([
    ['no change', {}],
    ['a new attribute', { attributes: [{ name: 'bytes' }, { name: 'seconds' }] }],
    ['a new dimension', { dimensions: [{ name: 'region' }, { name: 'mode' }, { name: 'zone' }] }],
    ['a new filterField', { filterFields: ['region', 'mode'] }],
    ['a new enriched filterField, listed first', { filterFields: ['tier', 'region'] }],
    ['filterFields dropped, which makes every dimension filterable', { filterFields: undefined }],
    ['filterFields emptied, which makes every dimension filterable', { filterFields: [] }],
  ])('accepts %s', (_, next) => {
    expect(check(next)).toEqual([]);
  });

  it.each([
    ['a removed attribute', { attributes: [] }, 'attributes', /'bytes' is published and cannot be removed/],
    [
      'a changed enrichment',
      { enrichments: { fields: [{ ...tier, value: 'silver' }] } },
      'enrichments.fields',
      /'tier' is published and cannot be changed/,
    ],
    ['a changed eventIdTemplate', { eventIdTemplate: '{{accountId}}' }, 'eventIdTemplate', /cannot be changed/],
    [
      'a removed filterField',
      { filterFields: ['mode'] },
      'filterFields',
      /'region' is published as filterable and cannot be removed/,
    ],
  ])('refuses %s at %s', (_, next, path, message) => {
    expect(check(next)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  describe('a published schema without filterFields', () => {
    const open = { ...published, filterFields: undefined };

    it('may list every dimension, since each was filterable already', () => {
      expect(check({ filterFields: ['mode', 'tier', 'region'] }, open)).toEqual([]);
    });

    it('may not narrow what meters filter on by listing only some', () => {
      expect(check({ filterFields: ['region'] }, open)).toEqual([
        {
          path: 'filterFields',
          message: expect.stringMatching(
            /'mode' is published as filterable \(the published schema has no filterFields/,
          ),
        },
        { path: 'filterFields', message: expect.stringMatching(/'tier' is published as filterable/) },
      ]);
    });
  });

  it('reports a removed dimension once, under dimensions, not again under filterFields', () => {
    expect(check({ dimensions: [{ name: 'mode' }], filterFields: undefined }).map((i) => i.path)).toEqual([
      'dimensions',
    ]);
  });
});
