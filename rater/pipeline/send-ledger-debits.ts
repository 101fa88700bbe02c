import type { AcceptedEvent } from '../../shared/event/accepted-event';
import type { EventBatchMessage } from '../../shared/queue/event-batch-message';
import { ledgerDebitMessages } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import type { RaterEnv } from '../env';
import { activeFeaturesForSchemas } from '../store/features';

/**
 * Sends what a batch's events consume of their accounts' features to the ledger queue (DESIGN §8).
 * Every accepted event is sent, whatever metering made of it — credits follow usage, not meters —
 * and on every delivery of the batch: the AccountLedger skips an event it has already debited, so
 * a redelivery, or an event that went through /entitled, is never debited twice.
 */
export async function sendLedgerDebits(env: Pick<RaterEnv, 'LEDGER_QUEUE'>, db: Queryable, messages: EventBatchMessage[]): Promise<number> {
  const byTenant = new Map<string, AcceptedEvent[]>();
  for (const { tenantId, events } of messages) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), ...events]);

  let sent = 0;
  for (const [tenantId, events] of byTenant) {
    const features = await activeFeaturesForSchemas(db, tenantId, [...new Set(events.map((e) => e.schemaName))]);
    const bodies = ledgerDebitMessages(tenantId, events, features);
    for (const messages of sendBatches(bodies)) await env.LEDGER_QUEUE.sendBatch(messages);
    sent += bodies.length;
  }
  return sent;
}
