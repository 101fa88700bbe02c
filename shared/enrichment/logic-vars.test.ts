import { describe, expect, it } from 'vitest';
import { checkFormula, logicVars } from './logic-vars';

describe('logicVars', () => {
  it.each([
    [{ var: 'attributes.a' }, ['attributes.a']],
    [{ var: ['attributes.a', 0] }, ['attributes.a']],
    [{ '+': [{ var: 'attributes.a' }, { '*': [{ var: 'attributes.b' }, 2] }] }, ['attributes.a', 'attributes.b']],
    [
      { if: [{ '==': [{ var: 'dimensions.mode' }, 'card'] }, { var: 'attributes.a' }, 0] },
      ['dimensions.mode', 'attributes.a'],
    ],
    [[{ var: 'accountId' }, 'x'], ['accountId']],
    [{ '+': [1, 2] }, []],
    [1, []],
    ['attributes.a', []],
    [null, []],
  ])('%j reads %j', (logic, vars) => {
    expect(logicVars(logic)).toEqual(vars);
  });
});

describe('checkFormula', () => {
  const fields = { attributes: ['amount', 'fee'], dimensions: ['payment_mode', 'region.sub'] };

  it.each([
    '{"+":[{"var":"attributes.amount"},{"var":"attributes.fee"}]}',
    '{"==":[{"var":"dimensions.payment_mode"},"card"]}',
    '{"var":"dimensions.region.sub"}',
    '{"cat":[{"var":"accountId"},{"var":"schemaName"},{"var":"timestamp"}]}',
    '1',
    'true',
    '"text"',
  ])('accepts %s', (text) => {
    expect(checkFormula(text, fields, 'f')).toEqual([]);
  });

  it.each([
    ['not JSON', '{"var":', ['is not valid JsonLogic (not JSON)']],
    ['an unknown attribute', '{"var":"attributes.tip"}', ["reads 'attributes.tip', which this schema does not have"]],
    [
      'a dimension read as an attribute',
      '{"var":"attributes.payment_mode"}',
      ["reads 'attributes.payment_mode', which this schema does not have"],
    ],
    ['an unqualified name', '{"var":"amount"}', ["reads 'amount', which this schema does not have"]],
    ['the whole attributes object', '{"var":"attributes"}', ["reads 'attributes', which this schema does not have"]],
    [
      'two unknown fields',
      '{"+":[{"var":"attributes.x"},{"var":"dimensions.y"}]}',
      [
        "reads 'attributes.x', which this schema does not have",
        "reads 'dimensions.y', which this schema does not have",
      ],
    ],
  ])('refuses %s', (_, text, messages) => {
    expect(checkFormula(text, fields, 'computations.0.computation')).toEqual(
      messages.map((message) => ({ path: 'computations.0.computation', message })),
    );
  });
});
