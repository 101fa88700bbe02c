import type { LedgerMessage } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { pendingCreditChanges } from '../store/ledger-corrections';

/**
 * Sends the ledger queue what corrections of these events change in credits and the ledger may
 * take now (ledger-corrections.ts: per event, all it still owes, in order, once its debit is
 * recorded). Called after a correction commits, and after the ledger confirmed an event's debit —
 * the moment its corrections become sendable — or some of its corrections. A send lost here is sent by the stale sweep
 * (resend-stale-debits.ts); the AccountLedger applies each correction once, so a repeat is harmless.
 */
export async function sendCreditChanges(
  queue: Queue<LedgerMessage>,
  db: Queryable,
  tenantId: string,
  eventIds: string[],
): Promise<number> {
  const bodies = await pendingCreditChanges(db, tenantId, eventIds);
  for (const batch of sendBatches(bodies)) {
    await queue.sendBatch(batch);
  }
  return bodies.reduce((sum, m) => sum + m.corrections.length, 0);
}
