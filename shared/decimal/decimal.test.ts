import { describe, expect, it } from 'vitest';
import { Decimal, toDecimalString } from './decimal';

describe('toDecimalString', () => {
  it.each([
    ['a float sum is cut back to what a double holds', 0.1 + 0.2, '0.3'],
    ['a float product', 1.1 * 3, '3.3'],
    ['an integer', 42, '42'],
    ['a negative number', -12.5, '-12.5'],
    ['a tiny number, in plain notation', 1e-7, '0.0000001'],
    ['a large number, in plain notation', 1e21, '1000000000000000000000'],
    ['negative zero', -0, '0'],
  ])('number: %s', (_, input, expected) => {
    expect(toDecimalString(input)).toBe(expected);
  });

  it.each([
    ['0.1', '0.1'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
    ['-0.000000000000000000000000001', '-0.000000000000000000000000001'],
    ['  7  ', '7'],
    ['1.50', '1.5'],
    ['007', '7'],
  ])('string %j is read exactly as %j', (input, expected) => {
    expect(toDecimalString(input)).toBe(expected);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['an object', { value: 1 }],
    ['an array', [1]],
    ['null', null],
    ['undefined', undefined],
    ['exponent notation', '1e5'],
    ['a leading plus', '+1'],
    ['a bare fraction', '.5'],
    ['words', 'abc'],
    ['an empty string', ''],
  ])('%s is not a number', (_, input) => {
    expect(toDecimalString(input)).toBeNull();
  });

  it.each([
    [true, '1'],
    [false, '0'],
  ])('boolean %s counts as %s', (input, expected) => {
    expect(toDecimalString(input)).toBe(expected);
  });
});

describe('Decimal', () => {
  // decimal.js rounds arithmetic to 20 significant digits unless told otherwise; sums must not.
  it('adds beyond 20 significant digits without rounding', () => {
    expect(new Decimal('12345678901234567890.123456789').plus('0.1').toFixed()).toBe('12345678901234567890.223456789');
    expect(new Decimal('1').plus('0.000000000000000000000000000001').toFixed()).toBe(
      '1.000000000000000000000000000001',
    );
  });

  it('keeps the extremes exactly', () => {
    expect(Decimal.min('99999999999999999999999.5', '99999999999999999999999.25').toFixed()).toBe(
      '99999999999999999999999.25',
    );
    expect(Decimal.max('-0.000000000000000000000001', '-1').toFixed()).toBe('-0.000000000000000000000001');
  });
});
