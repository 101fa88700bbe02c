import { cycleGrants } from '../../shared/pricing/cycle-grants';
import type { RatingAssociation } from '../../shared/pricing/rate-usage';
import type { LedgerGrantMessage, LedgerMessage } from '../../shared/queue/ledger-message';

const MAX_MESSAGES_PER_SEND = 100;

/**
 * Sends the feature credits plans grant (their entitlement rate cards) for the current and the
 * next cycle of each association to the ledger queue, where the edge puts them into the accounts'
 * AccountLedger objects. Each entry's id names its association and cycle, so sending again — the
 * daily cron does, and so does associating a plan — grants nothing twice.
 */
export async function grantPlanCredits(
  queue: Queue<LedgerMessage>,
  associations: (RatingAssociation & { tenantId: string })[],
  now: number,
): Promise<number> {
  const messages: LedgerGrantMessage[] = [];
  for (const association of associations) {
    const grants = cycleGrants(association, now);
    if (grants.length > 0) messages.push({ kind: 'grants', tenantId: association.tenantId, accountId: association.accountId, grants });
  }
  for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_SEND) {
    await queue.sendBatch(messages.slice(i, i + MAX_MESSAGES_PER_SEND).map((body) => ({ body, contentType: 'json' as const })));
  }
  return messages.length;
}
