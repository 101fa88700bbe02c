import type { AcceptedEvent } from '../../shared/event/accepted-event';
import { eventBatchMessageSchema, type EventBatchMessage } from '../../shared/queue/event-batch-message';
import { causeMessage, connect, databaseAnswers, type Database } from '../db/connect';
import { databaseConfig, type RaterEnv } from '../env';
import { meterBatch, recordFailedEvents, type BatchResult } from './meter-batch';
import { sendLedgerDebits } from './send-ledger-debits';

const MAX_RETRY_DELAY_S = 300;
/** rater/wrangler.toml's dead_letter_queue: batches that failed every delivery end up here. */
export const DEAD_LETTER_QUEUE = 'meterline-events-dlq';

/**
 * The queue consumer. A batch is metered in one transaction and acked. When that fails, the
 * database is asked whether it is there at all: if not (an outage), the whole batch is retried
 * with exponential backoff — safe, because metering is idempotent — and after max_retries the
 * queue moves it to the dead-letter queue. If the database is fine, some event is to blame: each
 * event is metered alone, and the ones that still fail are recorded FAILED with the reason, so a
 * poison event never holds up its batch. A message that is not an event batch is logged and acked.
 * Once metered, the batch's feature consumption goes to the ledger queue (sendLedgerDebits).
 */
export async function consumeEventBatch(
  batch: MessageBatch<unknown>,
  env: RaterEnv,
  ctx: Pick<ExecutionContext, 'waitUntil'>,
): Promise<BatchResult | null> {
  const messages = parseMessages(batch);
  if (messages.length === 0) return null;

  const attempts = Math.max(...batch.messages.map((m) => m.attempts));
  const { db, pool } = connect(databaseConfig(env));
  try {
    if (batch.queue === DEAD_LETTER_QUEUE) {
      await recordDeadLetters(db, messages, `not metered after every delivery attempt (dead-lettered; ${attempts} attempt(s) on the dead-letter queue)`);
      await sendLedgerDebits(env, db, messages);
      batch.ackAll();
      return null;
    }
    const result = await meterBatch(db, messages).catch(async (error: unknown) => {
      if (!(await databaseAnswers(db))) throw error;
      console.error(`batch of ${messages.length} messages failed with the database up; metering its events one by one`, error);
      return meterEventByEvent(db, messages);
    });
    // A failure here retries the batch, whose metering is then a no-op.
    await sendLedgerDebits(env, db, messages);
    batch.ackAll();
    return result;
  } catch (error) {
    const delaySeconds = retryDelaySeconds(attempts);
    console.error(`batch of ${messages.length} messages failed (attempt ${attempts}); retrying in ${delaySeconds}s`, error);
    batch.retryAll({ delaySeconds });
    return null;
  } finally {
    ctx.waitUntil(pool.end());
  }
}

/** 2 s, 4 s, 8 s … capped at 5 minutes: a database outage is ridden out, not hammered. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** Math.max(1, attempts), MAX_RETRY_DELAY_S);
}

function parseMessages(batch: MessageBatch<unknown>): EventBatchMessage[] {
  const messages: EventBatchMessage[] = [];
  for (const message of batch.messages) {
    const parsed = eventBatchMessageSchema.safeParse(message.body);
    if (parsed.success) {
      messages.push(parsed.data);
    } else {
      console.error(`dropping malformed message ${message.id}`, parsed.error.issues.slice(0, 3));
      message.ack();
    }
  }
  return messages;
}

/** Each event in its own transaction; the ones that fail alone are recorded FAILED. */
async function meterEventByEvent(db: Database, messages: EventBatchMessage[]): Promise<BatchResult> {
  const result: BatchResult = { received: 0, processed: 0, alreadyProcessed: 0 };
  for (const { tenantId, events } of messages) {
    for (const event of events) {
      result.received++;
      try {
        const { processed } = await meterBatch(db, [{ tenantId, events: [event] }]);
        result.processed += processed;
        result.alreadyProcessed += 1 - processed;
      } catch (error) {
        result.processed += await recordFailedEvents(db, tenantId, [event], `metering failed: ${causeMessage(error)}`.slice(0, 1000));
      }
    }
  }
  return result;
}

async function recordDeadLetters(db: Database, messages: EventBatchMessage[], reason: string): Promise<void> {
  const byTenant = new Map<string, AcceptedEvent[]>();
  for (const { tenantId, events } of messages) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), ...events]);
  for (const [tenantId, events] of byTenant) await recordFailedEvents(db, tenantId, events, reason);
}

