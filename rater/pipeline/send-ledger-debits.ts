import type { AcceptedEvent } from '../../shared/event/accepted-event';
import type { EventBatchMessage } from '../../shared/queue/event-batch-message';
import { ledgerDebitMessages } from '../../shared/queue/ledger-message';
import type { Queryable } from '../db/connect';
import type { RaterEnv } from '../env';
import { activeFeaturesForSchemas } from '../store/features';

/** Queues takes at most 100 messages per sendBatch. */
const MAX_MESSAGES_PER_SEND = 100;

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
    for (let i = 0; i < bodies.length; i += MAX_MESSAGES_PER_SEND) {
      await env.LEDGER_QUEUE.sendBatch(bodies.slice(i, i + MAX_MESSAGES_PER_SEND).map((body) => ({ body, contentType: 'json' as const })));
    }
    sent += bodies.length;
  }
  return sent;
}
