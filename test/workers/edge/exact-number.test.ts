import { describe, expect, it } from 'vitest';
import { exactNumber } from '../../../shared/api/exact-number';

describe('exactNumber (in the Workers runtime)', () => {
  it('writes the decimal itself as a JSON number, however many digits', () => {
    const body = {
      amount: exactNumber('119.75'),
      tiny: exactNumber('0.0147'),
      huge: exactNumber('1000000000000000000000.5'),
      negative: exactNumber('-3'),
    };
    expect(JSON.stringify(body)).toBe('{"amount":119.75,"tiny":0.0147,"huge":1000000000000000000000.5,"negative":-3}');
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['1e3', '01', '.5', '', 'NaN', '1.']) {
      expect(() => exactNumber(bad)).toThrow(/plain decimal/);
    }
  });
});
