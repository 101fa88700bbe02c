import type { LedgerMessage } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { pendingSpendAdjustments } from '../store/spend-adjustments';

/**
 * Sends the ledger queue the spend adjustments of these accounts it may take now
 * (spend-adjustments.ts). Called after a transaction that changed revenue after the first rating
 * commits: a correction, a backdated association's catch-up, a new spend limit's opening. A send
 * lost here is sent by the stale sweep (resend-stale-debits.ts); the AccountLedger records each
 * adjustment once, so a repeat is harmless.
 */
export async function sendSpendAdjustments(
  queue: Queue<LedgerMessage>,
  db: Queryable,
  tenantId: string,
  accountIds: string[],
): Promise<number> {
  const messages = await pendingSpendAdjustments(db, tenantId, accountIds);
  await sendMessages(queue, messages);
  return messages.reduce((sum, m) => sum + m.adjustments.length, 0);
}

/** Ledger messages in as few sendBatch calls as Queues accepts. */
export async function sendMessages(queue: Queue<LedgerMessage>, messages: LedgerMessage[]): Promise<void> {
  for (const batch of sendBatches(messages)) {
    await queue.sendBatch(batch);
  }
}
