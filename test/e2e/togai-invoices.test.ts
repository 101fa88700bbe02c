import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { freezeAccountInvoices } from '../../rater/services/freeze-invoices';
import { CONTRACT_TESTED, INVOICE_CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Togai's InvoicesApi where Meterline has it: invoices the freeze pass made, listed as Togai's
 * client lists them and checked against Togai's own models (test/contract/). The pass is run here
 * with its instant pinned to the start of the open cycle, when the cycle before it has just ended.
 */
afterAll(() => {
  expect(INVOICE_CONTRACT_TESTED.filter((name) => !CONTRACT_TESTED.has(name) || !checkedOperations.has(name))).toEqual(
    [],
  );
});

const cycle = openMonthlyCycle();
let tenantId: string;
let key: string;
const accountId = unique('acct');
beforeAll(async () => {
  ({ tenantId, key } = await createTenant('togai_invoices'));
  const client = api(key);
  const schema = unique('requests');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] })).status).toBe(201);
  expect((await client.post(`/event_schema/${schema}/activate`)).status).toBe(200);
  const meterId = (
    await client.post('/usage_meters', {
      name: unique('count'),
      aggregation: 'COUNT',
      eventSchemaName: schema,
      filters: [],
    })
  ).body.id;
  expect((await client.post(`/usage_meters/${meterId}/activate`)).status).toBe(200);
  const plan = await client.post('/price_plans', {
    name: unique('plan'),
    currency: 'USD',
    pricingCycle: { ...cycle.pricingCycle, gracePeriod: 0 },
    usageRateCards: [{ usageMeterId: meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
    fixedFees: [{ name: 'Seat', amount: '12.5' }],
  });
  expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
  // From inside the cycle before the open one: that cycle is over, its grace period (0 days) too.
  const effectiveFrom = new Date(cycle.start - 20 * 86_400_000).toISOString();
  expect(
    (await client.post(`/accounts/${accountId}/price_plans`, { pricePlanId: plan.body.id, effectiveFrom })).status,
  ).toBe(200);
  const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  try {
    // The stack's own pass (queue traffic, hourly) may have frozen it first, as of its own instant.
    await freezeAccountInvoices(db, tenantId, accountId, cycle.start);
    expect(await freezeAccountInvoices(db, tenantId, accountId, cycle.start)).toBe(0);
  } finally {
    await close();
  }
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);

describe("Togai's InvoicesApi", () => {
  it("lists the frozen invoice as Togai's client reads it, filtered by owner, status and time", async () => {
    const listed = await togai('list_invoices', {
      query: { ownerId: accountId, status: 'DUE', startTime: String(cycle.start - 86_400_000), pageSize: '10' },
    });
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({
      ownerId: accountId,
      status: 'DUE',
      finalizingStatus: 'FINALIZED',
      endDate: new Date(cycle.start).toISOString(),
      sequenceId: '1',
      totalAmount: 12.5,
      paidAmount: 0,
      meterline: { status: 'FINAL', number: 1, totals: [{ currency: 'USD', amount: 12.5 }] },
    });
    expect(Date.parse(listed.body.data[0].invoiceDate)).toBeGreaterThanOrEqual(cycle.start);
    expect((await togai('list_invoices', { query: { status: 'PAID' } })).body.data).toEqual([]);
    expect((await togai('list_invoices', { query: { startTime: String(cycle.start) } })).body.data).toEqual([]);
  });

  it('gets the invoice with its lines; every read is the same bytes', async () => {
    const [summary] = (await togai('list_invoices')).body.data;
    const client = api(key);
    const first = await client.get(`/invoices/${summary.id}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      ...summary,
      usageInfo: [{ type: 'USAGE_METER_USAGE', quantity: 0 }],
      revenueInfo: { type: 'TOTAL_AMOUNT', value: 12.5 },
    });
    expect(first.body.revenueInfo.lineItems.map((i: { type: string; value: number }) => [i.type, i.value])).toEqual([
      ['USAGE_RATE_CARD_AMOUNT', 0],
      ['FIXED_FEE_RATE_CARD_AMOUNT', 12.5],
    ]);
    expect(JSON.stringify((await client.get(`/invoices/${summary.id}`)).body)).toBe(JSON.stringify(first.body));
  });
});
