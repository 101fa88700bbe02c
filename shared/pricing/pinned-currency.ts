import type { FieldIssue } from '../errors/app-error';
import { ratingCurrency } from './plan-currency';
import type { PricePlanDefinition } from './price-plan';

/**
 * An association fixes the currency its account is rated in when it is made (ratingCurrency of the
 * account's invoiceCurrency then), as Togai fixes an account's currency once it has a plan: a
 * cycle's revenue then stays in one currency whatever happens to the account later.
 *
 * So an invoiceCurrency may change only where no association still in force or to come would
 * price in another currency under it. Associations that ended before `now` are history and do
 * not count. Returns the issue naming `path`, or null when the change is harmless.
 */
export interface PinnedAssociation {
  id: string;
  currency: string;
  definition: Pick<PricePlanDefinition, 'currency' | 'supportedCurrencies'>;
  effectiveUntil: number | null;
}

export function invoiceCurrencyChangeIssue(
  associations: PinnedAssociation[],
  invoiceCurrency: string | null | undefined,
  now: number,
  path = 'invoiceCurrency',
): FieldIssue | null {
  const moved = associations.find(
    (a) =>
      (a.effectiveUntil === null || a.effectiveUntil > now) &&
      ratingCurrency(a.definition, invoiceCurrency) !== a.currency,
  );
  if (!moved) {
    return null;
  }
  return {
    path,
    message: `the account is rated in ${moved.currency} under price plan association '${moved.id}', which would price in ${ratingCurrency(moved.definition, invoiceCurrency)} under it; keep ${moved.currency} until that association ends`,
  };
}
