import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { recordFailedEvents } from '../../../rater/pipeline/meter-batch';
import { replayFailedEvents, type ReplayRequest } from '../../../rater/pipeline/replay-failed-events';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { eventStatus, requestEvent, seedTenant, usageOf } from './fixtures';

const SUM = {
  name: 'bytes_total',
  aggregation: 'SUM' as const,
  filters: [],
  computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
};

/** Events the rater could not meter, recorded FAILED as the bisection records a poison event. */
async function failed(tenantId: string, events: AcceptedEvent[]) {
  const { db, pool } = connect(env);
  try {
    await recordFailedEvents(db, tenantId, events, 'metering failed: the database refused it (test)');
  } finally {
    await pool.end();
  }
}

async function replay(tenantId: string, request: Partial<ReplayRequest> = {}) {
  const { db, pool } = connect(env);
  try {
    return await replayFailedEvents(db, tenantId, { limit: 100, ...request });
  } finally {
    await pool.end();
  }
}

describe('replaying FAILED events', () => {
  it('meters FAILED events exactly once, however often replay is asked', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    await failed(tenantId, [requestEvent('dl-1', '3'), requestEvent('dl-2', '4')]);
    expect(await usageOf(tenantId, meters[0]!)).toBe('0');

    const [first, second] = await Promise.all([replay(tenantId), replay(tenantId)]);
    const metered = [...first!, ...second!].filter((e) => e.status === 'METERED').map((e) => e.id);
    expect(metered.sort()).toEqual(['dl-1', 'dl-2']);
    expect(await replay(tenantId)).toEqual([]);
    expect(await usageOf(tenantId, meters[0]!)).toBe('7');
    expect(await eventStatus(tenantId, 'dl-1')).toMatchObject({ status: 'METERED' });
  });

  it('replays only the events asked for, and keeps one that fails again FAILED with the new reason', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const tooPrecise = `0.${'1'.repeat(17_000)}`;
    await failed(tenantId, [requestEvent('keep', '1'), requestEvent('bad', tooPrecise), requestEvent('good', '2')]);

    const result = await replay(tenantId, { eventIds: ['bad', 'good'] });
    expect(result).toEqual(
      expect.arrayContaining([
        { id: 'good', status: 'METERED' },
        { id: 'bad', status: 'FAILED', reason: expect.stringContaining('value overflows numeric format') },
      ]),
    );
    expect(result).toHaveLength(2);
    expect(await usageOf(tenantId, meters[0]!)).toBe('2');
    expect(await eventStatus(tenantId, 'keep')).toMatchObject({ status: 'FAILED' });
    expect(await eventStatus(tenantId, 'bad')).toMatchObject({
      status: 'FAILED',
      detail: { reason: expect.stringContaining('replay failed') },
    });
  });

  it("never touches another tenant's events", async () => {
    const a = await seedTenant([SUM]);
    const b = await seedTenant([SUM]);
    await failed(a.tenantId, [requestEvent('mine', '5')]);
    expect(await replay(b.tenantId, { eventIds: ['mine'] })).toEqual([]);
    expect(await replay(b.tenantId)).toEqual([]);
    expect(await eventStatus(a.tenantId, 'mine')).toMatchObject({ status: 'FAILED' });
  });
});
