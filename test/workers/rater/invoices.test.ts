import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { correctEvent } from '../../../rater/pipeline/correct-event';
import { freezeDueInvoices } from '../../../rater/pipeline/freeze-due-invoices';
import { MAX_CYCLES_PER_CALL } from '../../../rater/services/freeze-invoices';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { freezeAccountInvoices } from '../../../rater/services/freeze-invoices';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import type { Principal } from '../../../shared/auth/api-key';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { requestEvent, SCHEMA, seedTenant } from './fixtures';
import { callRater } from './rater-api';

/**
 * Invoices (docs/design.md §15): a cycle frozen when its grace period ends, never changed after;
 * what changes a frozen cycle later is billed on the next invoice. The clock is pinned: each
 * freeze is given its `now`, and the events their timestamps and arrival.
 */
const MONTHLY = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 3,
};
/** 1 per unit for the first 10 units, 3 per unit after; plus a platform fee of 5. */
const TIERED = {
  pricingModel: 'TIERED',
  slabs: [
    { startAfter: '0', rate: '1', priceType: 'PER_UNIT' },
    { startAfter: '10', rate: '3', priceType: 'PER_UNIT' },
  ],
};
const JULY_GRACE_ENDS = Date.parse('2026-08-04T00:00:00Z');
const AUGUST_GRACE_ENDS = Date.parse('2026-09-04T00:00:00Z');

async function setUp() {
  const { tenantId, meters } = await seedTenant([
    {
      name: 'bytes',
      aggregation: 'SUM',
      computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      filters: [],
    },
  ]);
  const { db, pool } = connect(env);
  const draft = await insertPricePlan(db, tenantId, {
    name: 'tiered',
    currency: 'USD',
    pricingCycle: MONTHLY,
    fixedFees: [{ name: 'Platform', amount: '5' }],
    entitlementRateCards: [],
    usageRateCards: [usageRateCardSchema.parse({ usageMeterId: meters[0]!.id, ...TIERED })],
  });
  const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
  await insertPlanAssociation(db, tenantId, {
    accountId: 'acme',
    pricePlanId: plan,
    pricePlanVersion: 1,
    effectiveFrom: '2026-07-01T00:00:00Z',
  });
  const principal: Principal = { tenantId, keyId: `k-${tenantId}`, scopes: ['read', 'ingest', 'admin'] };
  return { tenantId, plan, db, pool, principal };
}

/** An event of `bytes` units at `timestamp`, accepted at `acceptedAt` (by default the same instant). */
const usage = (id: string, bytes: string, timestamp: string, acceptedAt = timestamp): AcceptedEvent =>
  requestEvent(id, bytes, { timestamp, acceptedAt });
const wire = (e: AcceptedEvent) => ({
  id: e.id,
  schemaName: SCHEMA,
  timestamp: e.timestamp,
  accountId: e.accountId,
  attributes: Object.entries(e.attributes).map(([name, value]) => ({ name, value })),
  dimensions: e.dimensions,
});

async function invoicesOf(principal: Principal, query = '') {
  const listed = await callRater(principal, 'GET', `/invoices${query}`);
  expect(listed.status).toBe(200);
  return listed.body.data as { id: string; startDate: string; totalAmount: number; sequenceId: string }[];
}

describe('invoices: a cycle frozen when its grace period ends', () => {
  it('freezes nothing before the grace period ends; then the cycle, once, with its lines, slabs, fee and total', async () => {
    const { tenantId, plan, db, pool, principal } = await setUp();
    try {
      await meterBatch(db, [
        {
          tenantId,
          events: [usage('a', '4', '2026-07-10T10:00:00.000Z'), usage('b', '9', '2026-07-20T10:00:00.000Z')],
        },
      ]);
      expect(await freezeAccountInvoices(db, tenantId, 'acme', JULY_GRACE_ENDS - 1)).toBe(0);
      expect(await invoicesOf(principal)).toEqual([]);

      expect(await freezeAccountInvoices(db, tenantId, 'acme', JULY_GRACE_ENDS)).toBe(1);
      expect(await freezeAccountInvoices(db, tenantId, 'acme', JULY_GRACE_ENDS)).toBe(0);
      const [summary] = await invoicesOf(principal);
      const invoice = (await callRater(principal, 'GET', `/invoices/${summary!.id}`)).body;
      // 13 units: 10 at 1 + 3 at 3 = 19, and the fee of 5.
      expect(invoice).toMatchObject({
        id: summary!.id,
        ownerId: 'acme',
        pricePlanId: plan,
        status: 'DUE',
        finalizingStatus: 'FINALIZED',
        invoiceClass: 'INVOICE',
        invoiceType: 'STANDARD',
        startDate: '2026-07-01T00:00:00.000Z',
        endDate: '2026-08-01T00:00:00.000Z',
        invoiceDate: '2026-08-04T00:00:00.000Z',
        sequenceId: '1',
        totalAmount: 24,
        paidAmount: 0,
        netTermDays: 0,
        meterline: { status: 'FINAL', number: 1, totals: [{ currency: 'USD', amount: 24 }] },
      });
      expect(invoice.revenueInfo.lineItems.map((i: { type: string; value: number }) => [i.type, i.value])).toEqual([
        ['USAGE_RATE_CARD_AMOUNT', 19],
        ['FIXED_FEE_RATE_CARD_AMOUNT', 5],
      ]);
      expect(
        invoice.revenueInfo.lineItems[0].lineItems.map((i: { quantity: number; value: number }) => [
          i.quantity,
          i.value,
        ]),
      ).toEqual([
        [10, 10],
        [3, 9],
      ]);
    } finally {
      await pool.end();
    }
  });

  it('keeps a FINAL invoice byte for byte after a late event and a correction; the next invoice carries the adjustment', async () => {
    const { tenantId, db, pool, principal } = await setUp();
    try {
      const a = usage('a', '4', '2026-07-10T10:00:00.000Z');
      const b = usage('b', '9', '2026-07-20T10:00:00.000Z');
      await meterBatch(db, [{ tenantId, events: [a, b] }]);
      await freezeAccountInvoices(db, tenantId, 'acme', JULY_GRACE_ENDS);
      const [july] = await invoicesOf(principal);
      const frozen = await callRater(principal, 'GET', `/invoices/${july!.id}`);

      // Accepted inside July's grace period, metered only after the freeze (a queue retry, a
      // replay): it counts in July, whose statement grows by 2 units at 3 = 6.
      await meterBatch(db, [
        { tenantId, events: [usage('late', '2', '2026-07-31T23:00:00.000Z', '2026-08-02T08:00:00.000Z')] },
      ]);
      // An UNDO of a (4 units): July is now 11 units, 10 + 3 = 13 and the fee: 18, not 24.
      await correctEvent(db, tenantId, 'UNDO', wire(a), new Date(JULY_GRACE_ENDS + 3600_000));
      // August: one event of 1 unit.
      await meterBatch(db, [{ tenantId, events: [usage('c', '1', '2026-08-15T10:00:00.000Z')] }]);

      const statement = await callRater(principal, 'GET', '/accounts/acme/statement?at=2026-07-15T00:00:00Z');
      expect(statement.body.totals).toEqual([{ currency: 'USD', amount: '18.00' }]);
      expect((await callRater(principal, 'GET', `/invoices/${july!.id}`)).text).toBe(frozen.text);

      expect(await freezeAccountInvoices(db, tenantId, 'acme', AUGUST_GRACE_ENDS)).toBe(1);
      expect((await callRater(principal, 'GET', `/invoices/${july!.id}`)).text).toBe(frozen.text);
      const [, august] = await invoicesOf(principal);
      const next = (await callRater(principal, 'GET', `/invoices/${august!.id}`)).body;
      // August: 1 unit at 1 and the fee = 6, less July's 6 billed too much = 0.
      expect(next).toMatchObject({ sequenceId: '2', startDate: '2026-08-01T00:00:00.000Z', totalAmount: 0 });
      const adjustment = next.revenueInfo.lineItems.at(-1);
      expect(adjustment).toMatchObject({
        type: 'CYCLE_ADJUSTMENT_AMOUNT',
        value: -6,
        metadata: {
          currency: 'USD',
          adjustsInvoiceId: july!.id,
          adjustsCycleStart: '2026-07-01T00:00:00.000Z',
          adjustsCycleEnd: '2026-08-01T00:00:00.000Z',
        },
      });
      expect(adjustment.description).toContain('Adjustment for cycle 2026-07-01T00:00:00.000Z');
      expect(adjustment.description).toContain('−6.00 USD');

      // Billed once: September's invoice adjusts July no further (nothing changed since).
      await freezeAccountInvoices(db, tenantId, 'acme', Date.parse('2026-10-04T00:00:00Z'));
      const september = (await invoicesOf(principal))[2]!;
      const septemberInvoice = (await callRater(principal, 'GET', `/invoices/${september.id}`)).body;
      expect(septemberInvoice.revenueInfo.lineItems.map((i: { type: string }) => i.type)).toEqual([
        'USAGE_RATE_CARD_AMOUNT',
        'FIXED_FEE_RATE_CARD_AMOUNT',
      ]);
      expect(septemberInvoice.totalAmount).toBe(5);
    } finally {
      await pool.end();
    }
  });

  it('bills the next cycle of an account whose plan began mid-cycle (its first cycle starts before any plan)', async () => {
    const { tenantId, plan, db, pool, principal } = await setUp();
    try {
      await insertPlanAssociation(db, tenantId, {
        accountId: 'mid',
        pricePlanId: plan,
        pricePlanVersion: 1,
        effectiveFrom: '2026-07-15T00:00:00Z',
      });
      const mid = (id: string, bytes: string, timestamp: string) => ({
        ...usage(id, bytes, timestamp),
        accountId: 'mid',
      });
      await meterBatch(db, [
        { tenantId, events: [mid('m1', '2', '2026-07-20T10:00:00.000Z'), mid('m2', '3', '2026-08-10T10:00:00.000Z')] },
      ]);
      expect(await freezeAccountInvoices(db, tenantId, 'mid', JULY_GRACE_ENDS)).toBe(1);
      // The second invoice reads July's statement again (for adjustments): at 15 July, not 1 July.
      expect(await freezeAccountInvoices(db, tenantId, 'mid', AUGUST_GRACE_ENDS)).toBe(1);
      const invoices = await invoicesOf(principal, '?ownerId=mid');
      expect(invoices.map((i) => [i.startDate, i.totalAmount])).toEqual([
        ['2026-07-01T00:00:00.000Z', 7],
        ['2026-08-01T00:00:00.000Z', 8],
      ]);
    } finally {
      await pool.end();
    }
  });

  it('makes one invoice per account and cycle however many passes run, at once or again, numbered without gaps', async () => {
    const { tenantId, db, pool, principal } = await setUp();
    try {
      await insertPlanAssociation(db, tenantId, {
        accountId: 'beta',
        pricePlanId: await invoicesPlan(db, tenantId),
        pricePlanVersion: 1,
        effectiveFrom: '2026-07-01T00:00:00Z',
      });
      const now = Date.parse('2026-10-04T00:00:00Z');
      const frozen = await Promise.all([
        freezeAccountInvoices(db, tenantId, 'acme', now),
        freezeAccountInvoices(db, tenantId, 'acme', now),
        freezeAccountInvoices(db, tenantId, 'beta', now),
        freezeAccountInvoices(db, tenantId, 'beta', now),
      ]);
      // July, August and September of each account, whichever call made them.
      expect(frozen[0]! + frozen[1]!).toBe(3);
      expect(frozen[2]! + frozen[3]!).toBe(3);
      const job = `invoice-freeze-test-${tenantId}`;
      const pass = await freezeDueInvoices(db, { start: new Date(now), job });
      expect(pass).toMatchObject({ failed: 0, done: true });
      const invoices = await invoicesOf(principal);
      expect(invoices.map((i) => i.sequenceId)).toEqual(['1', '2', '3', '4', '5', '6']);
      const cycles = invoices.map((i) => `${(i as unknown as { ownerId: string }).ownerId} ${i.startDate}`);
      expect(new Set(cycles).size).toBe(6);
    } finally {
      await pool.end();
    }
  });

  it('the pass freezes as of the instant it began, run by later calls; a run with no pass started does nothing', async () => {
    const { tenantId, db, pool, principal } = await setUp();
    try {
      const job = `invoice-freeze-test-${tenantId}`;
      expect(await freezeDueInvoices(db, { job })).toEqual({ accounts: 0, invoices: 0, failed: 0, done: true });
      // The daily cron only starts a pass; the ten-minute cron runs it, as of the instant it began.
      expect(await freezeDueInvoices(db, { start: new Date(JULY_GRACE_ENDS), pagesPerRun: 0, job })).toMatchObject({
        invoices: 0,
        done: false,
      });
      expect(await invoicesOf(principal)).toEqual([]);
      expect(await freezeDueInvoices(db, { job })).toMatchObject({ failed: 0, done: true });
      expect((await invoicesOf(principal)).map((i) => i.startDate)).toEqual(['2026-07-01T00:00:00.000Z']);
      // Queue traffic restarts a pass at most hourly: within the hour, nothing new starts.
      await freezeDueInvoices(db, {
        start: new Date(AUGUST_GRACE_ENDS),
        unlessStartedWithin: Date.parse('2026-10-01') - JULY_GRACE_ENDS,
        job,
      });
      expect(await invoicesOf(principal)).toHaveLength(1);
      await freezeDueInvoices(db, { start: new Date(AUGUST_GRACE_ENDS), unlessStartedWithin: 3600_000, job });
      expect((await invoicesOf(principal)).map((i) => i.startDate)).toEqual([
        '2026-07-01T00:00:00.000Z',
        '2026-08-01T00:00:00.000Z',
      ]);
    } finally {
      await pool.end();
    }
  });

  it('spreads a pass over runs when it has many invoices to make, each run stopping after its budget, and misses none', async () => {
    const { tenantId, db, pool, principal } = await setUp();
    try {
      await insertPlanAssociation(db, tenantId, {
        accountId: 'beta',
        pricePlanId: await invoicesPlan(db, tenantId),
        pricePlanVersion: 1,
        effectiveFrom: '2026-07-01T00:00:00Z',
      });
      const job = `invoice-freeze-test-${tenantId}`;
      // July to December of acme and beta: 12 invoices, at most one account's worth past 1 per run.
      const runs = [await freezeDueInvoices(db, { start: new Date('2027-01-04T00:00:00Z'), invoicesPerRun: 1, job })];
      while (!runs.at(-1)!.done && runs.length < 1000) {
        runs.push(await freezeDueInvoices(db, { invoicesPerRun: 1, job }));
      }
      expect(runs.at(-1)!.done).toBe(true);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.every((run) => run.invoices <= MAX_CYCLES_PER_CALL && run.failed === 0)).toBe(true);
      const invoices = await invoicesOf(principal);
      expect(invoices.map((i) => i.sequenceId)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
        '11',
        '12',
      ]);
    } finally {
      await pool.end();
    }
  });

  it("lists by owner, customer and cycle time, in number order, paged; copies the account's customer and net term", async () => {
    const { tenantId, db, pool, principal } = await setUp();
    try {
      const created = await callRater(principal, 'POST', '/customers', {
        id: 'cust-acme',
        name: 'Acme Inc',
        primaryEmail: 'billing@acme.test',
        address: {},
        account: { id: 'acme', name: 'Acme', netTermDays: 30 },
      });
      expect(created.status).toBe(201);
      await insertPlanAssociation(db, tenantId, {
        accountId: 'beta',
        pricePlanId: await invoicesPlan(db, tenantId),
        pricePlanVersion: 1,
        effectiveFrom: '2026-07-01T00:00:00Z',
      });
      await freezeAccountInvoices(db, tenantId, 'acme', AUGUST_GRACE_ENDS);
      await freezeAccountInvoices(db, tenantId, 'beta', AUGUST_GRACE_ENDS);

      const acme = await invoicesOf(principal, '?ownerId=acme');
      expect(acme.map((i) => [i.sequenceId, i.startDate])).toEqual([
        ['1', '2026-07-01T00:00:00.000Z'],
        ['2', '2026-08-01T00:00:00.000Z'],
      ]);
      expect(acme[0]).toMatchObject({
        customerId: 'cust-acme',
        netTermDays: 30,
        invoiceDate: '2026-09-04T00:00:00.000Z',
        dueDate: '2026-10-04T00:00:00.000Z',
      });
      expect((await invoicesOf(principal, '?ownerId=beta'))[0]).not.toHaveProperty('customerId');
      expect((await invoicesOf(principal, '?customerId=cust-acme')).map((i) => i.sequenceId)).toEqual(['1', '2']);
      expect(await invoicesOf(principal, '?customerId=cust-other')).toEqual([]);
      // Cycles ending after startTime and starting before endTime: August's only.
      const august = `?startTime=${Date.parse('2026-08-01T00:00:00Z')}&endTime=${Date.parse('2026-09-01T00:00:00Z')}`;
      expect((await invoicesOf(principal, august)).map((i) => i.startDate)).toEqual([
        '2026-08-01T00:00:00.000Z',
        '2026-08-01T00:00:00.000Z',
      ]);

      const pages: string[][] = [];
      let token: string | undefined;
      do {
        const page = (await callRater(principal, 'GET', `/invoices?pageSize=3${token ? `&nextToken=${token}` : ''}`))
          .body;
        pages.push(page.data.map((i: { sequenceId: string }) => i.sequenceId));
        token = page.nextToken;
      } while (token);
      expect(pages).toEqual([['1', '2', '3'], ['4']]);
    } finally {
      await pool.end();
    }
  });

  it('refuses any change to a FINAL invoice or its lines in the database itself', async () => {
    const { tenantId, db, pool } = await setUp();
    try {
      await freezeAccountInvoices(db, tenantId, 'acme', JULY_GRACE_ENDS);
      await expect(db.execute(sql`UPDATE invoices SET totals = '[]' WHERE tenant_id = ${tenantId}`)).rejects.toThrow();
      await expect(db.execute(sql`DELETE FROM invoices WHERE tenant_id = ${tenantId}`)).rejects.toThrow();
      await expect(
        db.execute(sql`UPDATE invoice_lines SET amount = 0 WHERE tenant_id = ${tenantId}`),
      ).rejects.toThrow();
      await expect(db.execute(sql`DELETE FROM invoice_lines WHERE tenant_id = ${tenantId}`)).rejects.toThrow();
      const { rows } = await db.execute<{ n: string }>(
        sql`SELECT count(*)::text AS n FROM invoice_lines WHERE tenant_id = ${tenantId}`,
      );
      expect(rows[0]!.n).toBe('2');
    } finally {
      await pool.end();
    }
  });
});

async function invoicesPlan(db: ReturnType<typeof connect>['db'], tenantId: string): Promise<string> {
  const { rows } = await db.execute<{ plan_id: string }>(
    sql`SELECT plan_id FROM plan_associations WHERE tenant_id = ${tenantId} AND account_id = 'acme'`,
  );
  return rows[0]!.plan_id;
}
