import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { freezeAccountInvoices } from '../../rater/services/freeze-invoices';
import { principalForKeyHash } from '../../rater/store/api-keys';
import { hashApiKey } from '../../shared/auth/api-key';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { expectNarrowAndLabelled, openConsole, shot, tableRows } from './console-browser';

/**
 * The console's billing screens in a real browser: accounts, an account's plans, statement,
 * credits and events. Every figure on screen is checked against what the API answers for the same
 * question. Screenshots go to test-results/console/.
 */
const base = inject('stackUrl');
const client = api();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cycle = openMonthlyCycle();

let browser: Browser;
let page: Page;
let blocked: string[];
let amountMeter: string;
let countMeter: string;
let planId: string;
let featureId: string;
const schema = unique('console_payment');
const planName = unique('console_cards');
const customerId = unique('console_customer');
const accountId = unique('console_account');
const invoicedAccount = unique('console_invoiced');
/** The invoiced account's two invoices, oldest first. */
let invoiceIds: string[] = [];

beforeAll(async () => {
  ({ browser, page, blocked } = await openConsole());
  await client.post('/event_schema', {
    name: schema,
    attributes: [{ name: 'transaction_amount' }],
    dimensions: [{ name: 'payment_mode' }],
  });
  await client.post(`/event_schema/${schema}/activate`);
  const amount = await client.post('/usage_meters', {
    name: unique('console_amount'),
    aggregation: 'SUM',
    eventSchemaName: schema,
    computations: [{ computation: '{"var":"attributes.transaction_amount"}', order: 1 }],
  });
  const count = await client.post('/usage_meters', {
    name: unique('console_charges'),
    aggregation: 'COUNT',
    eventSchemaName: schema,
  });
  [amountMeter, countMeter] = [amount.body.id, count.body.id];
  await client.post(`/usage_meters/${amountMeter}/activate`);
  await client.post(`/usage_meters/${countMeter}/activate`);
  // A feature of a schema no test event uses: its balance moves only by the forms below.
  const seats = unique('console_seat');
  await client.post('/event_schema', { name: seats, attributes: [{ name: 'seats' }] });
  await client.post(`/event_schema/${seats}/activate`);
  featureId = (
    await client.post('/features', {
      name: unique('console_seats'),
      schemaAssociations: [{ schemaName: seats, attributeName: 'seats' }],
    })
  ).body.id;
  const customer = await client.post('/customers', {
    id: customerId,
    name: 'Console Customer',
    primaryEmail: 'billing@console.test',
    address: {},
    account: { id: accountId, name: 'Console production', invoiceCurrency: 'USD' },
  });
  expect(customer.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
});

/** The plan the flows price with, made through the console's form: 2.9% up to 100, 2.5% above it, 0.30 a charge, 25 a cycle. */
async function createPlanThroughConsole() {
  await page.goto(`${base}/console/plans`);
  await page.getByRole('link', { name: '+ New price plan' }).click();
  await page.getByLabel('Name', { exact: true }).fill(planName);
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByLabel('Billing cycle').selectOption('MONTHLY');
  await page.getByLabel('Day of the month').selectOption(String(cycle.pricingCycle.startOffset.dayOffset));
  await page.getByLabel('Rate card 1 meter').selectOption(amountMeter);
  await page.locator('#card0StartAfter0').fill('0');
  await page.locator('#card0Rate0').fill('0.029');
  await page.locator('#card0StartAfter1').fill('0');
  await page.locator('#card0Rate1').fill('0.025');
  await page.getByLabel('Rate card 2 meter').selectOption(countMeter);
  await page.locator('#card1StartAfter0').fill('0');
  await page.locator('#card1Rate0').fill('0.30');
  await page.getByLabel('Fee 1 name').fill('Platform fee');
  await page.getByLabel('Fee 1 amount').fill('25');
  await page.getByRole('button', { name: 'Create plan' }).click();
  // The second slab must start above the first: the API says so, naming the field, and the form keeps what was typed.
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toContain("usageRateCards.0.slabs.1.startAfter: must be greater than the previous slab's");
  expect(await page.locator('#card1Rate0').inputValue()).toBe('0.30');
  await page.locator('#card0StartAfter1').fill('100');
  await shot(page, 'plan-form');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('created as a DRAFT');
  await page.getByRole('button', { name: 'Activate plan' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Plan activated');
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

const payment = (amount: string, hoursIn: number) => ({
  id: unique('console_pay'),
  schemaName: schema,
  timestamp: new Date(cycle.start + hoursIn * HOUR).toISOString(),
  accountId,
  attributes: [{ name: 'transaction_amount', value: amount }],
  dimensions: { payment_mode: 'card' },
});

describe('accounts', () => {
  it('lists accounts a page at a time, found on the server by customer id or by a prefix of the account id', async () => {
    // 50 a page: the customer's 51 accounts take two.
    for (let i = 1; i <= 50; i++) {
      expect(
        (
          await client.post('/accounts', {
            id: `${customerId}_${String(i).padStart(2, '0')}`,
            name: `Console account ${i}`,
            customerId,
          })
        ).status,
      ).toBe(201);
    }
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Customer id').fill(customerId);
    await page.getByRole('button', { name: 'Search' }).click();
    const firstPage = await tableRows(page.locator('main'));
    expect(firstPage).toHaveLength(50);
    await page.getByRole('link', { name: 'Next accounts' }).click();
    const secondPage = await tableRows(page.locator('main'));
    expect(secondPage).toHaveLength(1);
    expect(new Set([...firstPage, ...secondPage].map((row) => row.split(' | ')[0])).size).toBe(51);

    await page.getByLabel('Customer id').fill('');
    await page.getByLabel('Account id or name begins with').fill(accountId);
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await tableRows(page.locator('main'))).toEqual([
      `${accountId} | Console production | ${customerId} | ACTIVE | USD`,
    ]);
    await shot(page, 'accounts');

    await page.getByLabel('Account id or name begins with').fill('nobody_such_account');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('main').textContent()).toContain('No account matches.');
    expect(await page.getByRole('link', { name: 'open the account page of “nobody_such_account”' }).count()).toBe(1);
  });

  it("prices an account by a plan made in the console: its statement on screen is the API's, slab by slab", async () => {
    planId = await createPlanThroughConsole();
    await page.getByLabel('Account id').fill(accountId);
    await page.getByLabel('Effective from').fill(new Date(cycle.start).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Associate' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Account ${accountId}`);
    const events = [payment('10', 1), payment('25.5', 2), payment('100', 3), payment('150', 4)];
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    // 2.9% of the first 100 and 2.5% of 185.5 = 7.5375 → 7.54; 4 × 0.30; 25: 33.74.
    const statement = await eventually(
      () => client.get(`/accounts/${accountId}/statement`),
      (r) => r.body?.totals?.[0]?.amount === '33.74',
    );
    expect(statement.body.totals).toEqual([{ currency: 'USD', amount: '33.74' }]);
    await eventually(
      () => client.get(`/events?accountId=${accountId}`),
      (r) => r.body?.events?.length === 4,
    );

    await page.goto(`${base}/console/accounts?customer=${customerId}`);
    await page.getByRole('link', { name: accountId, exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Account ${accountId}`);
    expect(await tableRows(page.locator('section[aria-labelledby=plans-heading]'))).toEqual([
      `${planName} | 1 | ${new Date(cycle.start).toISOString()} | open-ended`,
    ]);

    const lines = statement.body.plans[0].usageLines as {
      slabs: { slab: number; startAfter: string; units: string; rate: string; amount: string }[];
      amount: string;
    }[];
    const tables = page.locator('table.slabs');
    expect(await tables.count()).toBe(lines.length);
    for (const [i, line] of lines.entries()) {
      expect(await tableRows(tables.nth(i))).toEqual(
        line.slabs.map((s) => `${s.slab + 1} | ${s.startAfter} | ${s.units} | ${s.rate} per unit | ${s.amount}`),
      );
      expect(await tables.nth(i).getByTestId('line-amount').textContent()).toBe(line.amount);
    }
    expect(await tableRows(tables.first())).toEqual([
      '1 | 0 | 100 | 0.029 per unit | 2.9',
      '2 | 100 | 185.5 | 0.025 per unit | 4.6375',
    ]);
    expect(await page.getByTestId('statement-total-USD').textContent()).toBe('33.74');

    // The cycle's revenue, by meter, as GET /revenue gives it.
    const revenue = await client.get(
      `/revenue?accountId=${accountId}&from=${new Date(cycle.start).toISOString()}&to=${new Date(cycle.start + 30 * 24 * HOUR).toISOString()}&groupBy=meterId`,
    );
    const revenueRows = await tableRows(page.locator('figure:has(#revenue-chart-title) + div'));
    expect(revenueRows.map((row) => row.split(' | ')[1]).sort()).toEqual(
      revenue.body.groups.map((g: { value: string }) => g.value).sort(),
    );
    expect(await tableRows(page.locator('section[aria-labelledby=events-heading]'))).toHaveLength(4);
    expect(await page.locator('section[aria-labelledby=money-heading]').textContent()).toContain('No money credits');

    // A money credit pays the statement: the page shows what the API says is left of it.
    const day = new Date(cycle.start).toISOString().slice(0, 10);
    expect(
      (
        await client.post('/credits', {
          creditRequests: [{ accountId, purpose: 'Goodwill', effectiveFrom: day, creditAmount: '10', priority: 1 }],
        })
      ).status,
    ).toBe(200);
    await expect
      .poll(async () => {
        await page.reload();
        const balance = (await client.get(`/accounts/${accountId}/credit_balance`)).body;
        return (await page.getByTestId('money-running-balance').textContent()) === `${balance.runningBalance} USD`;
      })
      .toBe(true);
    expect(await tableRows(page.locator('section[aria-labelledby=money-heading]'))).toEqual([
      expect.stringMatching(new RegExp(`^Goodwill \\| ACTIVE \\| ${day} – no end \\| 10 USD \\|`)),
    ]);
    await shot(page, 'account');
  });

  it('grants, adjusts and voids feature credits through forms, and names the field of a refused grant', async () => {
    await page.goto(`${base}/console/accounts/${accountId}`);
    await page.locator('section[aria-labelledby=balances-heading] a').first().waitFor();
    await page.goto(`${base}/console/accounts/${accountId}/features/${featureId}`);
    await page.getByLabel('Units granted').fill('lots');
    await page.getByRole('button', { name: 'Grant credits' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('granted');

    await page.getByLabel('Units granted').fill('500');
    await page.getByLabel('Entry id').fill('console-grant-1');
    await page.getByRole('button', { name: 'Grant credits' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Granted 500 units');
    expect(await page.getByTestId('credits-balance').textContent()).toBe('500');
    await shot(page, 'account-credits');

    await page.getByRole('link', { name: 'console-grant-1' }).click();
    await page.getByLabel('Units granted').fill('750');
    await page.getByRole('button', { name: 'Save the entry' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Entry adjusted');
    expect((await client.get(`/accounts/${accountId}/features/${featureId}`)).body).toMatchObject({
      granted: 750,
      balance: 750,
    });

    await page.getByLabel('Effective until').fill('2001-01-01T00:00');
    await page.getByRole('button', { name: 'Save the entry' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('effectiveUntil');

    await page.getByRole('button', { name: 'Void the entry' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('voided');
    expect(await page.getByTestId('credits-balance').textContent()).toBe('0');
    expect(await tableRows(page.locator('main'))).toEqual([
      expect.stringMatching(/^console-grant-1 \| ENTITLEMENT \| VOIDED \|/),
    ]);

    const missing = await page.goto(`${base}/console/accounts/${accountId}/features/feat.no_such_feature`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('button', { name: 'Grant credits' }).count()).toBe(0);
  });
});

describe('price plans', () => {
  it('lists plans by status, and shows a plan as a price table', async () => {
    await page.getByRole('link', { name: 'Price plans' }).click();
    await page.getByLabel('Status').selectOption('ACTIVE');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('link', { name: planName }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Price plan ${planName}`);
    const priceTables = page.locator('main table');
    expect(await tableRows(priceTables.nth(0))).toEqual([
      'above 0, up to 100 (the units in between) | 0.029 each',
      'above 100 (every further unit) | 0.025 each',
    ]);
    expect(await tableRows(priceTables.nth(1))).toEqual(['above 0 (every further unit) | 0.30 each']);
    expect(await tableRows(priceTables.nth(2))).toEqual(['Platform fee | 25']);
  });

  it("prices a usage in the calculator exactly as the account's statement line does", async () => {
    const line = (await client.get(`/accounts/${accountId}/statement`)).body.plans[0].usageLines[0];
    await page.goto(`${base}/console/plans/${planId}`);
    await page.getByLabel('Rate card').selectOption('0');
    await page.getByLabel('Usage in a cycle').fill(line.usage);
    await page.getByRole('button', { name: 'Calculate' }).click();
    await expect.poll(() => page.getByTestId('quote-amount').textContent()).toBe(line.amount);
    expect(await tableRows(page.locator('#calculator table'))).toEqual(
      line.slabs.map(
        (s: { slab: number; startAfter: string; units: string; rate: string; amount: string }) =>
          `${s.slab + 1} | ${s.startAfter} | ${s.units} | ${s.rate} per unit | ${s.amount}`,
      ),
    );
    await shot(page, 'plan');

    await page.getByLabel('Usage in a cycle').fill('ten');
    await page.getByRole('button', { name: 'Calculate' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('usage: must be a decimal number');
  });

  it('associates an account from the plan page, and explains a refused association', async () => {
    const other = unique('console_other');
    await page.goto(`${base}/console/plans/${planId}`);
    await page.getByLabel('Account id').fill(other);
    const from = new Date(cycle.start).toISOString().slice(0, 10);
    await page.getByLabel('Effective from').fill(from);
    await page.getByLabel('Until').fill(from);
    await page.getByRole('button', { name: 'Associate' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('effectiveUntil: must be after effectiveFrom');
    expect(await page.getByLabel('Account id').inputValue()).toBe(other);

    await page.getByLabel('Effective from').fill(from);
    await page.getByLabel('Until').fill('');
    await page.getByRole('button', { name: 'Associate' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Account ${other}`);
    expect(await page.getByRole('status').textContent()).toContain('Associated with the plan');
    expect(await tableRows(page.locator('section[aria-labelledby=plans-heading]'))).toEqual([
      `${planName} | 1 | ${new Date(cycle.start).toISOString()} | open-ended`,
    ]);
    expect((await client.get(`/accounts/${other}/price_plans`)).body.data).toMatchObject([
      { pricePlanId: planId, pricePlanVersion: 1 },
    ]);
  });

  it("publishes a change of an ACTIVE plan's rates as a new version, and the account keeps its own", async () => {
    await page.goto(`${base}/console/plans/${planId}`);
    await page.getByRole('link', { name: 'Change the rates (a new version)…' }).click();
    expect(await page.locator('#card0Rate1').inputValue()).toBe('0.025');
    await page.locator('#card0Rate1').fill('0.02');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Plan saved as version 2');
    expect(await tableRows(page.locator('main table').first())).toEqual([
      'above 0, up to 100 (the units in between) | 0.029 each',
      'above 100 (every further unit) | 0.02 each',
    ]);
    await page.getByRole('link', { name: 'Version 1' }).click();
    expect(await tableRows(page.locator('main table').first())).toEqual([
      'above 0, up to 100 (the units in between) | 0.029 each',
      'above 100 (every further unit) | 0.025 each',
    ]);
    expect((await client.get(`/accounts/${accountId}/statement`)).body.totals).toEqual([
      { currency: 'USD', amount: '33.74' },
    ]);
  });

  it('activates a DRAFT plan and archives it, after which it takes no association', async () => {
    const draft = await client.post('/price_plans', {
      name: unique('console_draft'),
      currency: 'EUR',
      pricingCycle: cycle.pricingCycle,
      fixedFees: [{ name: 'Seat', amount: '9' }],
    });
    await page.goto(`${base}/console/plans/${draft.body.id}`);
    expect(await page.getByRole('heading', { name: 'Associate an account' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Activate plan' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Plan activated');
    expect(await page.locator('main dl').textContent()).toContain('ACTIVE');
    await page.getByRole('button', { name: 'Archive plan' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Plan archived');
    expect((await client.get(`/price_plans/${draft.body.id}`)).body.status).toBe('ARCHIVED');
    expect(await page.getByRole('heading', { name: 'Associate an account' }).count()).toBe(0);
  });
});

describe('revenue', () => {
  it("shows the tenant's revenue over a range of days, by account and by meter, as GET /revenue gives it", async () => {
    const fromDate = new Date(cycle.start).toISOString().slice(0, 10);
    const toDate = new Date(cycle.start + 24 * HOUR).toISOString().slice(0, 10);
    const range = `from=${new Date(cycle.start).toISOString()}&to=${new Date(cycle.start + 48 * HOUR).toISOString()}`;
    const mine = await client.get(`/revenue?${range}&accountId=${accountId}`);
    expect(mine.body.totals).toEqual([{ currency: 'USD', value: '8.7375' }]); // 7.5375 + 4 × 0.30

    await page.getByRole('link', { name: 'Revenue' }).click();
    await page.getByLabel('From').fill(fromDate);
    await page.getByLabel('To').fill(toDate);
    await page.getByLabel('Split by').selectOption('accountId');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => tableRows(page.locator('#revenue-groups'))).toContain(`${accountId} | USD | 8.7375`);
    // Other suites may rate revenue for the tenant meanwhile: the page and the API agree once both are read after it.
    await expect
      .poll(async () => {
        await page.reload();
        const api = (await client.get(`/revenue?${range}`)).body.totals.find(
          (t: { currency: string }) => t.currency === 'USD',
        )?.value;
        return (await page.getByTestId('revenue-total-USD').textContent()) === api;
      })
      .toBe(true);
    expect(await page.locator('#revenue-chart-desc').textContent()).toContain(`${accountId} (USD): 8.7375`);
    await shot(page, 'revenue');

    await page.getByLabel('Split by').selectOption('meterId');
    await page.getByRole('button', { name: 'Show' }).click();
    const meterName = (await client.get(`/usage_meters/${amountMeter}`)).body.name;
    const byMeter = (await client.get(`/revenue?${range}&meterId=${amountMeter}`)).body.totals[0].value;
    await expect.poll(() => tableRows(page.locator('#revenue-groups'))).toContain(`${meterName} | USD | ${byMeter}`);
  });

  it('names the field of a range it cannot show', async () => {
    await page.goto(`${base}/console/revenue?from=2026-11-05&to=2026-11-01`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('to: must not be before from');
  });
});

type LineItem = {
  description: string;
  type: string;
  quantity?: number;
  valuePerQuantity?: number;
  value: number;
  metadata?: Record<string, string>;
  lineItems: LineItem[];
};
type InvoiceSummary = {
  id: string;
  ownerId: string;
  startDate: string;
  endDate: string;
  invoiceDate: string;
  status: string;
  totalAmount: number;
  meterline: { number: number; status: string; totals: { currency: string; amount: number }[] };
};
const shown = (value: number | undefined) => (value === undefined ? '—' : String(value));
const invoiceRow = (i: InvoiceSummary, withAccount = true) =>
  [
    `#${i.meterline.number}`,
    ...(withAccount ? [i.ownerId] : []),
    `${i.startDate.slice(0, 10)} – ${i.endDate.slice(0, 10)}`,
    `${i.meterline.status} ${i.status}`,
    i.invoiceDate.slice(0, 10),
    i.meterline.totals.map((t) => `${t.amount} ${t.currency}`).join(', '),
  ].join(' | ');

/** The freeze pass, run here for one account with its instant pinned (the stack's own runs as of the real time). */
async function freezeAt(now: number) {
  const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  try {
    const principal = await principalForKeyHash(db, await hashApiKey(inject('apiKey')));
    expect(principal).not.toBeNull();
    return await freezeAccountInvoices(db, principal?.tenantId ?? '', invoicedAccount, now);
  } finally {
    await close();
  }
}

describe('invoices', () => {
  it('lists the frozen invoices and shows each as GET /invoices/{id} gives it: lines, slabs, the adjustment of an earlier cycle, totals', async () => {
    // A 5-day grace period: the cycle before the open one ended 3 days ago, so no pass at the real
    // time freezes it; the test freezes it, and then the open one, at instants pinned past their grace.
    const plan = await client.post('/price_plans', {
      name: unique('console_invoicing'),
      currency: 'USD',
      pricingCycle: { ...cycle.pricingCycle, gracePeriod: 5 },
      usageRateCards: [
        {
          usageMeterId: amountMeter,
          pricingModel: 'TIERED',
          slabs: [
            { startAfter: '0', rate: '0.029' },
            { startAfter: '100', rate: '0.025' },
          ],
        },
      ],
      fixedFees: [{ name: 'Platform fee', amount: '25' }],
    });
    expect(plan.status).toBe(200);
    expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
    expect((await client.post('/accounts', { id: invoicedAccount, name: 'Console invoiced', customerId })).status).toBe(
      201,
    );
    // The plan from the very start of the cycle before the open one (its start found by the
    // statement of another account on the plan): an account whose plan begins mid-cycle cannot be
    // invoiced a second time yet (freeze-invoices.ts recomputes a billed cycle at its start, where
    // no plan was in force).
    const probe = unique('console_probe');
    expect(
      (
        await client.post(`/accounts/${probe}/price_plans`, {
          pricePlanId: plan.body.id,
          effectiveFrom: new Date(cycle.start - 20 * DAY).toISOString(),
        })
      ).status,
    ).toBe(200);
    const effectiveFrom = (
      await client.get(`/accounts/${probe}/statement?at=${new Date(cycle.start - DAY).toISOString()}`)
    ).body.cycleStart as string;
    expect(Date.parse(effectiveFrom)).toBeLessThan(cycle.start - 20 * DAY);
    expect(
      (await client.post(`/accounts/${invoicedAccount}/price_plans`, { pricePlanId: plan.body.id, effectiveFrom }))
        .status,
    ).toBe(200);
    const pay = (amount: string, at: number) => ({
      id: unique('console_invoiced_pay'),
      schemaName: schema,
      timestamp: new Date(at).toISOString(),
      accountId: invoicedAccount,
      attributes: [{ name: 'transaction_amount', value: amount }],
      dimensions: { payment_mode: 'card' },
    });
    const previousCycle = `/accounts/${invoicedAccount}/statement?at=${new Date(cycle.start - DAY).toISOString()}`;
    // 100 × 2.9% + 40 × 2.5% = 3.9, and the 25 fee.
    const events = [pay('60', cycle.start - 2 * DAY), pay('80', cycle.start - 2 * DAY + HOUR)];
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    await eventually(
      () => client.get(previousCycle),
      (r) => r.body?.totals?.[0]?.amount !== undefined && Number(r.body.totals[0].amount) === 28.9,
    );
    expect(await freezeAt(cycle.start + 5 * DAY + HOUR)).toBe(1);
    // A late event in the frozen cycle: 20 × 2.5% = 0.5, billed on the next invoice as an adjustment.
    expect((await client.post('/ingestBatch', { events: [pay('20', cycle.start - DAY)] })).status).toBe(202);
    await eventually(
      () => client.get(previousCycle),
      (r) => r.body?.totals?.[0]?.amount !== undefined && Number(r.body.totals[0].amount) === 29.4,
    );
    const open = await client.get(`/accounts/${invoicedAccount}/statement`);
    expect(await freezeAt(Date.parse(open.body.cycleEnd) + 5 * DAY + HOUR)).toBe(1);

    const listed = await client.get(`/invoices?ownerId=${invoicedAccount}`);
    const summaries = listed.body.data as InvoiceSummary[];
    expect(summaries.map((i) => i.meterline.totals)).toEqual([
      [{ currency: 'USD', amount: 28.9 }],
      [{ currency: 'USD', amount: 25.5 }],
    ]);
    invoiceIds = summaries.map((i) => i.id);

    await page.goto(`${base}/console/usage`);
    await page.getByRole('link', { name: 'Invoices', exact: true }).click();
    await page.getByLabel('Account id').fill(invoicedAccount);
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await tableRows(page.locator('main'))).toEqual(summaries.map((i) => invoiceRow(i)));
    await shot(page, 'invoices');

    const [first, second] = summaries;
    await page.getByRole('link', { name: `#${second?.meterline.number}`, exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Invoice #${second?.meterline.number}`);
    const invoice = (await client.get(`/invoices/${second?.id}`)).body as InvoiceSummary & {
      revenueInfo: LineItem;
    };
    const items = invoice.revenueInfo.lineItems;
    const charges = items.filter((l) => l.type !== 'CYCLE_ADJUSTMENT_AMOUNT');
    const adjustments = items.filter((l) => l.type === 'CYCLE_ADJUSTMENT_AMOUNT');
    expect(await tableRows(page.locator('#invoice-lines'))).toEqual(
      charges.map((l) =>
        [
          l.description,
          l.type === 'FIXED_FEE_RATE_CARD_AMOUNT' ? 'Fixed fee' : 'Usage',
          shown(l.quantity),
          `${l.value} ${l.metadata?.currency}`,
        ].join(' | '),
      ),
    );
    expect(await tableRows(page.locator('#invoice-adjustments'))).toEqual([
      `${adjustments[0]?.description} | ${first?.startDate.slice(0, 10)} – ${first?.endDate.slice(0, 10)} | ${first?.id} | 0.5 USD`,
    ]);
    expect(adjustments.map((l) => [l.value, l.metadata?.adjustsInvoiceId])).toEqual([[0.5, first?.id]]);
    expect(await page.getByTestId('invoice-total-USD').textContent()).toBe('25.5');
    expect(await page.getByTestId('invoice-total-amount').textContent()).toBe(String(invoice.totalAmount));
    await shot(page, 'invoice');

    // The invoice it adjusts, from the adjustment's link: the usage line's slabs as frozen.
    await page.getByRole('link', { name: first?.id ?? '', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Invoice #${first?.meterline.number}`);
    const frozen = (await client.get(`/invoices/${first?.id}`)).body as { revenueInfo: LineItem };
    const usage = frozen.revenueInfo.lineItems.filter((l) => l.type === 'USAGE_RATE_CARD_AMOUNT');
    expect(usage.map((l) => [l.quantity, l.value])).toEqual([[140, 3.9]]);
    const slabTables = page.locator('table.slabs');
    expect(await slabTables.count()).toBe(usage.length);
    expect(await tableRows(slabTables.first())).toEqual(
      (usage[0]?.lineItems ?? []).map((s) =>
        [s.description, shown(s.quantity), shown(s.valuePerQuantity), String(s.value)].join(' | '),
      ),
    );
    expect((usage[0]?.lineItems ?? []).map((s) => s.value)).toEqual([2.9, 1]);
    expect(await tableRows(page.locator('#invoice-lines'))).toContain(`Platform fee | Fixed fee | — | 25 USD`);
    expect(await page.locator('section[aria-labelledby=adjustments-heading]').textContent()).toContain('None');
    expect(await page.getByTestId('invoice-total-USD').textContent()).toBe('28.9');

    const missing = await page.goto(`${base}/console/invoices/inv.no_such_invoice`);
    expect(missing?.status()).toBe(404);
  });

  it("lists the account's past invoices newest first, each linked to its page", async () => {
    const listed = (await client.get(`/invoices?ownerId=${invoicedAccount}`)).body.data as InvoiceSummary[];
    expect(listed.map((i) => i.id)).toEqual(invoiceIds);
    await page.goto(`${base}/console/accounts/${invoicedAccount}`);
    const section = page.locator('section[aria-labelledby=invoices-heading]');
    expect(await tableRows(section)).toEqual([...listed].reverse().map((i) => invoiceRow(i, false)));
    await section.getByRole('link', { name: `#${listed[0]?.meterline.number}`, exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Invoice #${listed[0]?.meterline.number}`);
  });

  it('filters by status and time, and names the field of a filter the API refuses', async () => {
    await page.goto(`${base}/console/invoices?ownerId=${invoicedAccount}&status=PAID`);
    expect(await page.locator('main').textContent()).toContain('No invoice matches.');
    await page.getByLabel('Status').selectOption('DUE');
    await page.getByLabel('Cycle ends after (UTC day)').fill('2026-11-05');
    await page.getByLabel('Cycle starts before (UTC day)').fill('2026-11-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('endTime: must be after startTime');
    // The form keeps what was typed.
    expect(await page.getByLabel('Account id').inputValue()).toBe(invoicedAccount);

    // Cycles ending after the first invoice's end: the second invoice only.
    const [first, second] = (await client.get(`/invoices?ownerId=${invoicedAccount}`)).body.data as InvoiceSummary[];
    const after = first?.endDate.slice(0, 10) ?? '';
    await page.goto(`${base}/console/invoices?ownerId=${invoicedAccount}&startTime=${after}`);
    const api = (await client.get(`/invoices?ownerId=${invoicedAccount}&startTime=${Date.parse(`${after}T00:00:00Z`)}`))
      .body.data as InvoiceSummary[];
    expect(api.map((i) => i.id)).toEqual([second?.id]);
    expect(await tableRows(page.locator('main'))).toEqual(api.map((i) => invoiceRow(i)));

    // A page at a time, on the server: the API's nextToken behind "Next invoices", the filters kept.
    await page.goto(`${base}/console/invoices?ownerId=${invoicedAccount}`);
    await page.getByLabel('Per page').fill('1');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => tableRows(page.locator('main'))).toEqual([invoiceRow(first as InvoiceSummary)]);
    await page.getByRole('link', { name: 'Next invoices' }).click();
    await expect.poll(() => tableRows(page.locator('main'))).toEqual([invoiceRow(second as InvoiceSummary)]);
    expect(await page.getByRole('link', { name: 'Next invoices' }).count()).toBe(0);
  });
});

describe('features', () => {
  it('creates a feature consumed by an attribute, changes its schemas, and archives it', async () => {
    const name = unique('console_feature');
    await page.goto(`${base}/console/features`);
    await page.getByRole('link', { name: '+ New feature' }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create feature' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('schemaAssociations');
    await page.getByLabel('Event schema 1').selectOption(schema);
    await page.getByLabel('Attribute 1').fill('transaction_amount');
    await page.getByRole('button', { name: 'Create feature' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('created: it is ACTIVE');
    expect(await tableRows(page.locator('main table'))).toEqual([`${schema} | the value of transaction_amount`]);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;

    await page.getByRole('link', { name: 'Change the feature…' }).click();
    await page.getByLabel('Attribute 1').fill('');
    await page.getByRole('button', { name: 'Save the feature' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Feature saved');
    expect(await tableRows(page.locator('main table'))).toEqual([`${schema} | 1 per event`]);
    expect((await client.get(`/features/${id}`)).body.schemaAssociations).toEqual([
      { schemaName: schema, attributeName: '' },
    ]);
    await shot(page, 'feature');

    await page.getByRole('button', { name: 'Archive feature' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Feature archived');
    expect((await client.get(`/features/${id}`)).body.status).toBe('ARCHIVED');
    await page.goto(`${base}/console/features`);
    expect(await page.getByRole('link', { name }).count()).toBe(0);
  });
});

describe('API keys', () => {
  it('creates a key with scopes, shows its secret once, and revokes it after a confirmation', async () => {
    const name = unique('console key');
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('scopes');
    expect(await page.getByLabel('Name').inputValue()).toBe(name);

    await page.getByLabel('ingest').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-secret').inputValue();
    expect(secret).toMatch(/^ml_/);
    expect(page.url()).not.toContain(secret.slice(3, 12));
    // A real key, with the scope asked for: reading needs `read`, so it is refused for scope (403), not unknown (401).
    expect((await api(secret).get('/usage_meters')).status).toBe(403);
    await shot(page, 'key-created');

    await page.getByRole('link', { name: 'Back to the keys' }).click();
    expect(await page.locator('main').textContent()).not.toContain(secret);
    const row = (await tableRows(page.locator('main'))).find((r) => r.startsWith(`${name} |`));
    const [, prefix, scopes] = row!.split(' | ');
    expect([secret.startsWith(prefix!), prefix!.length < secret.length, scopes]).toEqual([true, true, 'ingest']);
    await page.getByRole('link', { name: `Revoke ${name}` }).click();
    await page.getByRole('button', { name: 'Revoke the key' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Key ${name} revoked`);
    expect(await page.getByRole('link', { name: `Revoke ${name}` }).count()).toBe(0);
    const listed = (await client.get('/api_keys?includeRevoked=true&pageSize=200')).body.data.find(
      (k: { name: string }) => k.name === name,
    );
    expect(listed.revokedAt).not.toBeNull();
  });
});

describe('every screen', () => {
  it('works with the keyboard: search an account, price a usage', async () => {
    await page.goto(`${base}/console/accounts`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type(accountId);
    await page.keyboard.press('Enter');
    await expect.poll(() => tableRows(page.locator('main'))).toHaveLength(1);

    await page.goto(`${base}/console/plans/${planId}?version=1`);
    await page.focus('#usage');
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('quote-amount').textContent()).toBe('1.45');
  });

  it('keeps every screen within 360 px, with every control labelled', async () => {
    const screens = [
      '/console/accounts',
      `/console/accounts/${accountId}`,
      `/console/accounts/${accountId}/features/${featureId}`,
      '/console/plans',
      '/console/plans/new',
      `/console/plans/${planId}?usage=285.5`,
      `/console/plans/${planId}/edit`,
      '/console/revenue',
      `/console/invoices?ownerId=${invoicedAccount}`,
      `/console/invoices/${invoiceIds[1]}`,
      `/console/invoices/${invoiceIds[0]}`,
      `/console/accounts/${invoicedAccount}`,
      '/console/features',
      '/console/features/new',
      `/console/features/${featureId}`,
      '/console/keys',
    ];
    for (const path of screens) {
      await expectNarrowAndLabelled(page, path);
    }
  });

  it('ran every page with nothing refused by its Content-Security-Policy', () => {
    expect(blocked).toEqual([]);
  });
});
