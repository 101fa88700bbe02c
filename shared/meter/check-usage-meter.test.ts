import { describe, expect, it } from 'vitest';
import type { EventSchema } from '../event-schema/event-schema';
import { checkUsageMeter } from './check-usage-meter';
import { createUsageMeterRequest } from './usage-meter';

const schema: EventSchema = {
  name: 'payment',
  version: 1,
  status: 'ACTIVE',
  attributes: [{ name: 'transaction_amount' }],
  dimensions: [{ name: 'payment_mode' }],
  enrichments: {
    fields: [
      { name: 'region', type: 'DIMENSION', enrichmentType: 'VALUE', value: 'eu', order: 1 },
      { name: 'fee', type: 'ATTRIBUTE', enrichmentType: 'VALUE', value: '0.3', order: 2 },
    ],
  },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const amount = { computation: '{"var":"attributes.transaction_amount"}', order: 1 };

function check(input: Record<string, unknown>, against: EventSchema = schema) {
  return checkUsageMeter(createUsageMeterRequest.parse({ name: 'm', eventSchemaName: 'payment', ...input }), against);
}

describe('checkUsageMeter', () => {
  it.each([
    ['COUNT without computations', { aggregation: 'COUNT' }],
    ['SUM of an attribute', { aggregation: 'SUM', computations: [amount] }],
    [
      'SUM of an enriched attribute',
      { aggregation: 'SUM', computations: [{ computation: '{"var":"attributes.fee"}', order: 1 }] },
    ],
    [
      'a filter on a declared dimension, bare',
      { aggregation: 'COUNT', filters: [{ field: 'payment_mode', value: 'card' }] },
    ],
    [
      'a filter on a declared dimension, qualified',
      { aggregation: 'COUNT', filters: [{ field: 'dimensions.payment_mode', value: 'card' }] },
    ],
    ['a filter on an enriched dimension', { aggregation: 'COUNT', filters: [{ field: 'region', value: 'eu' }] }],
    [
      'a matcher on an enriched dimension',
      { aggregation: 'MAX', computations: [{ ...amount, matcher: '{"==":[{"var":"dimensions.region"},"eu"]}' }] },
    ],
    ['a constant computation', { aggregation: 'LATEST', computations: [{ computation: '1', order: 1 }] }],
  ])('accepts %s', (_, input) => {
    expect(check(input)).toEqual([]);
  });

  it.each([
    [
      'a filter on an unknown dimension',
      { aggregation: 'COUNT', filters: [{ field: 'colour', value: 'red' }] },
      'filters.0.field',
      /no dimension 'colour'/,
    ],
    [
      'a filter on an attribute',
      {
        aggregation: 'COUNT',
        filters: [
          { field: 'payment_mode', value: 'card' },
          { field: 'transaction_amount', value: '5' },
        ],
      },
      'filters.1.field',
      /no dimension 'transaction_amount'/,
    ],
    [
      'a qualified filter on an unknown dimension',
      { aggregation: 'COUNT', filters: [{ field: 'dimensions.colour', value: 'red' }] },
      'filters.0.field',
      /no dimension 'colour'/,
    ],
    ['SUM without a computation', { aggregation: 'SUM' }, 'computations', /SUM needs a computation/],
    ['MIN without a computation', { aggregation: 'MIN' }, 'computations', /MIN needs a computation/],
    [
      'a computation reading an unknown field',
      { aggregation: 'SUM', computations: [{ computation: '{"var":"attributes.tip"}', order: 1 }] },
      'computations.0.computation',
      /reads 'attributes.tip'/,
    ],
    [
      'a computation that is not JSON',
      { aggregation: 'SUM', computations: [{ computation: '{"var"', order: 1 }] },
      'computations.0.computation',
      /not valid JsonLogic/,
    ],
    [
      'a matcher reading an unknown field',
      { aggregation: 'SUM', computations: [amount, { ...amount, order: 2, matcher: '{"var":"dimensions.colour"}' }] },
      'computations.1.matcher',
      /reads 'dimensions.colour'/,
    ],
    [
      'a matcher that is not JSON',
      { aggregation: 'COUNT', computations: [{ ...amount, matcher: 'card' }] },
      'computations.0.matcher',
      /not valid JsonLogic/,
    ],
  ])('refuses %s at %s', (_, input, path, message) => {
    expect(check(input)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});

describe('checkUsageMeter against a schema with filterFields', () => {
  const withFilterFields: EventSchema = {
    ...schema,
    dimensions: [{ name: 'payment_mode' }, { name: 'card_brand' }],
    filterFields: ['region', 'card_brand'],
  };
  const filters = (...fields: string[]) => ({
    aggregation: 'COUNT',
    filters: fields.map((field) => ({ field, value: 'x' })),
  });

  it.each([
    ['a listed dimension', filters('card_brand')],
    ['a listed enriched dimension, qualified', filters('dimensions.region')],
    ['several listed dimensions', filters('region', 'card_brand')],
  ])('accepts a filter on %s', (_, input) => {
    expect(check(input, withFilterFields)).toEqual([]);
  });

  it.each([
    [
      'a dimension not listed',
      filters('payment_mode'),
      'filters.0.field',
      /filterFields of schema 'payment' don't include 'payment_mode'/,
    ],
    [
      'a dimension not listed, qualified',
      filters('region', 'dimensions.payment_mode'),
      'filters.1.field',
      /don't include 'payment_mode'/,
    ],
    ['an unknown dimension', filters('colour'), 'filters.0.field', /no dimension 'colour'/],
  ])('refuses a filter on %s at %s', (_, input, path, message) => {
    expect(check(input, withFilterFields)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('lets any dimension be filtered on when filterFields are empty', () => {
    expect(check(filters('payment_mode', 'card_brand', 'region'), { ...withFilterFields, filterFields: [] })).toEqual(
      [],
    );
  });

  it('does not restrict matchers, only filters', () => {
    const matcher = {
      aggregation: 'COUNT',
      computations: [{ ...amount, matcher: '{"==":[{"var":"dimensions.payment_mode"},"card"]}' }],
    };
    expect(check(matcher, withFilterFields)).toEqual([]);
  });
});

describe('createUsageMeterRequest', () => {
  it('defaults type, filters and computations', () => {
    expect(createUsageMeterRequest.parse({ name: 'm', aggregation: 'COUNT', eventSchemaName: 'payment' })).toEqual({
      name: 'm',
      aggregation: 'COUNT',
      eventSchemaName: 'payment',
      type: 'COUNTER',
      filters: [],
      computations: [],
    });
  });

  it.each([['AVG'], ['count'], ['DISTINCT']])('refuses aggregation %s', (aggregation) => {
    expect(createUsageMeterRequest.safeParse({ name: 'm', aggregation, eventSchemaName: 'payment' }).success).toBe(
      false,
    );
  });
});
