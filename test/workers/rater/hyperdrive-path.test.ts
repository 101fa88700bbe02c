import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import { connect } from '../../../rater/db/connect';
import { consumeEventBatch } from '../../../rater/pipeline/consume-event-batch';
import { requestEvent, seedTenant, usageOf } from './fixtures';

// Runs in the rater-hyperdrive project only (vitest.config.ts): DATABASE_URL is not bound there,
// so everything below reaches Postgres through the HYPERDRIVE binding or not at all.
describe('the Hyperdrive path', () => {
  it('is the only way to the database in this suite', async () => {
    expect(env.HYPERDRIVE).toBeDefined();
    expect((env as { DATABASE_URL?: string }).DATABASE_URL).toBeUndefined();
    const { pool } = connect(env);
    try {
      const { rows } = await pool.query<{ answer: number }>('SELECT 40 + $1::int AS answer', [2]);
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await pool.end();
    }
  });

  it('meters a queue batch in one statement and refuses its redelivery', async () => {
    const { tenantId, meters } = await seedTenant([
      {
        name: 'bytes_total',
        aggregation: 'SUM',
        filters: [],
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      },
    ]);
    const body = { tenantId, events: [requestEvent('h1', '2.5'), requestEvent('h2', '4')] };
    for (const expected of [
      { processed: 2, alreadyProcessed: 0 },
      { processed: 0, alreadyProcessed: 2 },
    ]) {
      const batch = createMessageBatch<EventBatchMessage>('meterline-events', [
        { id: `hd-${expected.processed}`, timestamp: new Date(), attempts: 1, body },
      ]);
      const ctx = createExecutionContext();
      const result = await consumeEventBatch(batch, env, ctx);
      expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
      expect(result).toEqual({ received: 2, ...expected });
    }
    expect(await usageOf(tenantId, meters[0]!)).toBe('6.5');
  });
});
