import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/api-key';
import type { EventBatchMessage } from '../../../shared/queue/event-batch-message';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';
import { raterApi } from '../../../rater/api/app';
import { Databases } from '../../../rater/db/databases';
import { consumeEventBatch } from '../../../rater/pipeline/consume-event-batch';
import { recordFailedEvents } from '../../../rater/pipeline/meter-batch';
import { replayFailedEvents } from '../../../rater/pipeline/replay-failed-events';
import { resendStaleDebits } from '../../../rater/pipeline/resend-stale-debits';
import { recordedEventIds } from '../../../rater/store/events';
import { insertFeature } from '../../../rater/store/features';
import { settleLedgerDebits } from '../../../rater/store/ledger-outbox';
import { parkMessages } from '../../../rater/store/parked-messages';
import { SCHEMA, requestEvent, seedTenant, withDb, usageOf, recordingLedgerQueue } from './fixtures';

const SUM = {
  name: 'bytes_total',
  aggregation: 'SUM' as const,
  filters: [],
  computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
};

async function tenantWithFeature() {
  const { tenantId, meters } = await seedTenant([SUM]);
  const feature = await withDb((db) =>
    insertFeature(db, tenantId, {
      name: 'bytes',
      schemaAssociations: [{ schemaName: SCHEMA, attributeName: 'bytes' }],
    }),
  );
  return { tenantId, meter: meters[0]!, featureId: feature!.id };
}

async function deliver(tenantId: string, events: EventBatchMessage['events'], queue: Queue<LedgerMessage>) {
  const batch = createMessageBatch<EventBatchMessage>('meterline-events', [
    { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { tenantId, events } },
  ]);
  const ctx = createExecutionContext();
  await consumeEventBatch(batch, { ...env, LEDGER_QUEUE: queue }, ctx);
  return getQueueResult(batch, ctx);
}

function api(
  tenantId: string,
  method: string,
  path: string,
  body?: unknown,
  ledgerQueue: Queue<LedgerMessage> = env.LEDGER_QUEUE,
) {
  const databases = new Databases(env);
  const db = databases.directory;
  const principal: Principal = { tenantId, keyId: 'k', scopes: ['admin'] };
  const request = new Request(`http://rater${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return Promise.resolve(
    raterApi.fetch(request, { db, home: null, directory: db, databases, principal, ledgerQueue, dedupShards: 16 }),
  ).finally(() => databases.end());
}

describe('ledger debits are owed until the edge confirms them (docs/design.md §12)', () => {
  it('keeps a metered event unconfirmed for its shard, and re-sends its debit on every delivery, until settled', async () => {
    const { tenantId, meter, featureId } = await tenantWithFeature();
    const ledger = recordingLedgerQueue();
    const events = [requestEvent('e1', '5'), requestEvent('e2', '7', { accountId: 'globex' })];

    expect(await deliver(tenantId, events, ledger.queue)).toMatchObject({ ackAll: true });
    expect(await usageOf(tenantId, meter)).toBe('12');
    const debitsOf = (messages: LedgerMessage[]) =>
      messages.flatMap((m) => (m.kind === 'debits' ? m.debits.map((d) => [m.accountId, d.eventId, d.lines]) : []));
    expect(debitsOf(ledger.sent)).toEqual([
      ['acme', 'e1', [{ featureId, amount: '5' }]],
      ['globex', 'e2', [{ featureId, amount: '7' }]],
    ]);
    // Metered, but its debit is not yet in any ledger: the shard must keep it and send it again.
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['e1', 'e2']))).toEqual([]);

    // The shard's re-send: metering is a no-op, the debits go out again.
    ledger.sent.length = 0;
    await deliver(tenantId, events, ledger.queue);
    expect(await usageOf(tenantId, meter)).toBe('12');
    expect(debitsOf(ledger.sent).map(([, id]) => id)).toEqual(['e1', 'e2']);

    // The edge's ledger consumer confirms one: only the other is still owed.
    expect(await withDb((db) => settleLedgerDebits(db, tenantId, ['e1']))).toBe(1);
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['e1', 'e2']))).toEqual(['e1']);
    ledger.sent.length = 0;
    await deliver(tenantId, events, ledger.queue);
    expect(debitsOf(ledger.sent).map(([, id]) => id)).toEqual(['e2']);
  });

  it('owes the debit of an event recorded FAILED too (credits follow usage), and nothing for a tenant without features', async () => {
    const { tenantId } = await tenantWithFeature();
    const plain = await seedTenant([SUM]);
    const ledger = recordingLedgerQueue();
    // The bisection records a poison event FAILED; its debit is owed all the same.
    await withDb((db) => recordFailedEvents(db, tenantId, [requestEvent('lost', '3')], 'metering failed (test)'));
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['lost']))).toEqual([]);
    await deliver(tenantId, [requestEvent('lost', '3')], ledger.queue);
    expect(ledger.sent).toHaveLength(1);

    ledger.sent.length = 0;
    await deliver(plain.tenantId, [requestEvent('free', '3')], ledger.queue);
    expect(ledger.sent).toEqual([]);
    expect(await withDb((db) => recordedEventIds(db, plain.tenantId, ['free']))).toEqual(['free']);
  });
});

describe('events that came through POST /entitled', () => {
  it('owe no debit: the edge debited them before claiming, so the shard may let them go at once', async () => {
    const { tenantId, meter } = await tenantWithFeature();
    const ledger = recordingLedgerQueue();
    await deliver(
      tenantId,
      [requestEvent('entitled-1', '5', { debitedAtEdge: true }), requestEvent('ingested-1', '2')],
      ledger.queue,
    );
    expect(await usageOf(tenantId, meter)).toBe('7');
    expect(ledger.sent.flatMap((m) => (m.kind === 'debits' ? m.debits.map((d) => d.eventId) : []))).toEqual([
      'ingested-1',
    ]);
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['entitled-1', 'ingested-1']))).toEqual(['entitled-1']);
  });
});

describe('the stale-debit sweep', () => {
  it('sends debits owed for over ten minutes again, and only those', async () => {
    const { tenantId } = await tenantWithFeature();
    await deliver(tenantId, [requestEvent('old', '2'), requestEvent('new', '3')], recordingLedgerQueue().queue);
    await withDb((db) =>
      db.execute(
        sql`UPDATE ledger_outbox SET created_at = now() - interval '11 minutes' WHERE tenant_id = ${tenantId} AND event_id = 'old'`,
      ),
    );
    const ledger = recordingLedgerQueue();
    await withDb((db) => resendStaleDebits(ledger.queue, db));
    const mine = ledger.sent.filter((m) => m.tenantId === tenantId);
    expect(mine.flatMap((m) => (m.kind === 'debits' ? m.debits.map((d) => d.eventId) : []))).toEqual(['old']);
  });

  it('owes nothing new for a replayed FAILED event: its debit was owed when it failed', async () => {
    const { tenantId } = await tenantWithFeature();
    await withDb((db) => recordFailedEvents(db, tenantId, [requestEvent('f1', '2')], 'metering failed (test)'));
    await withDb((db) => settleLedgerDebits(db, tenantId, ['f1']));
    await withDb((db) => replayFailedEvents(db, tenantId, { limit: 10 }));
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['f1']))).toEqual(['f1']);
  });
});

describe('parked messages', () => {
  it('parks a malformed event message with the tenant it names, lists it to that tenant only, and acks it', async () => {
    const { tenantId } = await seedTenant([SUM]);
    const other = await seedTenant([SUM]);
    const batch = createMessageBatch('meterline-events', [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { tenantId, events: 'not a list' } },
    ]);
    const ctx = createExecutionContext();
    await consumeEventBatch(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toContain('bad');

    const listed = await api(tenantId, 'GET', '/parked_messages');
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { data: { queue: string; body: unknown; reason: string }[] };
    expect(page.data).toEqual([
      expect.objectContaining({
        queue: 'meterline-events',
        body: { tenantId, events: 'not a list' },
        reason: expect.stringContaining('malformed: events'),
      }),
    ]);
    expect(((await (await api(other.tenantId, 'GET', '/parked_messages')).json()) as { data: unknown[] }).data).toEqual(
      [],
    );
  });

  it('a parked debit is no longer owed; replay owes it again and sends it; a still-malformed message is parked again', async () => {
    const { tenantId, featureId } = await tenantWithFeature();
    await deliver(tenantId, [requestEvent('d1', '4')], recordingLedgerQueue().queue);
    const debit: LedgerMessage = {
      kind: 'debits',
      tenantId,
      accountId: 'acme',
      debits: [{ eventId: 'd1', at: Date.parse('2026-05-01T10:15:30Z'), lines: [{ featureId, amount: '4' }] }],
    };
    await withDb((db) =>
      parkMessages(db, [
        { queue: 'meterline-ledger', tenantId, body: debit, reason: 'dead-lettered' },
        { queue: 'meterline-ledger', tenantId, body: { kind: 'debits', tenantId }, reason: 'malformed' },
      ]),
    );
    // Parked: the admin's now, so the shard may let the event go.
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['d1']))).toEqual(['d1']);

    const ledger = recordingLedgerQueue();
    const replay = await api(tenantId, 'POST', '/events/replay', {}, ledger.queue);
    expect(replay.status).toBe(200);
    expect(ledger.sent).toEqual([debit]);
    const body = (await replay.json()) as { replayed: number; parkedMessages: { status: string; reason?: string }[] };
    expect(body.parkedMessages.map((m) => m.status)).toEqual(['REPLAYED', 'PARKED']);
    expect(body.parkedMessages[1]!.reason).toContain('still malformed');
    expect(body.replayed).toBe(1);
    // Sent to the ledger queue, and owed again until the edge confirms it.
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['d1']))).toEqual([]);
    const left = (await (await api(tenantId, 'GET', '/parked_messages')).json()) as { data: { reason: string }[] };
    expect(left.data).toHaveLength(1);
    expect(left.data[0]!.reason).toContain('still malformed');
  });

  it('replays of a parked debit message send only what the outbox still owes: a debit confirmed meanwhile is not sent again', async () => {
    const { tenantId, featureId } = await tenantWithFeature();
    await deliver(tenantId, [requestEvent('c1', '4'), requestEvent('c2', '6')], recordingLedgerQueue().queue);
    const at = Date.parse('2026-05-01T10:15:30Z');
    const debit: LedgerMessage = {
      kind: 'debits',
      tenantId,
      accountId: 'acme',
      debits: [
        { eventId: 'c1', at, lines: [{ featureId, amount: '4' }] },
        { eventId: 'c2', at, lines: [{ featureId, amount: '6' }] },
      ],
    };
    await withDb((db) =>
      parkMessages(db, [{ queue: 'meterline-ledger', tenantId, body: debit, reason: 'dead-lettered' }]),
    );
    // Parked debits are the admin's: neither the stale sweep nor their events' deliveries send them.
    await withDb((db) =>
      db.execute(sql`UPDATE ledger_outbox SET created_at = now() - interval '40 days' WHERE tenant_id = ${tenantId}`),
    );
    const swept = recordingLedgerQueue();
    await withDb((db) => resendStaleDebits(swept.queue, db));
    expect(swept.sent.flatMap((m) => (m.tenantId === tenantId ? [m] : []))).toEqual([]);
    // Another copy of the message, queued before the park, reached the ledger for c1: confirmed.
    expect(await withDb((db) => settleLedgerDebits(db, tenantId, ['c1']))).toBe(1);

    // Weeks later, when the ledger has long forgotten c1, the admin replays the parked message.
    const ledger = recordingLedgerQueue();
    const replay = await api(tenantId, 'POST', '/events/replay', {}, ledger.queue);
    expect(
      ((await replay.json()) as { parkedMessages: { status: string }[] }).parkedMessages.map((m) => m.status),
    ).toEqual(['REPLAYED']);
    expect(ledger.sent).toEqual([{ ...debit, debits: [debit.debits[1]] }]);
    // c2 is owed again (unparked) until the edge confirms it; c1 is not owed at all.
    expect(await withDb((db) => recordedEventIds(db, tenantId, ['c1', 'c2']))).toEqual(['c1']);
  });

  it('replays a parked event batch by metering it, exactly once', async () => {
    const { tenantId, meters } = await seedTenant([SUM]);
    const meter = meters[0]!;
    const parked = { tenantId, events: [requestEvent('p1', '6')] };
    await withDb((db) =>
      parkMessages(db, [{ queue: 'meterline-events', tenantId, body: parked, reason: 'operator test' }]),
    );
    const [id] = (
      (await (await api(tenantId, 'GET', '/parked_messages')).json()) as { data: { id: string }[] }
    ).data.map((m) => m.id);
    const replay = await api(tenantId, 'POST', '/events/replay', { parkedMessageIds: [id] });
    expect(((await replay.json()) as { parkedMessages: unknown[] }).parkedMessages).toEqual([
      { id, queue: 'meterline-events', status: 'REPLAYED' },
    ]);
    expect(await usageOf(tenantId, meter)).toBe('6');
    const again = await api(tenantId, 'POST', '/events/replay', { parkedMessageIds: [id] });
    expect(((await again.json()) as { parkedMessages: unknown[] }).parkedMessages).toEqual([]);
    expect(await usageOf(tenantId, meter)).toBe('6');
  });

  it('refuses a parked message id that is not a number, naming the field', async () => {
    const { tenantId } = await seedTenant([SUM]);
    const response = await api(tenantId, 'POST', '/events/replay', { parkedMessageIds: ['x'] });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('parkedMessageIds.0');
  });
});
