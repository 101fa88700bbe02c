import { describe, expect, it } from 'vitest';
import { accountSearchSchema, likePrefixPattern } from './account-search';

describe('likePrefixPattern', () => {
  it.each([
    ['Acme', 'Acme%'],
    ['50%_off', '50\\%\\_off%'],
    ['a\\b', 'a\\\\b%'],
    ['ΟΔΟΣ', 'ΟΔΟΣ%'],
  ])('%s → %s', (prefix, pattern) => {
    expect(likePrefixPattern(prefix)).toBe(pattern);
  });
});

describe('accountSearchSchema', () => {
  it('trims, and refuses what is empty once trimmed or longer than a name', () => {
    expect(accountSearchSchema.parse('  acme ')).toBe('acme');
    expect(accountSearchSchema.parse(undefined)).toBeUndefined();
    expect(accountSearchSchema.safeParse('   ').success).toBe(false);
    expect(accountSearchSchema.safeParse('x'.repeat(256)).success).toBe(false);
  });
});
