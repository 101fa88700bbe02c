import type { UnknownAccounts } from '../account/unknown-accounts';
import type { AcceptedEvent } from '../event/accepted-event';
import type { EventOutcome } from './meter-event';

/**
 * Splits a batch by the tenant's policy for accounts never created (shared/account/
 * unknown-accounts.ts): under FAIL, events naming no known account are not metered and become
 * ACCOUNT_NOT_FOUND, kept as received so a replay meters them once the account exists.
 */
export function splitByAccount(
  batch: AcceptedEvent[],
  policy: UnknownAccounts,
  known: ReadonlySet<string>,
): { meter: AcceptedEvent[]; notFound: EventOutcome[] } {
  if (policy === 'METER') return { meter: batch, notFound: [] };
  const meter: AcceptedEvent[] = [];
  const notFound: EventOutcome[] = [];
  for (const event of batch) {
    if (known.has(event.accountId)) meter.push(event);
    else notFound.push({ event, status: 'ACCOUNT_NOT_FOUND', contributions: [], detail: { reason: `no account '${event.accountId}'` } });
  }
  return { meter, notFound };
}
