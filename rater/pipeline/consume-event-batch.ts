import { eventBatchMessageSchema, type EventBatchMessage } from '../../shared/queue/event-batch-message';
import { connect } from '../db/connect';
import { databaseConfig, type RaterEnv } from '../env';
import { meterBatch, type BatchResult } from './meter-batch';

const MAX_RETRY_DELAY_S = 300;

/**
 * The queue consumer. Success acks the whole batch; any failure (Postgres down, a deadlock, a
 * bug) retries the whole batch with exponential backoff — safe, because meterBatch is
 * idempotent. After max_retries the queue moves the batch to the dead-letter queue.
 * A message that is not an event batch at all can never succeed: it is logged and acked.
 */
export async function consumeEventBatch(
  batch: MessageBatch<unknown>,
  env: RaterEnv,
  ctx: Pick<ExecutionContext, 'waitUntil'>,
): Promise<BatchResult | null> {
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
  if (messages.length === 0) return null;

  const { db, pool } = connect(databaseConfig(env));
  try {
    const result = await meterBatch(db, messages);
    batch.ackAll();
    return result;
  } catch (error) {
    const delaySeconds = retryDelaySeconds(Math.max(...batch.messages.map((m) => m.attempts)));
    console.error(`batch of ${messages.length} messages failed (attempt ${batch.messages[0]?.attempts}); retrying in ${delaySeconds}s`, error);
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
