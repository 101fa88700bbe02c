import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { bisectFailures } from '../../shared/queue/bisect-failures';
import { eventBatchMessageSchema, type EventBatchMessage } from '../../shared/queue/event-batch-message';
import { malformedReason, parseQueueName, queueName } from '../../shared/queue/queue-names';
import { causeMessage, databaseAnswers, type Database } from '../db/connect';
import { Databases } from '../db/databases';
import { ledgerQueueOf, type RaterEnv } from '../env';
import { placedLedgerQueue } from './placed-ledger-queue';
import { meterBatch, recordFailedEvents, type BatchResult } from './meter-batch';
import { isStaleAssociations } from './meter-batch-statement';
import { storableCopy } from './storable-copy';
import { claimedTenant, type MessageToPark } from '../../shared/queue/parked-message';
import { parkMessages } from '../store/parked-messages';
import { sendLedgerDebits } from './send-ledger-debits';

const MAX_RETRY_DELAY_S = 300;

/**
 * The consumer of the events queue and of its dead-letter queue alike. A batch is metered in one
 * transaction and acked. When that fails, the database is asked whether it is there at all: if
 * not (an outage), the whole batch is retried with exponential backoff — safe, because metering
 * is idempotent — and after max_retries the queue moves it to the dead-letter queue, which is
 * a second, longer round of the same: a batch that outlives an outage is metered, not failed.
 * Should that run out too, the DedupShards still hold the events and send them again.
 * If the database is fine, some event is to blame: the batch is halved until the events that
 * fail alone are found (O(log n) transactions each), and those are recorded FAILED with the
 * reason, so a poison event never holds up its batch. A message that is not an event batch is
 * parked. Once metered, the batch's owed debits go to the ledger queue (sendLedgerDebits).
 * Each jurisdiction has its events queue; its batches are metered into that jurisdiction's
 * database and debited through its ledger queue, so its tenants' rows never leave it.
 */
export async function consumeEventBatch(
  batch: MessageBatch<unknown>,
  env: RaterEnv,
  ctx: Pick<ExecutionContext, 'waitUntil'>,
): Promise<BatchResult | null> {
  const address = parseQueueName(batch.queue);
  // A queue this consumer does not know is a configuration error: never meter it into a guessed database.
  if (address?.kind !== 'events') {
    throw new Error(`rater configuration: no events queue is named ${batch.queue}`);
  }
  const jurisdiction = address.jurisdiction;
  const { messages, malformed } = parseMessages(batch, queueName({ kind: 'events', jurisdiction, deadLetter: false }));
  const attempts = Math.max(...batch.messages.map((m) => m.attempts));
  const databases = new Databases(env);
  try {
    const db = databases.of(jurisdiction);
    // Acked one by one: a message's own ack outlives a later retryAll of the batch.
    await parkMessages(
      db,
      malformed.map((m) => m.park),
    );
    for (const m of malformed) {
      m.message.ack();
    }
    if (messages.length === 0) {
      batch.ackAll();
      return null;
    }
    const result = await meterBatch(db, messages).catch(async (error: unknown) => {
      // Plan associations kept changing under the batch: nothing is wrong with its events, so
      // the whole batch is retried later rather than split and recorded FAILED.
      if (isStaleAssociations(error) || !(await databaseAnswers(db))) {
        throw error;
      }
      console.error(
        `batch of ${messages.length} messages failed with the database up; finding the events to blame`,
        error,
      );
      return meterBisecting(db, messages, error);
    });
    // A failure here retries the batch, whose metering is then a no-op.
    await sendLedgerDebits(placedLedgerQueue(db, ledgerQueueOf(env, jurisdiction)), db, messages);
    batch.ackAll();
    return result;
  } catch (error) {
    const delaySeconds = retryDelaySeconds(attempts);
    console.error(
      `batch of ${batch.messages.length} messages failed (attempt ${attempts}); retrying in ${delaySeconds}s`,
      error,
    );
    batch.retryAll({ delaySeconds });
    return null;
  } finally {
    ctx.waitUntil(databases.end());
  }
}

/** 2 s, 4 s, 8 s … capped at 5 minutes: a database outage is ridden out, not hammered. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** Math.max(1, attempts), MAX_RETRY_DELAY_S);
}

/** A message that is not an event batch is parked (as received, with the reason), never dropped. */
function parseMessages(
  batch: MessageBatch<unknown>,
  queue: string,
): { messages: EventBatchMessage[]; malformed: { message: Message<unknown>; park: MessageToPark }[] } {
  const messages: EventBatchMessage[] = [];
  const malformed: { message: Message<unknown>; park: MessageToPark }[] = [];
  for (const message of batch.messages) {
    const parsed = eventBatchMessageSchema.safeParse(message.body);
    if (parsed.success) {
      messages.push(parsed.data);
    } else {
      const reason = malformedReason(parsed.error);
      console.error(`parking malformed message ${message.id}: ${reason}`);
      malformed.push({ message, park: { queue, tenantId: claimedTenant(message.body), body: message.body, reason } });
    }
  }
  return { messages, malformed };
}

/**
 * Meters a failed batch by halves; an event that fails alone is recorded FAILED with the reason —
 * as sent, or, when Postgres cannot store it as sent, as a storable copy (the recording must not
 * fail on the very value that failed the metering, or the batch would never be acked).
 */
async function meterBisecting(db: Database, messages: EventBatchMessage[], batchError: unknown): Promise<BatchResult> {
  const result: BatchResult = { received: 0, processed: 0, alreadyProcessed: 0 };
  const items = messages.flatMap(({ tenantId, events }) => events.map((event) => ({ tenantId, event })));
  result.received = items.length;
  await bisectFailures(
    items,
    batchError,
    async (part) => {
      const { processed } = await meterBatch(db, groupByTenant(part));
      result.processed += processed;
      result.alreadyProcessed += part.length - processed;
    },
    async ({ tenantId, event }, error) => {
      const reason = `metering failed: ${causeMessage(error)}`.slice(0, 1000);
      result.processed += await recordFailedEvents(db, tenantId, [event], reason).catch(
        async (recordError: unknown) => {
          if (!(await databaseAnswers(db))) {
            throw recordError;
          }
          return recordFailedEvents(
            db,
            tenantId,
            [storableCopy(event)],
            `${reason} (stored escaped: ${causeMessage(recordError)})`.slice(0, 1000),
          );
        },
      );
    },
  );
  return result;
}

function groupByTenant(items: { tenantId: string; event: AcceptedEvent }[]): EventBatchMessage[] {
  const byTenant = new Map<string, AcceptedEvent[]>();
  for (const { tenantId, event } of items) {
    const events = byTenant.get(tenantId) ?? [];
    events.push(event); // not a spread per event: a failed batch can hold ~32 000
    byTenant.set(tenantId, events);
  }
  return [...byTenant].map(([tenantId, events]) => ({ tenantId, events }));
}
