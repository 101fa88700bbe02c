import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Decimal } from '../../shared/decimal/decimal';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { expectNarrowAndLabelled, openConsole, shot, tableRows } from './console-browser';

/**
 * The console's revenue by price plan and its account search, in a real browser: the figures on
 * screen are the API's for the same question. Screenshots go to test-results/console/.
 */
const base = inject('stackUrl');
const client = api();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cycle = openMonthlyCycle();

let browser: Browser;
let page: Page;
let blocked: string[];
let schema: string;
let chargeMeter: string;
const customerId = unique('rev_customer');
/** The search finds these by name, whatever the case: a prefix no other suite's accounts have. */
const namePrefix = unique('Plan Shop');
const accountOf = (i: number) => `${customerId}_${String(i).padStart(2, '0')}`;
const SHOPS = 60;
/** Per charge, large enough that these plans are among the largest of a tenant other suites share. */
const plans = {
  basic: { name: unique('rev_basic'), rate: '100000' },
  pro: { name: unique('rev_pro'), rate: '250000' },
};
const planIds: Record<keyof typeof plans, string> = { basic: '', pro: '' };

const charge = (accountId: string, hoursIn: number) => ({
  id: unique('rev_charge'),
  schemaName: schema,
  timestamp: new Date(cycle.start + hoursIn * HOUR).toISOString(),
  accountId,
  attributes: [{ name: 'amount', value: '1' }],
  dimensions: {},
});

beforeAll(async () => {
  ({ browser, page, blocked } = await openConsole());
  schema = unique('rev_charge');
  await client.post('/event_schema', { name: schema, attributes: [{ name: 'amount' }] });
  await client.post(`/event_schema/${schema}/activate`);
  chargeMeter = (
    await client.post('/usage_meters', { name: unique('rev_charges'), aggregation: 'COUNT', eventSchemaName: schema })
  ).body.id;
  await client.post(`/usage_meters/${chargeMeter}/activate`);
  for (const key of ['basic', 'pro'] as const) {
    const created = await client.post('/price_plans', {
      name: plans[key].name,
      currency: 'USD',
      pricingCycle: cycle.pricingCycle,
      usageRateCards: [
        { usageMeterId: chargeMeter, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: plans[key].rate }] },
      ],
    });
    expect(created.status).toBe(200);
    expect((await client.post(`/price_plans/${created.body.id}/activate`)).status).toBe(200);
    planIds[key] = created.body.id;
  }
  expect(
    (
      await client.post('/customers', {
        id: customerId,
        name: 'Revenue customer',
        primaryEmail: 'r@r.test',
        address: {},
      })
    ).status,
  ).toBe(201);
  for (let i = 0; i < SHOPS; i++) {
    // Names in mixed case: the search ignores it.
    const name = `${i % 2 === 0 ? namePrefix.toUpperCase() : namePrefix} ${i}`;
    expect((await client.post('/accounts', { id: accountOf(i), name, customerId })).status).toBe(201);
  }
});

afterAll(async () => {
  await browser?.close();
});

describe('revenue by price plan', () => {
  it('charts and lists revenue by plan and by account over the chosen days, with totals, as GET /revenue gives them', async () => {
    // Shops 0 and 1 on basic, shop 2 on pro; 3 charges, 1 charge and 2 charges.
    const on = [
      [accountOf(0), 'basic'],
      [accountOf(1), 'basic'],
      [accountOf(2), 'pro'],
    ] as const;
    for (const [accountId, key] of on) {
      const response = await client.post(`/accounts/${accountId}/price_plans`, {
        pricePlanId: planIds[key],
        effectiveFrom: new Date(cycle.start - DAY).toISOString(),
      });
      expect(response.status).toBe(200);
    }
    const events = [
      charge(accountOf(0), 1),
      charge(accountOf(0), 2),
      charge(accountOf(0), 3),
      charge(accountOf(1), 4),
      charge(accountOf(2), 5),
      charge(accountOf(2), 6),
    ];
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    const range = `from=${new Date(cycle.start).toISOString()}&to=${new Date(cycle.start + 2 * DAY).toISOString()}`;
    const mine = await eventually(
      () => client.get(`/revenue?${range}&pricePlanId=${planIds.pro}`),
      (r) => r.body?.totals?.[0]?.value === '500000',
    );
    expect(mine.body.totals).toEqual([{ currency: 'USD', value: '500000' }]);
    await eventually(
      () => client.get(`/revenue?${range}&pricePlanId=${planIds.basic}`),
      (r) => r.body?.totals?.[0]?.value === '400000',
    );

    await page.getByRole('link', { name: 'Revenue' }).click();
    await page
      .getByRole('textbox', { name: 'From (date, UTC)' })
      .fill(new Date(cycle.start).toISOString().slice(0, 10));
    await page
      .getByRole('textbox', { name: 'To (date, UTC, included)' })
      .fill(new Date(cycle.start + DAY).toISOString().slice(0, 10));
    await page.getByLabel('Split by').selectOption('pricePlanId');
    await page.getByRole('button', { name: 'Show' }).click();
    const groups = page.locator('#revenue-groups');
    await expect.poll(() => tableRows(groups)).toContain(`${plans.pro.name} | USD | 500000`);
    expect(await tableRows(groups)).toContain(`${plans.basic.name} | USD | 400000`);
    expect(await groups.locator('thead').textContent()).toContain('Price plan');
    expect(await page.locator('#revenue-chart-desc').textContent()).toContain(`${plans.pro.name} (USD): 500000`);
    await groups.getByRole('link', { name: plans.pro.name }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/plans/${planIds.pro}`);
    await page.goBack();

    // Other suites may rate revenue for the tenant meanwhile: the page's total and the API's, and
    // the sum of the API's split by plan, agree once read after one another.
    await expect
      .poll(async () => {
        await page.reload();
        const [total, byPlan] = await Promise.all([
          client.get(`/revenue?${range}`),
          client.get(`/revenue?${range}&groupBy=pricePlanId`),
        ]);
        const usd = total.body.totals.find((t: { currency: string }) => t.currency === 'USD')?.value;
        const summed = byPlan.body.groups
          .filter((g: { currency: string }) => g.currency === 'USD')
          .reduce((sum: Decimal, g: { value: string }) => sum.plus(g.value), new Decimal(0));
        return [(await page.getByTestId('revenue-total-USD').textContent()) === usd, summed.eq(usd ?? '-1')];
      })
      .toEqual([true, true]);
    await shot(page, 'revenue-by-plan');

    await page.getByLabel('Split by').selectOption('accountId');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => tableRows(groups)).toContain(`${accountOf(2)} | USD | 500000`);
    expect(await tableRows(groups)).toContain(`${accountOf(0)} | USD | 300000`);
    expect(await tableRows(groups)).toContain(`${accountOf(1)} | USD | 100000`);
    await shot(page, 'revenue-by-account');
  });
});

describe('account search', () => {
  it('finds accounts by a prefix of the name in any case, a page at a time, and by a prefix of the id', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Account id or name begins with').fill(namePrefix.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.locator('#accounts');
    const firstPage = await tableRows(table);
    expect(firstPage).toHaveLength(50);
    await shot(page, 'accounts-search');
    await page.getByRole('link', { name: 'Next accounts' }).click();
    const secondPage = await tableRows(table);
    expect(secondPage).toHaveLength(SHOPS - 50);
    expect(await page.getByRole('link', { name: 'Next accounts' }).count()).toBe(0);
    const ids = [...firstPage, ...secondPage].map((row) => row.split(' | ')[0]);
    expect(ids).toEqual(Array.from({ length: SHOPS }, (_, i) => accountOf(i))); // each once, oldest first

    await page.getByLabel('Account id or name begins with').fill(`${accountOf(1).toUpperCase()}`);
    await page.getByRole('button', { name: 'Search' }).click();
    expect((await tableRows(table)).map((row) => row.split(' | ')[0])).toEqual([accountOf(1)]);

    // A search the API refuses names the field.
    await page.goto(`${base}/console/accounts?q=${'x'.repeat(256)}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('search');
  });

  it('keeps the screens within 360 px, with every control labelled, and the CSP blocks nothing', async () => {
    await expectNarrowAndLabelled(page, `/console/accounts?q=${encodeURIComponent(namePrefix)}`);
    await expectNarrowAndLabelled(page, '/console/revenue?split=pricePlanId');
    expect(blocked).toEqual([]);
  });
});
