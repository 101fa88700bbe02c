import { eventBatchMessageSchema, type EventBatchMessage } from '../../shared/queue/event-batch-message';
import { ledgerMessageSchema, type LedgerMessage } from '../../shared/queue/ledger-message';
import { malformedReason, parseQueueName } from '../../shared/queue/queue-names';
import { causeMessage, type Database, type Queryable } from '../db/connect';
import { unparkLedgerDebits } from '../store/ledger-outbox';
import { unparkCreditChanges } from '../store/ledger-corrections';
import { unparkSpendAdjustments, withOwedAdjustments } from '../store/spend-adjustments';
import { sendSpendAdjustments } from './send-spend-adjustments';
import { sendCreditChanges } from './send-credit-changes';
import { listParkedMessages, parkMessages, takeParkedMessages, type ParkedMessage } from '../store/parked-messages';
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
 * Replays a tenant's parked messages, each in a transaction of its own: an event batch is metered
 * here (each event exactly once, as from the queue); of a ledger message, the debits the ledger
 * outbox still owes are unparked and, after the commit, sent to the ledger queue — a debit the
 * ledger confirmed meanwhile is not sent again, however late the replay. A send that is lost
 * or fails leaves the debits owed, and the stale-debit sweep sends them (resend-stale-debits.ts).
 * A message of corrections is replayed the same way: only the credit changes still owed are sent.
 * A message that still cannot be handled is parked again with the new reason.
 */
export async function replayParkedMessages(
  db: Database,
  ledgerQueue: Queue<LedgerMessage>,
  tenantId: string,
  request: { ids?: string[] | undefined; limit: number },
): Promise<ParkedReplayOutcome[]> {
  // Chosen first: a message parked again gets a new id, and must not come round again now.
  const ids = request.ids ?? (await listParkedMessages(db, tenantId, { limit: request.limit })).map((m) => m.id);
  const outcomes: ParkedReplayOutcome[] = [];
  for (const id of ids) {
    const outcome = await db.transaction(async (tx) => {
      const [message] = await takeParkedMessages(tx, tenantId, { ids: [id], limit: 1 });
      if (!message) {
        return null;
      }
      const refusal = await tx
        .transaction((savepoint) => replayOne(savepoint, tenantId, message))
        .catch((error: unknown) => `replay failed: ${causeMessage(error)}`);
      if (refusal !== null) {
        await parkMessages(tx, [{ queue: message.queue, tenantId, body: message.body, reason: refusal }]);
      }
      return { message, refusal };
    });
    if (!outcome) {
      continue; // replayed meanwhile by another request
    }
    const { message, refusal } = outcome;
    outcomes.push(
      refusal === null
        ? { id: message.id, queue: message.queue, status: 'REPLAYED' }
        : { id: message.id, queue: message.queue, status: 'PARKED', reason: refusal },
    );
    if (refusal === null) {
      await sendOn(db, ledgerQueue, tenantId, message);
    }
  }
  return outcomes;
}

/** Does in the transaction what the message is for; returns why it cannot, or null. */
async function replayOne(tx: Queryable, tenantId: string, message: ParkedMessage): Promise<string | null> {
  const kind = parseQueueName(message.queue)?.kind;
  const schema = kind === 'ledger' ? ledgerMessageSchema : kind === 'events' ? eventBatchMessageSchema : null;
  if (!schema) {
    return `no replay for messages of queue '${message.queue}'`;
  }
  const parsed = schema.safeParse(message.body);
  if (!parsed.success) {
    return `still ${malformedReason(parsed.error)}`;
  }
  if (parsed.data.tenantId !== tenantId) {
    return 'names another tenant';
  }
  if ('events' in parsed.data) {
    await meterTenantEvents(tx, tenantId, parsed.data.events);
  } else if (parsed.data.kind === 'debits') {
    await unparkLedgerDebits(tx, tenantId, parsed.data);
  } else if (parsed.data.kind === 'corrections') {
    await unparkCreditChanges(tx, tenantId, parsed.data);
  } else if (parsed.data.kind === 'spend-adjustments') {
    await unparkSpendAdjustments(tx, tenantId, parsed.data);
  }
  return null;
}

/** After the commit: what the ledger outbox owes for the message's events (or debits), to the ledger queue. */
async function sendOn(
  db: Database,
  ledgerQueue: Queue<LedgerMessage>,
  tenantId: string,
  message: ParkedMessage,
): Promise<void> {
  try {
    const body = message.body as LedgerMessage | EventBatchMessage;
    if ('events' in body) {
      await sendLedgerDebits(ledgerQueue, db, [{ tenantId, events: body.events }]);
    } else if (body.kind === 'debits') {
      await sendLedgerDebits(ledgerQueue, db, [{ tenantId, events: body.debits.map((d) => ({ id: d.eventId })) }]);
    } else if (body.kind === 'corrections') {
      await sendCreditChanges(
        ledgerQueue,
        db,
        tenantId,
        body.corrections.map((c) => c.eventId),
      );
    } else if (body.kind === 'spend-adjustments') {
      await sendSpendAdjustments(ledgerQueue, db, tenantId, [body.accountId]);
    } else if (body.kind === 'spend-limit') {
      // The adjustments it carried may have been recorded, confirmed and forgotten since: it goes
      // with what the account owes now.
      const { adjustments: _carried, ...limit } = body;
      await ledgerQueue.send(await withOwedAdjustments(db, limit));
    } else {
      await ledgerQueue.send(body);
    }
  } catch (error) {
    console.error(
      `replay of parked message ${message.id}: the send failed; its debits stay owed and are sent again later`,
      error,
    );
  }
}
