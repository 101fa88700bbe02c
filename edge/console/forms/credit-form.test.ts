import { describe, expect, it } from 'vitest';
import { grantCreditsRequest, updateCreditEntryRequest } from '../../../shared/entitlement/credit-entry';
import { adjustRequest, grantRequest } from './credit-form';

describe('credit forms', () => {
  it('leaves blank fields out of a grant, so the API applies its defaults, and reads times as UTC', () => {
    const body = grantRequest({
      granted: ' 500 ',
      source: 'REFUND',
      effectiveFrom: '',
      effectiveUntil: '2030-01-31T12:00',
      entryId: '',
    });
    expect(body).toEqual({ granted: '500', source: 'REFUND', effectiveUntil: '2030-01-31T12:00:00Z' });
    expect(grantCreditsRequest.safeParse(body).success).toBe(true);
  });

  it('sends only what an adjustment changes', () => {
    expect(adjustRequest({ granted: '750', effectiveUntil: '' })).toEqual({ granted: '750' });
    expect(updateCreditEntryRequest.safeParse(adjustRequest({ granted: '', effectiveUntil: '' })).success).toBe(false);
  });
});
