import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import { connect } from '../../../rater/db/connect';
import { consumeEventBatch, retryDelaySeconds } from '../../../rater/pipeline/consume-event-batch';
import { recordedEventIds } from '../../../rater/store/events';
import { eventStatus, requestEvent, seedTenant, usageOf } from './fixtures';

const SUM = {
  name: 'bytes_total',
  aggregation: 'SUM' as const,
  filters: [],
  computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
};
const COUNT = { name: 'requests', aggregation: 'COUNT' as const, filters: [], computations: [] };

let messageCounter = 0;
function batchOf(tenantId: string, ...messages: AcceptedEvent[][]) {
  return createMessageBatch<EventBatchMessage>(
    'meterline-events',
    messages.map((events) => ({
      id: `msg-${++messageCounter}`,
      timestamp: new Date(),
      attempts: 1,
      body: { tenantId, events },
    })),
  );
}

function chunks(events: AcceptedEvent[], tenantId: string) {
  return Array.from({ length: Math.ceil(events.length / 100) }, (_, i) => ({
    id: `msg-${++messageCounter}`,
    timestamp: new Date(),
    attempts: 1,
    body: { tenantId, events: events.slice(i * 100, i * 100 + 100) },
  }));
}

async function consume(batch: MessageBatch<unknown>, bindings = env) {
  const ctx = createExecutionContext();
  const result = await consumeEventBatch(batch, bindings, ctx);
  return { result, queue: await getQueueResult(batch, ctx) };
}

describe('queue consumer: metering', () => {
  it('meters a batch into the rollups and acks it', async () => {
    const { tenantId, meters } = await seedTenant([SUM, COUNT]);
    const { result, queue } = await consume(
      batchOf(tenantId, [requestEvent('a', '100.25'), requestEvent('b', '0.75')], [requestEvent('c', '1000')]),
    );
    expect(queue).toMatchObject({ ackAll: true, retryBatch: { retry: false } });
    expect(result).toEqual({ received: 3, processed: 3, alreadyProcessed: 0 });
    expect(await usageOf(tenantId, meters[0]!)).toBe('1101');
    expect(await usageOf(tenantId, meters[1]!)).toBe('3');
    expect(await eventStatus(tenantId, 'a')).toMatchObject({ status: 'METERED' });
  });

  it('changes nothing when the same batch is delivered again', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const events = [requestEvent('x', '5'), requestEvent('y', '7')];
    await consume(batchOf(tenantId, events));
    const { result, queue } = await consume(batchOf(tenantId, events));
    expect(queue.ackAll).toBe(true);
    expect(result).toEqual({ received: 2, processed: 0, alreadyProcessed: 2 });
    expect(await usageOf(tenantId, meters[0]!)).toBe('12');
  });

  it('counts every event once when overlapping batches are consumed concurrently', async () => {
    const { tenantId, meters } = await seedTenant([COUNT]);
    const events = Array.from({ length: 30 }, (_, i) => requestEvent(`ev-${i}`, '1'));
    await Promise.all([
      consume(batchOf(tenantId, events.slice(0, 20))),
      consume(batchOf(tenantId, events.slice(10, 30))),
      consume(batchOf(tenantId, events.slice(5, 25))),
    ]);
    expect(await usageOf(tenantId, meters[0]!)).toBe('30');
  });

  it('fails a poison event alone: the rest of its batch is metered', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    await consume(
      batchOf(tenantId, [
        requestEvent('ok', '4'),
        requestEvent('poison', '4', { attributes: { bytes: '4', divisor: 'oops' } }),
      ]),
    );
    expect(await usageOf(tenantId, meters[0]!)).toBe('4');
    expect(await eventStatus(tenantId, 'poison')).toMatchObject({
      status: 'ENRICHMENT_FAILED',
      detail: { field: 'per_unit' },
    });
  });

  it('records NO_MATCHING_METERS for an event no meter counts', async () => {
    const { tenantId } = await seedTenant([{ ...SUM, filters: [{ field: 'region', value: 'us' }] }]);
    await consume(batchOf(tenantId, [requestEvent('unmatched', '3')]));
    expect(await eventStatus(tenantId, 'unmatched')).toMatchObject({ status: 'NO_MATCHING_METERS' });
  });
});

describe('queue consumer: UNIQUE_COUNT', () => {
  it('counts each distinct value once per range, across batches, accounts and redeliveries', async () => {
    const USERS = {
      name: 'active_users',
      aggregation: 'UNIQUE_COUNT' as const,
      filters: [],
      computations: [{ computation: '{"var":"dimensions.user"}', order: 1 }],
    };
    const { tenantId, meters } = await seedTenant([USERS]);
    const byUser = (id: string, user: string, accountId = 'acme', minute = '10:15') =>
      requestEvent(id, '1', {
        accountId,
        timestamp: `2026-05-01T${minute}:30.000Z`,
        dimensions: { region: 'eu', user },
      });

    const first = [byUser('u1', 'ann'), byUser('u2', 'bob'), byUser('u3', 'ann', 'acme', '11:40')];
    await consume(batchOf(tenantId, first));
    await consume(batchOf(tenantId, first)); // redelivered
    await consume(
      batchOf(tenantId, [
        byUser('u4', 'bob', 'acme', '12:05'),
        byUser('u5', 'cyd', 'globex'),
        byUser('u6', 'ann', 'globex'),
      ]),
    );

    expect(await usageOf(tenantId, meters[0]!)).toBe('3'); // ann, bob, cyd
    expect(await usageOf(tenantId, meters[0]!, 'acme')).toBe('2');
    expect(await usageOf(tenantId, meters[0]!, 'globex')).toBe('2');
  });
});

describe('queue consumer: failures', () => {
  it('retries the whole batch with backoff, acking nothing, when Postgres is unreachable', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const events = [requestEvent('later-1', '2'), requestEvent('later-2', '3')];
    const nowhere = 'postgres://postgres:x@127.0.0.1:1/nothing';
    // Whichever path the suite runs (the Neon driver, or Hyperdrive in the rater-hyperdrive project).
    const unreachable = {
      ...env,
      DATABASE_URL: nowhere,
      ...(env.HYPERDRIVE ? { HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: nowhere } } : {}),
    };
    const { result, queue } = await consume(batchOf(tenantId, events), unreachable);
    expect(result).toBeNull();
    expect(queue.ackAll).toBe(false);
    expect(queue.explicitAcks).toEqual([]);
    expect(queue.retryBatch).toMatchObject({ retry: true });

    // The redelivery, once the database is back, meters the events exactly once.
    await consume(batchOf(tenantId, events));
    expect(await usageOf(tenantId, meters[0]!)).toBe('5');
  });

  it('fails an event Postgres refuses alone: the rest of its batch is metered, it is FAILED with the reason', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const tooPrecise = `0.${'1'.repeat(17_000)}`; // NUMERIC keeps at most 16 383 fractional digits
    const { result, queue } = await consume(
      batchOf(
        tenantId,
        [requestEvent('fine-1', '4'), requestEvent('refused', tooPrecise)],
        [requestEvent('fine-2', '6')],
      ),
    );
    expect(queue.ackAll).toBe(true);
    expect(result).toEqual({ received: 3, processed: 3, alreadyProcessed: 0 });
    expect(await usageOf(tenantId, meters[0]!)).toBe('10');
    expect(await eventStatus(tenantId, 'refused')).toMatchObject({
      status: 'FAILED',
      detail: { reason: expect.stringContaining('value overflows numeric format') },
    });
    expect(await eventStatus(tenantId, 'fine-2')).toMatchObject({ status: 'METERED' });
  });

  it('finds one poison event among 2 000 of two tenants: everyone else metered at once, it FAILED and stored escaped', async () => {
    const a = await seedTenant([COUNT]);
    const b = await seedTenant([COUNT]);
    const eventsOf = (prefix: string) => Array.from({ length: 1000 }, (_, i) => requestEvent(`${prefix}-${i}`, '1'));
    const [first, second] = [eventsOf('a'), eventsOf('b')];
    // A lone surrogate: valid in JavaScript, refused by Postgres' jsonb (and so by the recording too).
    first[613] = requestEvent('poison', '1', { dimensions: { region: 'eu\udfff' } });
    const messages = [...chunks(first, a.tenantId), ...chunks(second, b.tenantId)];
    const batch = createMessageBatch<EventBatchMessage>('meterline-events', messages);
    const { result, queue } = await consume(batch);

    expect(queue.ackAll).toBe(true);
    expect(result).toEqual({ received: 2000, processed: 2000, alreadyProcessed: 0 });
    expect([await usageOf(a.tenantId, a.meters[0]!), await usageOf(b.tenantId, b.meters[0]!)]).toEqual(['999', '1000']);
    expect(await eventStatus(a.tenantId, 'poison')).toMatchObject({
      status: 'FAILED',
      detail: { reason: expect.stringContaining('stored escaped') },
    });
  });

  it('meters the events of a dead-lettered batch (it outlived an outage), each once', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    await consume(batchOf(tenantId, [requestEvent('already', '1')]));
    const deadLetters = () =>
      createMessageBatch<EventBatchMessage>('meterline-events-dlq', [
        {
          id: `dl-${++messageCounter}`,
          timestamp: new Date(),
          attempts: 1,
          body: { tenantId, events: [requestEvent('already', '1'), requestEvent('late', '5')] },
        },
      ]);
    const { queue } = await consume(deadLetters());
    await consume(deadLetters());
    expect(queue.ackAll).toBe(true);
    expect(await usageOf(tenantId, meters[0]!)).toBe('6');
    expect(await eventStatus(tenantId, 'late')).toMatchObject({ status: 'METERED' });
  });

  it('acks a malformed message on its own (it can never succeed) and meters the rest', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const batch = createMessageBatch('meterline-events', [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { not: 'an event batch' } },
      { id: 'good', timestamp: new Date(), attempts: 1, body: { tenantId, events: [requestEvent('g', '9')] } },
    ]);
    const { queue } = await consume(batch);
    expect(queue.explicitAcks).toContain('bad');
    expect(queue.ackAll).toBe(true);
    expect(await usageOf(tenantId, meters[0]!)).toBe('9');
  });
});

describe('retry backoff', () => {
  it.each([
    [1, 2],
    [2, 4],
    [5, 32],
    [8, 256],
    [9, 300],
    [50, 300],
  ])('after %i attempts waits %i s', (attempts, seconds) => {
    expect(retryDelaySeconds(attempts)).toBe(seconds);
  });
});

/** The lookup DedupShards confirm their outboxes with (docs/design.md §12), behind Rater.recordedEventIds. */
describe('recordedEventIds', () => {
  it('names the ids recorded for the tenant, metered or FAILED, and no other', async () => {
    const { tenantId } = await seedTenant([SUM]);
    const other = await seedTenant([SUM]);
    const tooPrecise = `0.${'1'.repeat(17_000)}`; // refused by Postgres: recorded FAILED
    await consume(batchOf(tenantId, [requestEvent('metered', '4'), requestEvent('refused', tooPrecise)]));
    await consume(batchOf(other.tenantId, [requestEvent('elsewhere', '1')]));

    const { db, pool } = connect(env);
    try {
      const recorded = await recordedEventIds(db, tenantId, ['metered', 'refused', 'never-sent', 'elsewhere']);
      expect(recorded.sort()).toEqual(['metered', 'refused']);
      expect(await recordedEventIds(db, tenantId, [])).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
