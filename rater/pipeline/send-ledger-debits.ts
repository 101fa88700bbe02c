import type { LedgerMessage } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { pendingLedgerDebits } from '../store/ledger-outbox';

/**
 * Sends the ledger queue the debits of a batch's events that the edge has not yet confirmed
 * (docs/design.md §8, §12). Metering wrote them, in its transaction, to the ledger outbox; they stay there
 * until the edge's ledger consumer confirms the AccountLedger recorded them. So every delivery of
 * an event whose debit is unconfirmed sends it again — the DedupShard keeps re-sending such events
 * — and the AccountLedger, which skips an event it already debited, makes the repeats harmless.
 */
export async function sendLedgerDebits(
  queue: Queue<LedgerMessage>,
  db: Queryable,
  messages: { tenantId: string; events: { id: string }[] }[],
): Promise<number> {
  const idsByTenant = new Map<string, string[]>();
  for (const { tenantId, events } of messages) {
    const ids = idsByTenant.get(tenantId) ?? [];
    for (const event of events) {
      ids.push(event.id);
    }
    idsByTenant.set(tenantId, ids);
  }

  let sent = 0;
  for (const [tenantId, ids] of idsByTenant) {
    const bodies = await pendingLedgerDebits(db, tenantId, ids);
    for (const batch of sendBatches(bodies)) {
      await queue.sendBatch(batch);
    }
    sent += bodies.length;
  }
  return sent;
}
