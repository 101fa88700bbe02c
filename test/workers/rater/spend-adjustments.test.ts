import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../rater/db/connect';
import { accountSpendLimits, ledgerOutbox, revenueRollups } from '../../../rater/db/schema';
import { consumeEventBatch } from '../../../rater/pipeline/consume-event-batch';
import { correctEvent } from '../../../rater/pipeline/correct-event';
import { rateBackdatedUsage } from '../../../rater/pipeline/rate-backdated-usage';
import { sendSpendAdjustments } from '../../../rater/pipeline/send-spend-adjustments';
import { removeSpendLimit, setSpendLimit } from '../../../rater/services/spend-limits';
import { pendingLedgerDebits, settleLedgerDebits } from '../../../rater/store/ledger-outbox';
import { recordFailedEvents } from '../../../rater/pipeline/meter-batch';
import { replayFailedEvents } from '../../../rater/pipeline/replay-failed-events';
import { replayParkedMessages } from '../../../rater/pipeline/replay-parked-messages';
import { parkMessages } from '../../../rater/store/parked-messages';
import { queueName } from '../../../shared/queue/queue-names';
import { insertPlanAssociation, ratingAssociationsFor } from '../../../rater/store/plan-associations';
import {
  parkSpendAdjustments,
  pendingSpendAdjustments,
  settleSpendAdjustments,
  spendAdjustmentsAfter,
  unparkSpendAdjustments,
  withOwedAdjustments,
} from '../../../rater/store/spend-adjustments';
import { saveSpendLimit, unpushedSpendLimits } from '../../../rater/store/spend-limits';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import { spendAdjustmentKey, type LedgerMessage } from '../../../shared/queue/ledger-message';
import { perByteTenant, recordingLedgerQueue, requestEvent, SCHEMA } from './fixtures';

/**
 * Spend limits (shared/spend/README.md): revenue that changes after an event was first rated — an
 * UNDO, a REDO's re-metering, a backdated association's catch-up — and the revenue a cycle had
 * rated before its account's limit was set reach the account's ledger as spend adjustments, each
 * once. The test keeps the ledger's sum as the AccountLedger does (each key once, per cycle) from
 * everything sent, and holds it to the revenue Postgres rated.
 */
const MAY = { start: Date.parse('2026-05-01T00:00:00Z'), end: Date.parse('2026-06-01T00:00:00Z') };
const IN_MAY = new Date('2026-05-15T00:00:00Z');

async function setUp() {
  const { db, pool } = connect(env);
  const { tenantId, planId } = await perByteTenant(db, ['acme']);
  return { tenantId, db, pool, planId };
}

async function associate(db: Database, tenantId: string, planId: string, from: string, until?: string) {
  return insertPlanAssociation(db, tenantId, {
    accountId: 'acme',
    pricePlanId: planId,
    pricePlanVersion: 1,
    effectiveFrom: from,
    ...(until ? { effectiveUntil: until } : {}),
  });
}

async function deliver(tenantId: string, events: AcceptedEvent[], queue: Queue<LedgerMessage>) {
  const batch = createMessageBatch<EventBatchMessage>('meterline-events', [
    { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { tenantId, events } },
  ]);
  const ctx = createExecutionContext();
  await consumeEventBatch(batch, { ...env, LEDGER_QUEUE: queue }, ctx);
  expect(await getQueueResult(batch, ctx)).toMatchObject({ ackAll: true });
}

/** The AccountLedger's spend records, in short: each key once, summed per cycle that contains `at`. */
class LedgerSum {
  private readonly records = new Map<string, { amount: string; cycleStart: number; cycleEnd: number }>();

  take(messages: LedgerMessage[]): void {
    for (const m of messages) {
      if (m.kind === 'debits') {
        for (const d of m.debits) {
          if (d.spend && !this.records.has(d.eventId)) {
            this.records.set(d.eventId, d.spend);
          }
        }
      } else if (m.kind === 'spend-adjustments') {
        for (const a of m.adjustments) {
          const key = spendAdjustmentKey(a.id);
          if (!this.records.has(key)) {
            this.records.set(key, a);
          }
        }
      }
    }
  }

  spentAt(at: number): string {
    return [...this.records.values()]
      .filter((r) => r.cycleStart <= at && at < r.cycleEnd)
      .reduce((sum, r) => sum.plus(r.amount), new Decimal(0))
      .toFixed();
  }
}

async function revenueInMay(db: Database, tenantId: string): Promise<string> {
  const r = revenueRollups;
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${r.revenue}), 0)::text` })
    .from(r)
    .where(
      and(
        eq(r.tenantId, tenantId),
        eq(r.accountId, 'acme'),
        sql`${r.bucket} >= ${new Date(MAY.start).toISOString()}::timestamptz AND ${r.bucket} < ${new Date(MAY.end).toISOString()}::timestamptz`,
      ),
    );
  return new Decimal(row?.total ?? '0').toFixed();
}

const wire = (e: AcceptedEvent, bytes = e.attributes.bytes) => ({
  id: e.id,
  schemaName: SCHEMA,
  timestamp: e.timestamp,
  accountId: e.accountId,
  attributes: [
    { name: 'bytes', value: bytes ?? '0' },
    { name: 'divisor', value: '1' },
  ],
  dimensions: e.dimensions,
});

describe('spend adjustments: revenue changed after the first rating reaches the ledger once', () => {
  it('UNDO and REDO: held back until the event’s own record is in, then the ledger’s sum is the revenue', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-01-01T00:00:00Z');
      await saveSpendLimit(db, tenantId, 'acme', { amount: '100', currency: 'USD' });
      const ledger = new LedgerSum();
      const queue = recordingLedgerQueue();
      const e1 = requestEvent('e1', '100');
      const e2 = requestEvent('e2', '50', { timestamp: '2026-05-01T10:16:30.000Z' });
      await deliver(tenantId, [e1, e2], queue.queue);
      ledger.take(queue.sent);
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('1.8'); // 120 × 0.01 + 30 × 0.02

      // Both corrected while their own records are still owed: what they change waits for them.
      await correctEvent(db, tenantId, 'UNDO', { ...wire(e2) }, IN_MAY);
      await correctEvent(db, tenantId, 'REDO_EVENT', wire(e1, '130'), IN_MAY);
      expect(await pendingSpendAdjustments(db, tenantId, ['acme'])).toEqual([]);
      // The REDO's new revenue went to an adjustment: the event's row still carries its first record.
      const [row] = await db
        .select({ spend: ledgerOutbox.spend })
        .from(ledgerOutbox)
        .where(and(eq(ledgerOutbox.tenantId, tenantId), eq(ledgerOutbox.eventId, 'e1')));
      expect(row?.spend).toMatchObject({ amount: '1' });

      // The ledger confirms e1 and e2: their corrections' spend is sendable, in order of writing.
      await settleLedgerDebits(db, tenantId, ['e1', 'e2']);
      const released = await spendAdjustmentsAfter(db, tenantId, ['e1', 'e2']);
      expect(released.flatMap((m) => m.adjustments.map((a) => a.amount))).toEqual(['-0.8', '-1', '1.4']);
      ledger.take(released);
      expect(await revenueInMay(db, tenantId)).toBe('1.4'); // e1 alone, now 130: 1.2 + 0.2
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('1.4');

      // A REDO after the event's record was confirmed: no row comes back, the change goes at once.
      await correctEvent(db, tenantId, 'REDO_EVENT', wire(e1, '10'), IN_MAY);
      const outbox = await db
        .select()
        .from(ledgerOutbox)
        .where(and(eq(ledgerOutbox.tenantId, tenantId), eq(ledgerOutbox.eventId, 'e1')));
      expect(outbox).toEqual([]);
      queue.sent.length = 0;
      await sendSpendAdjustments(queue.queue, db, tenantId, ['acme']);
      // Sent again before they are settled: the ledger counts each key once.
      await sendSpendAdjustments(queue.queue, db, tenantId, ['acme']);
      ledger.take(queue.sent);
      expect(await revenueInMay(db, tenantId)).toBe('0.1');
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('0.1');

      // Settled by the consumer (all five so far): nothing is owed any more.
      const ids = queue.sent.flatMap((m) => (m.kind === 'spend-adjustments' ? m.adjustments.map((a) => a.id) : []));
      expect(await settleSpendAdjustments(db, tenantId, [...new Set(ids)])).toBe(5);
      expect(await pendingSpendAdjustments(db, tenantId, ['acme'])).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('a REDO_EVENT that rates the event no more, its first record still owed, takes back only that record', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      // From May: an April timestamp is rated in no cycle.
      await associate(db, tenantId, planId, '2026-05-01T00:00:00Z');
      await saveSpendLimit(db, tenantId, 'acme', { amount: '100', currency: 'USD' });
      const ledger = new LedgerSum();
      const queue = recordingLedgerQueue();
      const e1 = requestEvent('e1', '100');
      await deliver(tenantId, [e1], queue.queue);
      ledger.take(queue.sent);
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('1');

      await correctEvent(db, tenantId, 'REDO_EVENT', { ...wire(e1), timestamp: '2026-04-20T00:00:00.000Z' }, IN_MAY);
      expect(await revenueInMay(db, tenantId)).toBe('0');
      await settleLedgerDebits(db, tenantId, ['e1']);
      const released = await spendAdjustmentsAfter(db, tenantId, ['e1']);
      expect(released.flatMap((m) => m.adjustments.map((a) => a.amount))).toEqual(['-1']);
      ledger.take(released);
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('0');
    } finally {
      await pool.end();
    }
  });

  it('what an UNDO takes back never travels without an older adjustment still owed, parked or not', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-01-01T00:00:00Z');
      const queue = recordingLedgerQueue();
      const e1 = requestEvent('e1', '100');
      await deliver(tenantId, [e1], queue.queue); // owes no spend yet, and no debit: no outbox row
      await setSpendLimit({ db, tenantId, home: null }, queue.queue, 'acme', { amount: '5', currency: 'USD' }, IN_MAY);
      const [opening] = await pendingSpendAdjustments(db, tenantId, ['acme']);
      expect(opening?.adjustments.map((a) => a.amount)).toEqual(['1']);
      // The opening's message was parked (the ledger failed it after every retry): the UNDO's waits.
      await db.transaction((tx) => parkSpendAdjustments(tx, tenantId, opening!));
      await correctEvent(db, tenantId, 'UNDO', wire(e1), IN_MAY);
      expect(await pendingSpendAdjustments(db, tenantId, ['acme'])).toEqual([]);
      // Replayed: both go, in order, in one message.
      await db.transaction((tx) => unparkSpendAdjustments(tx, tenantId, opening!));
      const owed = await pendingSpendAdjustments(db, tenantId, ['acme']);
      expect(owed.map((m) => m.adjustments.map((a) => a.amount))).toEqual([['1', '-1']]);
    } finally {
      await pool.end();
    }
  });

  it('a FAILED event replayed after its zero record reached the ledger: its revenue comes as an adjustment', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-01-01T00:00:00Z');
      await saveSpendLimit(db, tenantId, 'acme', { amount: '100', currency: 'USD' });
      const ledger = new LedgerSum();
      const failed = requestEvent('f1', '100');
      await recordFailedEvents(db, tenantId, [failed], 'metering failed (test)');
      // Its zero record, sent and confirmed: the ledger holds the key 'f1'.
      ledger.take(await pendingLedgerDebits(db, tenantId, ['f1']));
      await settleLedgerDebits(db, tenantId, ['f1']);

      expect(await replayFailedEvents(db, tenantId, { eventIds: ['f1'], limit: 1 })).toEqual([
        { id: 'f1', status: 'METERED' },
      ]);
      expect(await pendingLedgerDebits(db, tenantId, ['f1'])).toEqual([]);
      ledger.take(await pendingSpendAdjustments(db, tenantId, ['acme']));
      expect(await revenueInMay(db, tenantId)).toBe('1');
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('1');
    } finally {
      await pool.end();
    }
  });

  it('a parked limit push is replayed with what the account owes now, not the adjustments it carried', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-01-01T00:00:00Z');
      const queue = recordingLedgerQueue();
      await deliver(tenantId, [requestEvent('a', '100')], queue.queue);
      queue.sent.length = 0;
      await setSpendLimit({ db, tenantId, home: null }, queue.queue, 'acme', { amount: '5', currency: 'USD' }, IN_MAY);
      const push = queue.sent.find((m) => m.kind === 'spend-limit');
      expect(push?.adjustments?.map((a) => a.amount)).toEqual(['1']);
      // The opening went on its own and was settled (and later forgotten by the ledger); the push was parked.
      await settleSpendAdjustments(db, tenantId, push?.adjustments?.map((a) => a.id) ?? []);
      await parkMessages(db, [
        {
          queue: queueName({ kind: 'ledger', jurisdiction: null, deadLetter: false }),
          tenantId,
          body: push,
          reason: 'test',
        },
      ]);
      queue.sent.length = 0;
      await replayParkedMessages(db, queue.queue, tenantId, { limit: 10 });
      const replayed = queue.sent.filter((m) => m.kind === 'spend-limit');
      expect(replayed).toHaveLength(1);
      expect(replayed[0]).toMatchObject({ limit: { amount: '5', currency: 'USD' } });
      expect(replayed[0]?.adjustments).toBeUndefined();
    } finally {
      await pool.end();
    }
  });

  it('a backdated association’s catch-up sends what it rated; an account with no limit sends nothing', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-05-01T00:00:00Z');
      await saveSpendLimit(db, tenantId, 'acme', { amount: '100', currency: 'USD' });
      const queue = recordingLedgerQueue();
      // April: before the association, rated in no cycle.
      const april = requestEvent('april', '150', { timestamp: '2026-04-10T10:00:00.000Z' });
      await deliver(tenantId, [april], queue.queue);
      await settleLedgerDebits(db, tenantId, ['april']);

      const association = await associate(db, tenantId, planId, '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z');
      await db.transaction(async (tx) => {
        const rating = (await ratingAssociationsFor(tx, tenantId, ['acme'])).find((a) => a.id === association?.id);
        if (!rating) {
          throw new Error('the April association is not rated');
        }
        await rateBackdatedUsage(tx, tenantId, rating);
      });
      const [message] = await pendingSpendAdjustments(db, tenantId, ['acme']);
      expect(message?.adjustments).toEqual([
        {
          id: expect.any(String),
          amount: '1.8',
          currency: 'USD',
          cycleStart: Date.parse('2026-04-01T00:00:00Z'),
          cycleEnd: MAY.start,
        },
      ]);

      // No limit row: a catch-up writes nothing for the ledger.
      const other = await setUp();
      try {
        await associate(other.db, other.tenantId, other.planId, '2026-05-01T00:00:00Z');
        await deliver(other.tenantId, [{ ...april }], queue.queue);
        const late = await associate(
          other.db,
          other.tenantId,
          other.planId,
          '2026-04-01T00:00:00Z',
          '2026-05-01T00:00:00Z',
        );
        await other.db.transaction(async (tx) => {
          const rating = (await ratingAssociationsFor(tx, other.tenantId, ['acme'])).find((a) => a.id === late?.id);
          await rateBackdatedUsage(tx, other.tenantId, rating!);
        });
        expect(await pendingSpendAdjustments(other.db, other.tenantId, ['acme'])).toEqual([]);
      } finally {
        await other.pool.end();
      }
    } finally {
      await pool.end();
    }
  });

  it('a new limit opens with what its cycle has rated; removed and set again, every event counts once', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-01-01T00:00:00Z');
      const ctx = { db, tenantId, home: null };
      const ledger = new LedgerSum();
      const queue = recordingLedgerQueue();
      // Rated before any limit: no spend goes anywhere.
      await deliver(
        tenantId,
        [
          requestEvent('a', '100'),
          requestEvent('april', '500', { timestamp: '2026-04-02T00:00:00Z', acceptedAt: '2026-04-02T00:00:01Z' }),
        ],
        queue.queue,
      );
      expect(queue.sent.filter((m) => m.kind === 'debits' && m.debits.some((d) => d.spend))).toEqual([]);

      await setSpendLimit(ctx, queue.queue, 'acme', { amount: '5', currency: 'USD' }, IN_MAY);
      // The push, and the opening: May's 1 USD so far (April's cycle has ended) — on its own, and
      // inside the push, so the ledger never keeps the limit without it.
      const pushes = queue.sent.filter((m) => m.kind === 'spend-limit');
      expect(pushes).toHaveLength(1);
      expect(pushes[0]?.adjustments?.map((a) => a.amount)).toEqual(['1']);
      const opening = queue.sent.flatMap((m) =>
        m.kind === 'spend-adjustments' ? m.adjustments.map((a) => a.id) : [],
      )[0];
      ledger.take(queue.sent);
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('1');

      queue.sent.length = 0;
      await deliver(tenantId, [requestEvent('b', '50')], queue.queue);
      await removeSpendLimit(ctx, queue.queue, 'acme');
      // Removed, the account's spend still reaches its ledger...
      await deliver(tenantId, [requestEvent('c', '10')], queue.queue);
      // ...so a limit set again (or changed) needs no second opening.
      await setSpendLimit(ctx, queue.queue, 'acme', { amount: '7', currency: 'USD' }, IN_MAY);
      await setSpendLimit(ctx, queue.queue, 'acme', { amount: '9', currency: 'USD' }, IN_MAY);
      ledger.take(queue.sent);
      // (The opening, not yet settled, is sent again with each: counted once.)
      const adjustmentIds = queue.sent.flatMap((m) =>
        m.kind === 'spend-adjustments' ? m.adjustments.map((a) => a.id) : [],
      );
      expect(new Set(adjustmentIds)).toEqual(new Set([opening]));
      expect(await revenueInMay(db, tenantId)).toBe('2'); // 160: 1.2 + 40 × 0.02
      expect(ledger.spentAt(IN_MAY.getTime())).toBe('2');
      expect(queue.sent.filter((m) => m.kind === 'spend-limit').map((m) => m.limit)).toEqual([
        null,
        { amount: '7', currency: 'USD' },
        { amount: '9', currency: 'USD' },
      ]);
    } finally {
      await pool.end();
    }
  });

  it('a limit whose push was lost stays unpushed for the sweep; one pushed does not', async () => {
    const { tenantId, db, pool, planId } = await setUp();
    try {
      await associate(db, tenantId, planId, '2026-01-01T00:00:00Z');
      await deliver(tenantId, [requestEvent('a', '100')], recordingLedgerQueue().queue);
      const ctx = { db, tenantId, home: null };
      const broken = {
        send: async () => {
          throw new Error('queue unavailable (test)');
        },
        sendBatch: async () => {
          throw new Error('queue unavailable (test)');
        },
      } as unknown as Queue<LedgerMessage>;
      await expect(setSpendLimit(ctx, broken, 'acme', { amount: '5', currency: 'USD' }, IN_MAY)).rejects.toMatchObject({
        code: 'ledger_queue_unavailable',
      });
      const mine = async () => (await unpushedSpendLimits(db, 0, 1000)).filter((m) => m.tenantId === tenantId);
      const [owed] = await mine();
      expect(owed).toMatchObject({ kind: 'spend-limit', accountId: 'acme', limit: { amount: '5', currency: 'USD' } });
      // The sweep's push carries what the account still owes its ledger: here, the opening.
      expect((await withOwedAdjustments(db, owed!)).adjustments?.map((a) => a.amount)).toEqual(['1']);
      // Not yet stale: the sweep leaves a push that may still be under way.
      expect((await unpushedSpendLimits(db, 3_600_000, 1000)).filter((m) => m.tenantId === tenantId)).toEqual([]);

      const queue = recordingLedgerQueue();
      await removeSpendLimit(ctx, queue.queue, 'acme');
      expect(await mine()).toEqual([]);
      const [stored] = await db
        .select({ version: accountSpendLimits.version, pushed: accountSpendLimits.pushedVersion })
        .from(accountSpendLimits)
        .where(eq(accountSpendLimits.tenantId, tenantId));
      expect(stored?.pushed).toBe(stored?.version);
    } finally {
      await pool.end();
    }
  });
});
