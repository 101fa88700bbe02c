import { describe, expect, it } from 'vitest';
import { invoiceCurrencyChangeIssue, type PinnedAssociation } from './pinned-currency';

const multi = { currency: 'USD', supportedCurrencies: ['USD', 'EUR'] };
const single = { currency: 'USD' };
const NOW = Date.parse('2026-06-15T00:00:00Z');
const pinned = (
  currency: string,
  definition: PinnedAssociation['definition'],
  effectiveUntil: number | null = null,
): PinnedAssociation => ({ id: 'pa.1', currency, definition, effectiveUntil });

describe('invoiceCurrencyChangeIssue', () => {
  const cases: [string, PinnedAssociation[], string | null, boolean][] = [
    ['no plans: any currency', [], 'EUR', true],
    ['rated in USD on a USD/EUR plan, to EUR', [pinned('USD', multi)], 'EUR', false],
    ['rated in EUR on a USD/EUR plan, to USD', [pinned('EUR', multi)], 'USD', false],
    ['rated in EUR, unset (would fall back to USD)', [pinned('EUR', multi)], null, false],
    ['rated in USD on a USD-only plan, to EUR (still USD there)', [pinned('USD', single)], 'EUR', true],
    ['same currency', [pinned('EUR', multi)], 'EUR', true],
    ['the association ended before now', [pinned('USD', multi, NOW - 1)], 'EUR', true],
    ['the association ends after now', [pinned('USD', multi, NOW + 1)], 'EUR', false],
  ];
  it.each(cases)('%s', (_, associations, currency, allowed) => {
    const issue = invoiceCurrencyChangeIssue(associations, currency, NOW);
    expect(issue === null).toBe(allowed);
    if (issue) {
      expect(issue).toMatchObject({ path: 'invoiceCurrency', message: expect.stringContaining("'pa.1'") });
    }
  });
});
