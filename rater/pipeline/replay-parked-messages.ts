import { eventBatchMessageSchema } from '../../shared/queue/event-batch-message';
import { ledgerMessageSchema, type LedgerMessage } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';
import { EVENTS_QUEUE, LEDGER_QUEUE, malformedReason } from '../../shared/queue/queue-names';
import { causeMessage, type Database } from '../db/connect';
import { queueLedgerDebitRows } from '../store/ledger-outbox';
import { parkMessages, takeParkedMessages } from '../store/parked-messages';
import { meterTenantEvents } from './meter-batch';
import { sendLedgerDebits } from './send-ledger-debits';

export interface ParkedReplayOutcome {
  id: string;
  queue: string;
  status: 'REPLAYED' | 'PARKED';
  /** Why it is parked again. */
  reason?: string;
}

/**
 * Replays a tenant's parked messages in one transaction: an event batch is metered here (each
 * event exactly once, as from the queue); a ledger message goes back to the ledger queue, its
 * debits back into the ledger outbox first, so the debits stay owed until the edge confirms them.
 * A message that still cannot be handled is parked again with the new reason. The sends happen
 * before the commit: if the commit fails the messages stay parked and a repeat is harmless (the
 * AccountLedger skips what it already debited; plan grants have stable ids).
 */
export async function replayParkedMessages(
  db: Database,
  ledgerQueue: Queue<LedgerMessage>,
  tenantId: string,
  request: { ids?: string[] | undefined; limit: number },
): Promise<ParkedReplayOutcome[]> {
  const meteredIds: string[] = [];
  const outcomes = await db.transaction(async (tx) => {
    const outcomes: ParkedReplayOutcome[] = [];
    const toSend: LedgerMessage[] = [];
    for (const message of await takeParkedMessages(tx, tenantId, request)) {
      const refusal = await tx
        .transaction(async (savepoint) => {
          if (message.queue === LEDGER_QUEUE) {
            const parsed = ledgerMessageSchema.safeParse(message.body);
            if (!parsed.success) return `still ${malformedReason(parsed.error)}`;
            if (parsed.data.tenantId !== tenantId) return 'names another tenant';
            if (parsed.data.kind === 'debits') await queueLedgerDebitRows(savepoint, tenantId, parsed.data);
            toSend.push(parsed.data);
          } else if (message.queue === EVENTS_QUEUE) {
            const parsed = eventBatchMessageSchema.safeParse(message.body);
            if (!parsed.success) return `still ${malformedReason(parsed.error)}`;
            if (parsed.data.tenantId !== tenantId) return 'names another tenant';
            await meterTenantEvents(savepoint, tenantId, parsed.data.events);
            meteredIds.push(...parsed.data.events.map((e) => e.id));
          } else {
            return `no replay for messages of queue '${message.queue}'`;
          }
          return null;
        })
        .catch((error: unknown) => `replay failed: ${causeMessage(error)}`);
      outcomes.push(refusal === null ? { id: message.id, queue: message.queue, status: 'REPLAYED' } : { id: message.id, queue: message.queue, status: 'PARKED', reason: refusal });
      if (refusal !== null) await parkMessages(tx, [{ queue: message.queue, tenantId, body: message.body, reason: refusal }]);
    }
    for (const batch of sendBatches(toSend)) await ledgerQueue.sendBatch(batch);
    return outcomes;
  });
  // Debits of the events just metered, as after any metering; on failure they wait in the outbox.
  await sendLedgerDebits(ledgerQueue, db, [{ tenantId, events: meteredIds.map((id) => ({ id })) }]).catch((error: unknown) =>
    console.error('replay: ledger debits wait in the outbox', error),
  );
  return outcomes;
}
