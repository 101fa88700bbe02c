import { cycleGrants } from '../../shared/pricing/cycle-grants';
import type { RatingAssociation } from '../../shared/pricing/rate-usage';
import type { LedgerMessage, LedgerPlanGrantsMessage } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';

/**
 * Sends the feature credits plans grant (their entitlement rate cards) for the current and the
 * next cycle of each association to the ledger queue, where the edge brings the accounts'
 * AccountLedger objects in line with them. Each entry's id names its association, cycle and
 * feature, so sending again — the daily cron does, and so does every change of an account's
 * plans — grants nothing twice, and an association ended early has its credits cut to match.
 */
export async function grantPlanCredits(
  queue: Queue<LedgerMessage>,
  associations: (RatingAssociation & { tenantId: string })[],
  now: number,
): Promise<number> {
  const messages: LedgerPlanGrantsMessage[] = associations
    .filter((a) => a.definition.entitlementRateCards.length > 0)
    .map((a) => ({
      kind: 'plan-grants',
      tenantId: a.tenantId,
      accountId: a.accountId,
      associationId: a.id,
      grants: cycleGrants(a, now),
    }));
  for (const batch of sendBatches(messages)) {
    await queue.sendBatch(batch);
  }
  return messages.length;
}
