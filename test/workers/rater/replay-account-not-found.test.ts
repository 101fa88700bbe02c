import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tenants } from '../../../rater/db/schema';
import { meterBatch, recordFailedEvents } from '../../../rater/pipeline/meter-batch';
import { replayFailedEvents } from '../../../rater/pipeline/replay-failed-events';
import { insertAccount } from '../../../rater/store/accounts';
import { insertCustomer } from '../../../rater/store/customers';
import { insertFeature } from '../../../rater/store/features';
import { settleLedgerDebits } from '../../../rater/store/ledger-outbox';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { SCHEMA, eventStatus, requestEvent, seedTenant, withDb, usageOf } from './fixtures';

const SUM = {
  name: 'bytes_total',
  aggregation: 'SUM' as const,
  filters: [],
  computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
};

/** A tenant under unknownAccounts=FAIL with a feature on the schema, and no account 'ghost' yet. */
async function failingTenant() {
  const { tenantId, meters } = await seedTenant([SUM]);
  await withDb(async (db) => {
    await insertFeature(db, tenantId, {
      name: 'bytes',
      schemaAssociations: [{ schemaName: SCHEMA, attributeName: 'bytes' }],
    });
    await db.update(tenants).set({ unknownAccounts: 'FAIL' }).where(eq(tenants.id, tenantId));
    await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
  });
  const createGhost = () => withDb((db) => insertAccount(db, tenantId, 'cus', { id: 'ghost', name: 'Ghost' }));
  /**
   * How many debits for the event were owed since the last look. Each is then settled, as the edge
   * confirms it: once the ledger's settled-key window has passed, any debit owed again would be
   * taken again, so every one counted here is a debit the account pays.
   */
  let owedSoFar = 0;
  const owed = async (eventId: string) => {
    owedSoFar += await withDb((db) => settleLedgerDebits(db, tenantId, [eventId]));
    return owedSoFar;
  };
  const replay = (eventId: string) =>
    withDb((db) => replayFailedEvents(db, tenantId, { eventIds: [eventId], limit: 1 }));
  return { tenantId, meter: meters[0]!, createGhost, owed, replay };
}

const ghostEvent = (id: string, overrides: Partial<AcceptedEvent> = {}) =>
  requestEvent(id, '5', { accountId: 'ghost', ...overrides });

describe('replaying ACCOUNT_NOT_FOUND events owes each debit once', () => {
  it('owes a never-debited event its debit once, when metered at last, however often it was replayed before', async () => {
    const { tenantId, meter, createGhost, owed, replay } = await failingTenant();
    await withDb((db) => meterBatch(db, [{ tenantId, events: [ghostEvent('n')] }]));
    expect(await eventStatus(tenantId, 'n')).toMatchObject({
      status: 'ACCOUNT_NOT_FOUND',
      detail: { debitOwed: true },
    });
    expect(await owed('n')).toBe(0);

    expect(await replay('n')).toEqual([{ id: 'n', status: 'ACCOUNT_NOT_FOUND' }]); // account still missing
    expect(await eventStatus(tenantId, 'n')).toMatchObject({ detail: { debitOwed: true } });
    expect(await owed('n')).toBe(0);

    await createGhost();
    expect(await replay('n')).toEqual([{ id: 'n', status: 'METERED' }]);
    expect(await owed('n')).toBe(1);
    expect(await usageOf(tenantId, meter, 'ghost')).toBe('5');
  });

  it('owes nothing more for an event debited at the edge (path A)', async () => {
    const { tenantId, meter, createGhost, owed, replay } = await failingTenant();
    await withDb((db) => meterBatch(db, [{ tenantId, events: [ghostEvent('a', { debitedAtEdge: true })] }]));
    expect(await eventStatus(tenantId, 'a')).toMatchObject({
      status: 'ACCOUNT_NOT_FOUND',
      detail: { debitOwed: false },
    });

    await createGhost();
    expect(await replay('a')).toEqual([{ id: 'a', status: 'METERED' }]);
    expect(await owed('a')).toBe(0);
    expect(await usageOf(tenantId, meter, 'ghost')).toBe('5');
  });

  it('owes a dead-lettered event only the debit queued when it was recorded FAILED (path B)', async () => {
    const { tenantId, meter, createGhost, owed, replay } = await failingTenant();
    await withDb((db) => recordFailedEvents(db, tenantId, [ghostEvent('b')], 'metering failed: dead-lettered (test)'));
    expect(await owed('b')).toBe(1);

    expect(await replay('b')).toEqual([{ id: 'b', status: 'ACCOUNT_NOT_FOUND' }]);
    expect(await eventStatus(tenantId, 'b')).toMatchObject({ detail: { debitOwed: false } });
    expect(await replay('b')).toEqual([{ id: 'b', status: 'ACCOUNT_NOT_FOUND' }]); // still missing: carried forward
    expect(await owed('b')).toBe(1);

    await createGhost();
    expect(await replay('b')).toEqual([{ id: 'b', status: 'METERED' }]);
    expect(await owed('b')).toBe(1);
    expect(await usageOf(tenantId, meter, 'ghost')).toBe('5');
  });
});
