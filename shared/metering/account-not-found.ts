import type { UnknownAccounts } from '../account/unknown-accounts';
import type { AcceptedEvent } from '../event/accepted-event';
import type { EventOutcome } from './meter-event';

/**
 * Splits a batch by the tenant's policy for accounts never created (shared/account/
 * unknown-accounts.ts): under FAIL, events naming no known account are not metered and become
 * ACCOUNT_NOT_FOUND, kept as received so a replay meters them once the account exists.
 *
 * The stored event cannot say whether its debit was already taken (`debitedAtEdge` is not kept,
 * and a replayed FAILED event's debit was queued when it failed), so the outcome records it:
 * `debitOwed` is what a replay must owe, true only when these events' debits are owed
 * (`owesDebits`) and the edge has not debited the event. Owing it twice would debit it twice.
 */
export function splitByAccount(
  batch: AcceptedEvent[],
  policy: UnknownAccounts,
  known: ReadonlySet<string>,
  { owesDebits = true }: { owesDebits?: boolean } = {},
): { meter: AcceptedEvent[]; notFound: EventOutcome[] } {
  if (policy === 'METER') {
    return { meter: batch, notFound: [] };
  }
  const meter: AcceptedEvent[] = [];
  const notFound: EventOutcome[] = [];
  for (const event of batch) {
    if (known.has(event.accountId)) {
      meter.push(event);
    } else {
      notFound.push({
        event,
        status: 'ACCOUNT_NOT_FOUND',
        contributions: [],
        detail: { reason: `no account '${event.accountId}'`, debitOwed: owesDebits && !event.debitedAtEdge },
      });
    }
  }
  return { meter, notFound };
}
