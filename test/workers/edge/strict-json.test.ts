import { describe, expect, it } from 'vitest';
import { parseJsonExactly } from '../../../shared/api/strict-json';

/** In workerd, whose JSON.parse shows each number's source text: numbers are read exactly. */
describe('parseJsonExactly', () => {
  it.each([
    ['9007199254740993', '9007199254740993'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
    ['0.1000000000000000000001', '0.1000000000000000000001'],
    ['1e400', `1${'0'.repeat(400)}`],
    ['-1.0000000000000000000000000001e-30', `-0.${'0'.repeat(29)}10000000000000000000000000001`],
    ['1e99999', '1e99999'], // too far to write out: kept as sent, and no decimal field accepts it
  ])('%s becomes the exact decimal %s', (source, exact) => {
    expect(parseJsonExactly(`{"value": ${source}}`)).toEqual({ value: exact });
  });

  it.each([['1'], ['2.5'], ['1.50'], ['1e3'], ['-0.1'], ['-1e-30'], ['9007199254740991']])(
    '%s, which a double holds exactly, stays a number',
    (source) => {
      expect(parseJsonExactly(`[${source}]`)).toEqual([Number(source)]);
    },
  );

  it('leaves strings that look like numbers alone', () => {
    expect(parseJsonExactly('{"id":"12345678901234567890","e":"1e400"}')).toEqual({
      id: '12345678901234567890',
      e: '1e400',
    });
  });
});
