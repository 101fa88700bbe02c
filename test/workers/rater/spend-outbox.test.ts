import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { revenueRollups } from '../../../rater/db/schema';
import { saveSpendLimit } from '../../../rater/store/spend-limits';
import { consumeEventBatch } from '../../../rater/pipeline/consume-event-batch';
import { recordFailedEvents } from '../../../rater/pipeline/meter-batch';
import { settleLedgerDebits } from '../../../rater/store/ledger-outbox';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { Decimal } from '../../../shared/decimal/decimal';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';
import { perByteTenant, recordingLedgerQueue, requestEvent, withDb } from './fixtures';

/**
 * Spend limits (shared/spend/README.md), the rater's part: metering writes each event's revenue of
 * an account with a spend limit to the event's ledger-outbox row, in its transaction, so the
 * AccountLedger learns what the account spent — once per event, whatever is redelivered — and an
 * event debited at the edge (a settled reservation) reaches it too, with no feature lines.
 */
async function tenantWithLimitedAccount() {
  return withDb(async (db) => {
    const { tenantId, planId } = await perByteTenant(db, ['acme', 'globex']);
    for (const id of ['acme', 'globex']) {
      await insertPlanAssociation(db, tenantId, {
        accountId: id,
        pricePlanId: planId,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00Z',
      });
    }
    await saveSpendLimit(db, tenantId, 'acme', { amount: '100', currency: 'USD' });
    return { tenantId };
  });
}

async function deliver(tenantId: string, events: EventBatchMessage['events'], queue: Queue<LedgerMessage>) {
  const batch = createMessageBatch<EventBatchMessage>('meterline-events', [
    { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { tenantId, events } },
  ]);
  const ctx = createExecutionContext();
  await consumeEventBatch(batch, { ...env, LEDGER_QUEUE: queue }, ctx);
  return getQueueResult(batch, ctx);
}

const spendOf = (messages: LedgerMessage[]) =>
  messages.flatMap((m) =>
    m.kind === 'debits'
      ? m.debits.flatMap((d) =>
          d.spend ? [{ account: m.accountId, event: d.eventId, ...d.spend, lines: d.lines }] : [],
        )
      : [],
  );

describe('metering sends the revenue of accounts with a spend limit to their ledger', () => {
  it('once per event, with each event’s own delta, across redeliveries, until the ledger confirms it', async () => {
    const { tenantId } = await tenantWithLimitedAccount();
    const ledger = recordingLedgerQueue();
    const events = [
      requestEvent('e1', '100'),
      // Crosses the tier at 120: 20 × 0.01 + 30 × 0.02.
      requestEvent('e2', '50', { debitedAtEdge: true, timestamp: '2026-05-01T10:16:30.000Z' }),
      // Before the association: rated in no cycle, so the ledger hears it cost nothing.
      requestEvent('early', '10', { timestamp: '2025-12-01T10:15:30.000Z' }),
      requestEvent('g1', '10', { accountId: 'globex' }),
    ];
    expect(await deliver(tenantId, events, ledger.queue)).toMatchObject({ ackAll: true });

    const sent = spendOf(ledger.sent);
    expect(sent.map(({ event, amount, currency, lines }) => ({ event, amount, currency, lines }))).toEqual([
      { event: 'e1', amount: '1', currency: 'USD', lines: [] },
      { event: 'e2', amount: '0.8', currency: 'USD', lines: [] },
      { event: 'early', amount: '0', currency: 'USD', lines: [] },
    ]);
    for (const s of sent.filter((s) => s.event !== 'early')) {
      expect(s.cycleStart).toBeLessThanOrEqual(Date.parse('2026-05-01T10:15:30.000Z'));
      expect(s.cycleEnd).toBeGreaterThan(Date.parse('2026-05-01T10:16:30.000Z'));
    }
    expect(sent.find((s) => s.event === 'early')).toMatchObject({ cycleStart: 0, cycleEnd: 0 });

    // What the ledger is told equals the revenue rated for the account.
    const rated = await withDb(async (db) => {
      const [row] = await db
        .select({ total: sql<string>`sum(${revenueRollups.revenue})::text` })
        .from(revenueRollups)
        .where(and(eq(revenueRollups.tenantId, tenantId), eq(revenueRollups.accountId, 'acme')));
      return row?.total ?? '0';
    });
    expect(sent.reduce((t, s) => t.plus(s.amount), new Decimal(0)).eq(rated)).toBe(true);

    // The shard's re-send: metering is a no-op, the same amounts go out again (the ledger counts each once).
    ledger.sent.length = 0;
    await deliver(tenantId, events, ledger.queue);
    expect(spendOf(ledger.sent)).toEqual(sent);

    // Confirmed by the ledger consumer: nothing is owed any more.
    expect(await withDb((db) => settleLedgerDebits(db, tenantId, ['e1', 'e2', 'early']))).toBe(3);
    ledger.sent.length = 0;
    await deliver(tenantId, events, ledger.queue);
    expect(spendOf(ledger.sent)).toEqual([]);
  });

  it('tells the ledger an event recorded FAILED cost nothing, so no settle waits on it', async () => {
    const { tenantId } = await tenantWithLimitedAccount();
    const ledger = recordingLedgerQueue();
    const poison = [requestEvent('poison', '5'), requestEvent('poison-g', '5', { accountId: 'globex' })];
    await withDb((db) => recordFailedEvents(db, tenantId, poison, 'metering failed (test)'));
    await deliver(tenantId, poison, ledger.queue);
    expect(spendOf(ledger.sent).map(({ event, amount, cycleEnd }) => ({ event, amount, cycleEnd }))).toEqual([
      { event: 'poison', amount: '0', cycleEnd: 0 },
    ]);
  });
});
