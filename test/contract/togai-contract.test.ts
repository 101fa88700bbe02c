import { describe, expect, it } from 'vitest';
import { expectTogai, togaiProblems } from './togai-contract';

/** The checker itself: it must refuse what Togai's client would refuse, or it proves nothing. */
describe('the Togai model check', () => {
  const feature = {
    id: 'feat.1',
    name: 'calls',
    displayName: 'calls',
    schemaAssociations: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    status: 'ACTIVE',
  };

  it('accepts a valid instance, with fields Togai does not know', () => {
    expect(togaiProblems('Feature', { ...feature, meterlineExtra: 1 })).toEqual([]);
  });

  it('names a wrong type, a missing required field and a value outside an enum', () => {
    expect(togaiProblems('Attribute', { name: 'bytes', value: 12 })).toEqual(['/value must be string']);
    expect(togaiProblems('Attribute', {})).toContain("/ must have required property 'name'");
    expect(togaiProblems('Account', { id: 'a', name: 'a', customerId: 'c', status: 'LIVE' }).join('\n')).toContain(
      '/status must be equal to one of the allowed values ["ACTIVE","DRAFT","ARCHIVED"]',
    );
  });

  it('refuses a model Togai does not have', () => {
    expect(() => expectTogai('NoSuchModel', {})).toThrow(/no model NoSuchModel/);
  });
});
