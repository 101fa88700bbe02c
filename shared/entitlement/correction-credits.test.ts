import { describe, expect, it } from 'vitest';
import type { EventStatus } from '../metering/meter-event';
import { creditChanges, heldCredits } from './correction-credits';
import type { Feature } from './feature';

const TOKENS: Feature = {
  id: 'tokens',
  name: 'tokens',
  displayName: 'tokens',
  status: 'ACTIVE',
  createdAt: '',
  updatedAt: '',
  schemaAssociations: [{ schemaName: 'api_call', attributeName: 'tokens' }],
};
const event = (tokens: string, accountId = 'acme') => ({
  id: 'e1',
  schemaName: 'api_call',
  schemaVersion: 1,
  timestamp: '2026-05-01T10:00:00.000Z',
  accountId,
  attributes: { tokens },
  units: {},
  dimensions: {},
});
const AT = Date.parse('2026-05-01T10:00:00.000Z');

describe('heldCredits', () => {
  it.each<EventStatus>(['METERED', 'NO_MATCHING_METERS', 'ENRICHMENT_FAILED', 'FAILED'])(
    'a %s event holds what it consumes',
    (status) => {
      expect(heldCredits(event('5'), status, [TOKENS])).toEqual({
        accountId: 'acme',
        at: AT,
        lines: [{ featureId: 'tokens', amount: '5' }],
      });
    },
  );

  it.each<EventStatus>(['REVERTED', 'ACCOUNT_NOT_FOUND'])('a %s event holds nothing', (status) => {
    expect(heldCredits(event('5'), status, [TOKENS])).toBeNull();
  });

  it('an event no feature consumes holds nothing', () => {
    expect(heldCredits(event('5'), 'METERED', [])).toBeNull();
  });
});

describe('creditChanges', () => {
  const five = heldCredits(event('5'), 'METERED', [TOKENS]);
  const eight = heldCredits(event('8'), 'METERED', [TOKENS]);
  const elsewhere = heldCredits(event('5', 'globex'), 'METERED', [TOKENS]);

  it('UNDO gives back what was held', () => {
    expect(creditChanges(five, null)).toEqual([{ ...five, effect: 'REFUND' }]);
  });

  it('REDO of an undone event debits again', () => {
    expect(creditChanges(null, five)).toEqual([{ ...five, effect: 'DEBIT' }]);
  });

  it('a replacement gives back the old, then debits the new — to another account too', () => {
    expect(creditChanges(five, eight)).toEqual([
      { ...five, effect: 'REFUND' },
      { ...eight, effect: 'DEBIT' },
    ]);
    expect(creditChanges(five, elsewhere)).toEqual([
      { ...five, effect: 'REFUND' },
      { ...elsewhere, effect: 'DEBIT' },
    ]);
  });

  it('changes nothing when the event holds the same after (a REDO of a counted event), or nothing either side', () => {
    expect(creditChanges(five, heldCredits(event('5.0'), 'METERED', [TOKENS]))).toEqual([]);
    expect(creditChanges(null, null)).toEqual([]);
  });
});
