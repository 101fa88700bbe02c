import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { correctEvent } from '../../../rater/pipeline/correct-event';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { replayParkedMessages } from '../../../rater/pipeline/replay-parked-messages';
import { resendStaleDebits } from '../../../rater/pipeline/resend-stale-debits';
import { sendCreditChanges } from '../../../rater/pipeline/send-credit-changes';
import { parkMessages } from '../../../rater/store/parked-messages';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';
import { queryRevenue } from '../../../rater/queries/revenue';
import { findEvent } from '../../../rater/store/events';
import { activeFeatures, insertFeature } from '../../../rater/store/features';
import { pendingCreditChanges, settleCreditChanges } from '../../../rater/store/ledger-corrections';
import { settleLedgerDebits } from '../../../rater/store/ledger-outbox';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { raisePurgeWatermark } from '../../../rater/store/purge-watermark';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { recordingLedgerQueue, requestEvent, SCHEMA, seedTenant, usageOf } from './fixtures';

const bytes = { computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }], filters: [] };
const METERS = [
  { name: 'count', aggregation: 'COUNT' as const, computations: [], filters: [] },
  { name: 'sum', aggregation: 'SUM' as const, ...bytes },
  { name: 'max', aggregation: 'MAX' as const, ...bytes },
  { name: 'min', aggregation: 'MIN' as const, ...bytes },
  { name: 'latest', aggregation: 'LATEST' as const, ...bytes },
  {
    name: 'users',
    aggregation: 'UNIQUE_COUNT' as const,
    filters: [],
    computations: [{ computation: '{"var":"dimensions.user"}', order: 1 }],
  },
];
const MONTHLY = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 0,
};
/** Graduated: the first 10 units at 1, the rest at 3 — undoing an early event moves later ones down a tier. */
const TIERED = {
  pricingModel: 'TIERED',
  slabs: [
    { startAfter: '0', rate: '1', priceType: 'PER_UNIT' },
    { startAfter: '10', rate: '3', priceType: 'PER_UNIT' },
  ],
};

async function setUp() {
  const { tenantId, meters } = await seedTenant(METERS);
  const sum = meters[1]!;
  const { db, pool } = connect(env);
  const draft = await insertPricePlan(db, tenantId, {
    name: 'tiered',
    currency: 'USD',
    pricingCycle: MONTHLY,
    fixedFees: [],
    entitlementRateCards: [],
    usageRateCards: [usageRateCardSchema.parse({ usageMeterId: sum.id, ...TIERED })],
  });
  const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
  await insertPlanAssociation(db, tenantId, {
    accountId: 'acme',
    pricePlanId: plan,
    pricePlanVersion: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
  });
  return { tenantId, meters, db, pool };
}

const at = (second: number) => `2026-05-01T10:15:${String(second).padStart(2, '0')}.000Z`;
const event = (id: string, value: string, second: number, user: string): AcceptedEvent =>
  requestEvent(id, value, { timestamp: at(second), acceptedAt: at(59), dimensions: { region: 'eu', user } });
const wire = (e: AcceptedEvent) => ({
  id: e.id,
  schemaName: SCHEMA,
  timestamp: e.timestamp,
  accountId: e.accountId,
  attributes: Object.entries(e.attributes).map(([name, value]) => ({ name, value })),
  dimensions: e.dimensions,
});
const NOW = new Date('2026-05-02T00:00:00Z');

async function revenueOf(db: ReturnType<typeof connect>['db'], tenantId: string) {
  const query = revenueQuerySchema.parse({ from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z', window: 'MONTH' });
  return (await queryRevenue(db, tenantId, query)).totals
    .reduce((sum, s) => sum.plus(s.value), new Decimal(0))
    .toFixed();
}

async function usages(tenantId: string, meters: Awaited<ReturnType<typeof seedTenant>>['meters']) {
  const values: (string | null)[] = [];
  for (const meter of meters) {
    const value = await usageOf(tenantId, meter);
    values.push(value === null ? null : new Decimal(value).toFixed());
  }
  return values;
}

describe('POST /events/correction (correctEvent)', () => {
  it('UNDO of a mid-tier event removes it from every aggregation and re-prices its cycle exactly; a retry changes nothing', async () => {
    const { tenantId, meters, db, pool } = await setUp();
    try {
      const a = event('a', '4', 10, 'ann');
      const b = event('b', '9', 20, 'bob'); // the max, and the only 'bob'
      const c = event('c', '2', 30, 'ann'); // the latest
      await meterBatch(db, [{ tenantId, events: [a, b, c] }]);
      // 15 units: 10 at 1 + 5 at 3.
      expect(await revenueOf(db, tenantId)).toBe('25');

      const undone = await correctEvent(db, tenantId, 'UNDO', wire(b), NOW);
      expect(undone).toEqual({ eventId: 'b', from: 'METERED', to: 'REVERTED', changed: true, accountIds: ['acme'] });
      // count, sum, max, min, latest, unique users — as if b had never been sent.
      expect(await usages(tenantId, meters)).toEqual(['2', '6', '4', '2', '2', '1']);
      expect(await revenueOf(db, tenantId)).toBe('6');

      expect(await correctEvent(db, tenantId, 'UNDO', wire(b), NOW)).toMatchObject({ changed: false, to: 'REVERTED' });
      // A redelivery of the undone event changes nothing either.
      await meterBatch(db, [{ tenantId, events: [b] }]);
      expect(await usages(tenantId, meters)).toEqual(['2', '6', '4', '2', '2', '1']);
      expect(await revenueOf(db, tenantId)).toBe('6');

      const shown = await findEvent(db, tenantId, 'b');
      expect(shown?.ingestionStatus.status).toBe('REVERTED');
      expect(shown?.corrections).toEqual([{ action: 'UNDO', at: NOW.toISOString(), from: 'METERED' }]);
    } finally {
      await pool.end();
    }
  });

  it('REDO meters an undone event again; REDO_EVENT replaces its payload under the same id', async () => {
    const { tenantId, meters, db, pool } = await setUp();
    try {
      const a = event('a', '4', 10, 'ann');
      const b = event('b', '9', 20, 'bob');
      await meterBatch(db, [{ tenantId, events: [a, b] }]);
      await correctEvent(db, tenantId, 'UNDO', wire(b), NOW);
      expect(await correctEvent(db, tenantId, 'REDO', wire(b), NOW)).toEqual({
        eventId: 'b',
        from: 'REVERTED',
        to: 'METERED',
        changed: true,
        accountIds: ['acme'],
      });
      expect(await usages(tenantId, meters)).toEqual(['2', '13', '9', '4', '9', '2']);
      expect(await revenueOf(db, tenantId)).toBe('19');

      // b becomes 1 unit from 'ann', earlier than a: max, latest and users all change.
      const replaced = {
        ...wire(b),
        timestamp: at(5),
        attributes: [
          { name: 'bytes', value: '1' },
          { name: 'divisor', value: '1' },
        ],
        dimensions: { region: 'eu', user: 'ann' },
      };
      expect(await correctEvent(db, tenantId, 'REDO_EVENT', replaced, NOW)).toMatchObject({
        from: 'METERED',
        to: 'METERED',
      });
      expect(await usages(tenantId, meters)).toEqual(['2', '5', '4', '1', '4', '1']);
      expect(await revenueOf(db, tenantId)).toBe('5');
      const shown = await findEvent(db, tenantId, 'b');
      expect(shown?.eventPayload.timestamp).toBe(at(5));
      expect(shown?.corrections?.map((c) => c.action)).toEqual(['UNDO', 'REDO', 'REDO_EVENT']);
    } finally {
      await pool.end();
    }
  });

  it('refuses an unknown event (404) and a REDO_EVENT payload its schema does not declare (422, naming the field)', async () => {
    const { tenantId, db, pool } = await setUp();
    try {
      const a = event('a', '4', 10, 'ann');
      await expect(correctEvent(db, tenantId, 'UNDO', wire(a), NOW)).rejects.toMatchObject({
        status: 404,
        code: 'event_not_found',
      });
      await meterBatch(db, [{ tenantId, events: [a] }]);
      const bad = { ...wire(a), attributes: [{ name: 'nope', value: '1' }] };
      await expect(correctEvent(db, tenantId, 'REDO_EVENT', bad, NOW)).rejects.toMatchObject({
        status: 422,
        errors: [{ path: 'event.attributes.0.name' }],
      });
      expect((await findEvent(db, tenantId, 'a'))?.ingestionStatus.status).toBe('INGESTION_COMPLETED_EVENT_METERED');
    } finally {
      await pool.end();
    }
  });

  it('refuses (409) to correct an event whose minute may have lost raw events to the purge, and changes nothing', async () => {
    const { tenantId, meters, db, pool } = await setUp();
    try {
      // The cutoff test/workers/rater/purge-raw-events.test.ts raises the watermark to, whatever runs first.
      const old = requestEvent('old', '4', {
        timestamp: '2026-04-01T00:00:00.000Z',
        acceptedAt: '2026-04-01T00:00:01.000Z',
        dimensions: { region: 'eu', user: 'ann' },
      });
      await meterBatch(db, [{ tenantId, events: [old] }]);
      await raisePurgeWatermark(db, new Date('2026-04-15T00:00:00Z'));
      await expect(correctEvent(db, tenantId, 'UNDO', wire(old), NOW)).rejects.toMatchObject({
        status: 409,
        code: 'raw_events_purged',
      });
      expect((await findEvent(db, tenantId, 'old'))?.ingestionStatus.status).toBe('INGESTION_COMPLETED_EVENT_METERED');
      expect(await usageOf(tenantId, meters[0]!)).toBe('1');
    } finally {
      await pool.end();
    }
  });

  it("writes the credits a correction gives back or debits, numbered per event, sendable in order and only once the event's debit reached the ledger", async () => {
    const { tenantId, meters, db, pool } = await setUp();
    try {
      await insertFeature(db, tenantId, {
        name: 'bytes',
        schemaAssociations: [{ schemaName: SCHEMA, attributeName: 'bytes' }],
      });
      const feature = (await activeFeatures(db, tenantId))[0]!.id;
      const a = event('a', '4', 10, 'ann');
      await meterBatch(db, [{ tenantId, events: [a] }]);
      const owed = async () =>
        (await pendingCreditChanges(db, tenantId, ['a'])).flatMap((m) =>
          m.corrections.map((c) => ({ account: m.accountId, ...c })),
        );
      const change = (seq: number, effect: 'REFUND' | 'DEBIT', amount: string) => ({
        account: 'acme',
        eventId: 'a',
        seq,
        effect,
        at: Date.parse(a.timestamp),
        lines: [{ featureId: feature, amount }],
      });

      // Same bytes, another user: the same credits consumed, nothing to change.
      await correctEvent(db, tenantId, 'REDO_EVENT', { ...wire(a), dimensions: { region: 'eu', user: 'bob' } }, NOW);
      const more = {
        ...wire(a),
        attributes: [
          { name: 'bytes', value: '5' },
          { name: 'divisor', value: '1' },
        ],
      };
      expect(await correctEvent(db, tenantId, 'REDO_EVENT', more, NOW)).toMatchObject({ to: 'METERED', changed: true });
      // The 4 bytes' debit has not reached the ledger yet: giving them back must wait for it.
      expect(await owed()).toEqual([]);
      await settleLedgerDebits(db, tenantId, ['a']);
      // Together, in order: the give-back, then the new payload's debit.
      expect(await owed()).toEqual([change(1, 'REFUND', '4'), change(2, 'DEBIT', '5')]);
      expect(await settleCreditChanges(db, tenantId, [{ eventId: 'a', seq: 1 }])).toBe(1);
      expect(await owed()).toEqual([change(2, 'DEBIT', '5')]);

      // A REDO of a counted event changes no credits; an UNDO gives back the 5; its retry, nothing more.
      await correctEvent(db, tenantId, 'REDO', more, NOW);
      await correctEvent(db, tenantId, 'UNDO', more, NOW);
      expect(await correctEvent(db, tenantId, 'UNDO', more, NOW)).toMatchObject({ changed: false });
      await settleCreditChanges(db, tenantId, [
        { eventId: 'a', seq: 2 },
        { eventId: 'a', seq: 2 },
      ]);
      expect(await owed()).toEqual([change(3, 'REFUND', '5')]);
      // A REDO after the UNDO is a change of its own, numbered on.
      await correctEvent(db, tenantId, 'REDO', more, NOW);
      expect(await owed()).toEqual([change(3, 'REFUND', '5'), change(4, 'DEBIT', '5')]);
      await settleCreditChanges(db, tenantId, [{ eventId: 'a', seq: 3 }]);
      expect(await owed()).toEqual([change(4, 'DEBIT', '5')]);
      expect((await usages(tenantId, meters)).slice(0, 2)).toEqual(['1', '5']);
    } finally {
      await pool.end();
    }
  });

  it('sends the credit changes once committed; the stale sweep sends one whose send was lost; a parked one waits for its replay', async () => {
    const { tenantId, db, pool } = await setUp();
    try {
      await insertFeature(db, tenantId, {
        name: 'bytes',
        schemaAssociations: [{ schemaName: SCHEMA, attributeName: 'bytes' }],
      });
      const a = event('a', '4', 10, 'ann');
      await meterBatch(db, [{ tenantId, events: [a] }]);
      await settleLedgerDebits(db, tenantId, ['a']);
      await correctEvent(db, tenantId, 'UNDO', wire(a), NOW);
      const mine = (sent: LedgerMessage[]) => sent.filter((m) => m.tenantId === tenantId);

      const now = recordingLedgerQueue();
      expect(await sendCreditChanges(now.queue, db, tenantId, ['a'])).toBe(1);
      const [message] = mine(now.sent);
      expect(message).toMatchObject({
        kind: 'corrections',
        accountId: 'acme',
        corrections: [{ eventId: 'a', seq: 1, effect: 'REFUND' }],
      });

      // That send was lost: ten minutes on, the sweep sends it again.
      await db.execute(
        sql`UPDATE ledger_corrections SET created_at = now() - interval '11 minutes' WHERE tenant_id = ${tenantId}`,
      );
      const swept = recordingLedgerQueue();
      await resendStaleDebits(swept.queue, db);
      expect(mine(swept.sent)).toEqual([message]);

      // Dead-lettered and parked: the admin's to replay, so the sweep leaves it.
      await parkMessages(db, [{ queue: 'meterline-ledger', tenantId, body: message, reason: 'dead-lettered' }]);
      const parked = recordingLedgerQueue();
      await resendStaleDebits(parked.queue, db);
      expect(mine(parked.sent)).toEqual([]);
      const replayed = recordingLedgerQueue();
      expect(await replayParkedMessages(db, replayed.queue, tenantId, { limit: 10 })).toMatchObject([
        { status: 'REPLAYED' },
      ]);
      expect(mine(replayed.sent)).toEqual([message]);

      // Applied and confirmed: nothing is owed, nothing sent again.
      expect(await settleCreditChanges(db, tenantId, [{ eventId: 'a', seq: 1 }])).toBe(1);
      const after = recordingLedgerQueue();
      await resendStaleDebits(after.queue, db);
      expect(await sendCreditChanges(after.queue, db, tenantId, ['a'])).toBe(0);
      expect(mine(after.sent)).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
