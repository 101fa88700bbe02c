import { describe, expect, it } from 'vitest';
import { issuesFromZod } from '../errors/zod-issues';
import {
  createEventSchemaRequest,
  eventSchemaSchema,
  filterableDimensions,
  schemaFields,
  updateEventSchemaRequest,
} from './event-schema';

const enrichment = (name: string) => ({
  name,
  type: 'DIMENSION' as const,
  enrichmentType: 'VALUE' as const,
  value: 'x',
  order: 1,
});

function paths(input: unknown): string[] {
  const result = createEventSchemaRequest.safeParse(input);
  return result.success ? [] : issuesFromZod(result.error).map((i) => i.path);
}

describe('createEventSchemaRequest', () => {
  it('accepts a schema and defaults its lists', () => {
    expect(createEventSchemaRequest.parse({ name: 'payment' })).toEqual({
      name: 'payment',
      attributes: [],
      dimensions: [],
    });
    expect(
      paths({
        name: 'payment',
        attributes: [{ name: 'amount', defaultUnit: 'USD' }],
        dimensions: [{ name: 'mode' }],
        enrichments: { fields: [enrichment('tier')] },
      }),
    ).toEqual([]);
  });

  it.each([
    ['a repeated attribute', { attributes: [{ name: 'a' }, { name: 'a' }] }, ['attributes.1.name']],
    ['a repeated dimension', { dimensions: [{ name: 'd' }, { name: 'd' }] }, ['dimensions.1.name']],
    [
      'a dimension named like an attribute',
      { attributes: [{ name: 'x' }], dimensions: [{ name: 'x' }] },
      ['dimensions.0.name'],
    ],
    [
      'an enrichment named like a dimension',
      { dimensions: [{ name: 'tier' }], enrichments: { fields: [enrichment('tier')] } },
      ['enrichments.fields.0.name'],
    ],
    [
      'an enrichment named like an attribute',
      { attributes: [{ name: 'a' }], enrichments: { fields: [enrichment('b'), enrichment('a')] } },
      ['enrichments.fields.1.name'],
    ],
    [
      'two enrichments of one name',
      { enrichments: { fields: [enrichment('t'), enrichment('t')] } },
      ['enrichments.fields.1.name'],
    ],
  ])('refuses %s', (_, fields, expected) => {
    expect(paths({ name: 'payment', ...fields })).toEqual(expected);
  });

  it.each([
    ['a name with a dot', { name: 'pay.ment' }, ['name']],
    ['a name of 51 characters', { name: 'x'.repeat(51) }, ['name']],
    [
      'a default unit of 11 characters',
      { name: 'p', attributes: [{ name: 'a', defaultUnit: 'x'.repeat(11) }] },
      ['attributes.0.defaultUnit'],
    ],
    [
      '51 attributes',
      { name: 'p', attributes: Array.from({ length: 51 }, (_, i) => ({ name: `a${i}` })) },
      ['attributes'],
    ],
    [
      'an unknown enrichment type',
      { name: 'p', enrichments: { fields: [{ ...enrichment('t'), enrichmentType: 'SQL' }] } },
      ['enrichments.fields.0.enrichmentType'],
    ],
    [
      'a fractional order',
      { name: 'p', enrichments: { fields: [{ ...enrichment('t'), order: 1.5 }] } },
      ['enrichments.fields.0.order'],
    ],
    ['an unknown key', { name: 'p', version: 2 }, ['(body)']],
    ['a dimension named __proto__', { name: 'p', dimensions: [{ name: '__proto__' }] }, ['dimensions.0.name']],
    ['a filterField with a dot', { name: 'p', filterFields: ['dimensions.region'] }, ['filterFields.0']],
    ['filterFields that are not a list', { name: 'p', filterFields: 'region' }, ['filterFields']],
    ['51 filterFields', { name: 'p', filterFields: Array.from({ length: 51 }, (_, i) => `d${i}`) }, ['filterFields']],
  ])('refuses %s', (_, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });
});

describe('filterFields, as Togai sends them', () => {
  it('is kept by create, update and the stored schema', () => {
    const filterFields = ['region', 'tier'];
    expect(
      createEventSchemaRequest.parse({ name: 'p', dimensions: [{ name: 'region' }], filterFields }).filterFields,
    ).toEqual(filterFields);
    expect(updateEventSchemaRequest.parse({ filterFields })).toEqual({ filterFields });
    const stored = {
      name: 'p',
      attributes: [],
      dimensions: [],
      filterFields,
      version: 1,
      status: 'ACTIVE',
      createdAt: 'x',
      updatedAt: 'x',
    };
    expect(eventSchemaSchema.parse(stored).filterFields).toEqual(filterFields);
  });
});

describe('filterableDimensions', () => {
  const schema = {
    attributes: [{ name: 'amount' }],
    dimensions: [{ name: 'mode' }],
    enrichments: { fields: [enrichment('tier')] },
  };

  it.each([
    ['absent', undefined, ['mode', 'tier']],
    ['empty, read back from Togai', [], ['mode', 'tier']],
    ['listed', ['tier'], ['tier']],
  ])('is every dimension, enriched ones too, unless filterFields are listed: %s', (_, filterFields, expected) => {
    expect(filterableDimensions({ ...schema, ...(filterFields ? { filterFields } : {}) })).toEqual(expected);
  });
});

describe('schemaFields', () => {
  it('lists declared and enriched fields by kind', () => {
    const fields = schemaFields({
      attributes: [{ name: 'amount' }],
      dimensions: [{ name: 'mode' }],
      enrichments: { fields: [enrichment('tier'), { ...enrichment('fee'), type: 'ATTRIBUTE' }] },
    });
    expect(fields).toEqual({ attributes: ['amount', 'fee'], dimensions: ['mode', 'tier'] });
  });
});
