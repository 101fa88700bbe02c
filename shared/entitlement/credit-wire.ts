import { exactNumber } from '../api/exact-number';
import type { CreditEntryView, CreditEntryWire, FeatureCredits, FeatureCreditsWire } from './credit-entry';

/**
 * Credits as they leave the API: Togai's models want numbers, and a double would round a decimal
 * such as 0.1 + 0.2 of credits; exactNumber writes the decimal's own text as the JSON number.
 * Only at the edge of the API: the ledger's RPC and storage keep exact decimal strings.
 */
export function toFeatureCreditsWire(credits: FeatureCredits): FeatureCreditsWire {
  return {
    accountId: credits.accountId,
    featureId: credits.featureId,
    granted: exactNumber(credits.granted),
    balance: exactNumber(credits.balance),
    ...(credits.overageLimit !== undefined ? { overageLimit: exactNumber(credits.overageLimit) } : {}),
    usedOverage: exactNumber(credits.usedOverage),
  };
}

export function toCreditEntryWire(entry: CreditEntryView): CreditEntryWire {
  return {
    ...entry,
    granted: exactNumber(entry.granted),
    used: exactNumber(entry.used),
    balance: exactNumber(entry.balance),
  };
}
