import { describe, expect, it } from 'vitest';
import { grantsValue } from './entitlement-value';

describe('grantsValue', () => {
  it('grants an equal value', () => {
    expect(grantsValue('true', 'true')).toBe(true);
    expect(grantsValue('gold', 'gold')).toBe(true);
  });

  it('refuses another word, compared exactly', () => {
    expect(grantsValue('true', 'false')).toBe(false);
    expect(grantsValue('gold', 'Gold')).toBe(false);
  });

  it('grants a number up to the configured amount, exactly', () => {
    expect(grantsValue('10', '3')).toBe(true);
    expect(grantsValue('10', '10.0')).toBe(true);
    expect(grantsValue('10', '10.000000000000000001')).toBe(false);
    expect(grantsValue('0.3', '0.1')).toBe(true);
  });

  it('does not compare a number with a word', () => {
    expect(grantsValue('10', 'ten')).toBe(false);
  });
});
