import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { Rater } from '../../../rater/index';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { DEFAULT_RETENTION_DAYS, purgeRawEvents, retentionDays } from '../../../rater/pipeline/purge-raw-events';
import { eventStatus, requestEvent, seedTenant, usageOf } from './fixtures';

const SUM = {
  name: 'bytes_total',
  aggregation: 'SUM' as const,
  filters: [],
  computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
};

async function rawEventCount(tenantId: string) {
  const { pool } = connect(env);
  try {
    return Number((await pool.query('SELECT count(*) AS n FROM events WHERE tenant_id = $1', [tenantId])).rows[0].n);
  } finally {
    await pool.end();
  }
}

describe('raw event retention', () => {
  it('deletes raw events and their status past the retention, and keeps the usage they made', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const { db, pool } = connect(env);
    try {
      await meterBatch(db, [
        {
          tenantId,
          events: [
            requestEvent('old', '3', { timestamp: '2026-04-01T10:00:00.000Z' }),
            requestEvent('recent', '4', { timestamp: '2026-05-20T10:00:00.000Z' }),
          ],
        },
      ]);
      // Sixty days after 2026-04-15: 'old' is past, 'recent' is not.
      await purgeRawEvents(db, new Date('2026-06-14T00:00:00Z'), 60);
    } finally {
      await pool.end();
    }
    expect(await eventStatus(tenantId, 'old')).toBeUndefined();
    expect(await eventStatus(tenantId, 'recent')).toMatchObject({ status: 'METERED' });
    expect(await rawEventCount(tenantId)).toBe(1);
    expect(await usageOf(tenantId, meters[0]!)).toBe('7'); // rollups stay: usage is what is billed
  });

  it('deletes in bounded batches per run; what a run leaves, the next one deletes', async () => {
    const { tenantId } = await seedTenant([SUM]);
    const { db, pool } = connect(env);
    try {
      const old = Array.from({ length: 5 }, (_, i) =>
        requestEvent(`old-${i}`, '1', { timestamp: '2026-03-01T00:00:00.000Z' }),
      );
      await meterBatch(db, [{ tenantId, events: old }]);
      const now = new Date('2026-06-14T00:00:00Z');
      const first = await purgeRawEvents(db, now, 60, { batchSize: 2, batchesPerRun: 1 });
      expect(first.done).toBe(false);
      expect(first.purged).toBeLessThanOrEqual(2);
      let runs = 1;
      while (!(await purgeRawEvents(db, now, 60, { batchSize: 2, batchesPerRun: 1 })).done) {
        runs++;
      }
      expect(runs).toBeGreaterThan(1);
    } finally {
      await pool.end();
    }
    expect(await rawEventCount(tenantId)).toBe(0);
  });

  it('runs from the daily cron with the configured retention', async () => {
    const { tenantId } = await seedTenant([SUM]);
    const { db, pool } = connect(env);
    try {
      await meterBatch(db, [
        { tenantId, events: [requestEvent('ancient', '1', { timestamp: '2026-01-02T00:00:00.000Z' })] },
      ]);
    } finally {
      await pool.end();
    }
    const ctx = createExecutionContext();
    const rater = new Rater(ctx, env);
    const scheduledTime = Date.parse('2026-01-02T00:00:00Z') + (DEFAULT_RETENTION_DAYS + 1) * 86_400_000;
    await rater.scheduled(createScheduledController({ scheduledTime, cron: '17 3 * * *' }));
    await waitOnExecutionContext(ctx);
    expect(await rawEventCount(tenantId)).toBe(0);
  });

  it.each([
    [undefined, DEFAULT_RETENTION_DAYS],
    ['', DEFAULT_RETENTION_DAYS],
    ['90', 90],
    ['60', 60],
  ])('reads RAW_EVENT_RETENTION_DAYS=%j as %i days', (setting, days) => {
    expect(retentionDays(setting)).toBe(days);
  });

  it.each(['59', '7.5', 'forever', '-1'])('refuses RAW_EVENT_RETENTION_DAYS=%j, naming the setting', (setting) => {
    expect(() => retentionDays(setting)).toThrow(
      /RAW_EVENT_RETENTION_DAYS must be a whole number of days, at least 60/,
    );
  });
});
