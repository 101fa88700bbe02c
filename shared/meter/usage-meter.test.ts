import { describe, expect, it } from 'vitest';
import { createUsageMeterRequest, definitionChanges, updateUsageMeterRequest, type UsageMeter } from './usage-meter';

const amount = { computation: '{"var":"attributes.transaction_amount"}', order: 1 };
const fee = { matcher: '{"==":[{"var":"dimensions.payment_mode"},"card"]}', computation: '0.3', order: 2 };
const meter: Pick<UsageMeter, 'eventSchemaName' | 'aggregation' | 'filters' | 'computations'> = {
  eventSchemaName: 'payment',
  aggregation: 'SUM',
  filters: [
    { field: 'payment_mode', value: 'card' },
    { field: 'region', value: 'eu' },
  ],
  computations: [amount, fee],
};

describe('definitionChanges', () => {
  it.each([
    ['an empty patch', {}],
    ['only names and description', { name: 'renamed', billableName: 'Card fees', description: null }],
    ['the same definition sent back', { ...meter }],
    ['filters in another order', { filters: [...meter.filters].reverse() }],
    ['computations in another array order (they run by `order`)', { computations: [fee, amount] }],
    [
      'a computation with its keys in another order',
      { computations: [{ order: 1, computation: amount.computation }, fee] },
    ],
  ])('sees no change in %s', (_, patch) => {
    expect(definitionChanges(meter, updateUsageMeterRequest.parse(patch))).toEqual([]);
  });

  it.each([
    ['another aggregation', { aggregation: 'MAX' }, ['aggregation']],
    ['another schema', { eventSchemaName: 'refund' }, ['eventSchemaName']],
    ['a filter removed', { filters: [meter.filters[0]] }, ['filters']],
    ['a filter value changed', { filters: [{ field: 'payment_mode', value: 'bank' }, meter.filters[1]] }, ['filters']],
    ['computations reordered by `order`', { computations: [{ ...amount, order: 3 }, fee] }, ['computations']],
    ['a matcher dropped', { computations: [amount, { computation: fee.computation, order: 2 }] }, ['computations']],
    [
      'everything at once, each named',
      { aggregation: 'COUNT', eventSchemaName: 'x', filters: [], computations: [] },
      ['eventSchemaName', 'aggregation', 'filters', 'computations'],
    ],
  ])('names %s', (_, patch, fields) => {
    expect(definitionChanges(meter, updateUsageMeterRequest.parse(patch))).toEqual(fields);
  });
});

describe('usage meter requests', () => {
  const create = { name: 'fees', aggregation: 'COUNT', eventSchemaName: 'payment' };

  it('fills Togai defaults on create', () => {
    expect(createUsageMeterRequest.parse(create)).toEqual({
      ...create,
      type: 'COUNTER',
      filters: [],
      computations: [],
    });
  });

  it.each([
    ['an unknown aggregation', { ...create, aggregation: 'AVG' }, 'aggregation'],
    ['an empty billableName', { ...create, billableName: '' }, 'billableName'],
    ['an unknown field', { ...create, colour: 'red' }, ''],
    ['a computation without its formula', { ...create, computations: [{ order: 1 }] }, 'computations.0.computation'],
  ])('refuses on create: %s', (_, input, path) => {
    const result = createUsageMeterRequest.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it.each([
    ['an unknown field (strict)', { status: 'ACTIVE' }, ''],
    ['a bad name', { name: 'a/b' }, 'name'],
    ['an unknown aggregation', { aggregation: 'AVG' }, 'aggregation'],
  ])('refuses on update: %s', (_, input, path) => {
    const result = updateUsageMeterRequest.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
