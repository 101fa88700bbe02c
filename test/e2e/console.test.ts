import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';

/**
 * The console in a real browser: Debian's Chromium driven by playwright-core. Sign in, create a
 * schema and a meter through the forms (the seed's flow), ingest through the API, and see the
 * chart and table show the right totals; a refused deactivation is explained; events are found
 * and opened. Each main screen is saved to test-results/console/ for a reviewer.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(process.cwd(), 'test-results', 'console');
const base = inject('stackUrl');
const client = api();

let browser: Browser;
let page: Page;
const schemaName = unique('console_calls');
const meterName = unique('eu_bytes');
const accounts = [unique('acme'), unique('globex')];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // This machine's network is closed: Chromium's own background connections must stay off.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      blocked.push(message.text());
    }
  });
});

/** What the browser refused under the console's Content-Security-Policy: must stay empty. */
const blocked: string[] = [];

afterAll(async () => {
  await browser?.close();
});

/** The usage table's rows, each as "label | value" (the colour swatch is left out). */
const usageRows = () =>
  page
    .locator('#usage-panel tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace('■', '').trim()).join(' | '),
      ),
    );

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe('the console', () => {
  it('sends a Content-Security-Policy allowing only its own style and script, and forbids framing', async () => {
    const response = await fetch(`${base}/console/sign-in`);
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*style-src 'sha256-[^']+'.*script-src 'sha256-[^']+'.*frame-ancestors 'none'/,
    );
    expect([response.headers.get('x-frame-options'), response.headers.get('referrer-policy')]).toEqual([
      'DENY',
      'same-origin',
    ]);
    await page.goto(`${base}/console/sign-in`);
    // The stylesheet is allowed by its hash: the page is styled.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
  });

  it('signs in with an API key kept in an HttpOnly, SameSite cookie (never in page storage)', async () => {
    await page.goto(`${base}/console`);
    await expect.poll(() => page.url()).toContain('/console/sign-in');
    await page.getByLabel('API key').fill('ml_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await shot('sign-in');

    await page.getByLabel('API key').fill(inject('apiKey'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/console/usage');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'meterline_console', httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(
      await page.evaluate(() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)),
    ).toBe('{}{}');
  });

  it('creates an event schema through the form, and activates it', async () => {
    await page.getByRole('link', { name: 'Event schemas' }).click();
    await page.getByRole('link', { name: '+ New event schema' }).click();
    await page.getByLabel('Name', { exact: true }).fill(schemaName);
    await page.getByLabel('Description').fill('One API call');
    await page.getByLabel('Attribute 1 name').fill('bytes');
    await page.getByLabel('Unit').first().fill('B');
    await page.getByLabel('Dimension 1').fill('region');
    await shot('schema-form');
    await page.getByRole('button', { name: 'Create schema' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('created as a DRAFT');
    await page.getByRole('button', { name: 'Activate schema' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Status ACTIVE');
    await shot('schema');
  });

  it("creates a usage meter by the seed's flow: schema, filter condition, aggregation — and activates it", async () => {
    await page.getByRole('link', { name: 'Usage meters' }).click();
    await page.getByRole('link', { name: '+ New Usage Meter' }).click();
    await page.getByLabel('Event schema').selectOption(schemaName);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name', { exact: true }).fill(meterName);
    await page.getByLabel('Description').fill('Bytes served in the EU');
    await page.getByLabel('Condition 1 field').selectOption('dimensions.region');
    await page.getByLabel('Operator').first().selectOption('==');
    await page.getByLabel('Value', { exact: true }).first().fill('eu');
    await page.getByLabel('Aggregation').selectOption('SUM');
    await page.getByLabel('Value (all but COUNT)').selectOption('attributes.bytes');
    await shot('meter-form');
    await page.getByRole('button', { name: 'Create meter' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('created as a DRAFT');
    await page.getByRole('button', { name: 'Activate meter' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Status ACTIVE');
  });

  it('explains a refused deactivation: the schema still has an ACTIVE meter', async () => {
    await page.goto(`${base}/console/schemas/${schemaName}`);
    await page.getByRole('button', { name: 'Deactivate schema' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('has ACTIVE usage meters; deactivate them first');
    await shot('refused-deactivation');
    expect(await page.locator('main').textContent()).toContain('Status ACTIVE');
  });

  it('charts usage as events arrive, split by account, with the numbers in a table', async () => {
    const now = Date.now();
    // Spread over the last twelve hours, so the chart has a line per account; the us event is filtered out.
    const events = (
      [
        [accounts[0], 'eu', '10', 1],
        [accounts[0], 'eu', '20', 5],
        [accounts[0], 'eu', '5', 9],
        [accounts[1], 'eu', '30', 3],
        [accounts[1], 'eu', '15', 7],
        [accounts[1], 'us', '1000', 2],
      ] as const
    ).map(([accountId, region, bytes, hoursAgo]) => ({
      id: unique('c'),
      schemaName,
      timestamp: new Date(now - hoursAgo * 3_600_000).toISOString(),
      accountId,
      attributes: [{ name: 'bytes', value: bytes }],
      dimensions: { region },
    }));
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);

    await page.getByRole('link', { name: 'Usage', exact: true }).click();
    const meterId = (await client.get('/usage_meters?pageSize=200')).body.data.find(
      (m: { name: string }) => m.name === meterName,
    ).id;
    await page.getByLabel('Meter').selectOption(meterId);
    await page.getByLabel('Split by').selectOption('account');
    await page.getByRole('button', { name: 'Show' }).click();
    // The page refreshes its panel every 5 s: the total appears without a reload.
    await expect.poll(() => page.getByTestId('usage-total').textContent(), { timeout: 30_000 }).toBe('80');
    expect((await usageRows()).sort()).toEqual([`${accounts[0]} | 35`, `${accounts[1]} | 45`].sort());
    expect(await page.locator('#usage-panel svg circle').count()).toBe(5);
    expect(await page.locator('#usage-panel svg polyline').count()).toBe(2);
    expect(await page.locator('#usage-panel svg desc').textContent()).toContain(`${accounts[0]}: 35`);
    await shot('usage');

    await page.getByLabel('Split by').selectOption('region');
    await page.getByLabel('Window').selectOption('DAY');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(usageRows).toEqual(['eu | 80']);
  });

  it('finds events by account and opens one to see what happened to it', async () => {
    await eventually(
      () => client.get(`/events?accountId=${accounts[1]}`),
      (r) => r.body?.events?.length === 3,
    );
    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByLabel('Account').fill(accounts[1]!);
    await page.getByLabel('Status').selectOption('INGESTION_COMPLETED_EVENT_METERED');
    await page.getByRole('button', { name: 'Search' }).click();
    const links = page.locator('main tbody a');
    await expect.poll(() => links.count()).toBe(2); // its us event matched no meter: NO_MATCHING_METERS
    await shot('events');
    await links.first().click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Meters that counted it');
    expect(await page.locator('main').textContent()).toContain('INGESTION_COMPLETED_EVENT_METERED');
    expect(await page.locator('main pre').textContent()).toContain('"bytes"');
    await shot('event');
  });

  it('undoes an event after a confirmation: it shows REVERTED, with the correction, and offers no second undo', async () => {
    await page.getByRole('link', { name: 'Undo this event…' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Its usage');
    await shot('event-undo');
    await page.getByRole('button', { name: 'Undo the event' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('REVERTED');
    expect(await page.locator('body').textContent()).toContain('Event undone');
    expect(await page.locator('main').textContent()).toContain('UNDO (was METERED)');
    expect(await page.getByRole('link', { name: 'Undo this event…' }).count()).toBe(0);
  });

  it('works with the keyboard, and on a narrow window', async () => {
    await page.goto(`${base}/console/meters`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+ New Usage Meter');

    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['usage', 'events', 'schemas/new', 'meters']) {
      await page.goto(`${base}/console/${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect([path, overflow]).toEqual([path, 0]);
    }
    await shot('narrow-meters');
    // Every form control has a label.
    const unlabelled = await page
      .goto(`${base}/console/schemas/new`)
      .then(() =>
        page.evaluate(
          () =>
            [...document.querySelectorAll('input:not([type=hidden]), select')].filter(
              (el) => !(el as HTMLInputElement).labels?.length,
            ).length,
        ),
      );
    expect(unlabelled).toBe(0);
  });

  it('ran every page with nothing refused by its Content-Security-Policy', () => {
    expect(blocked).toEqual([]);
  });

  it('signs out, and then sends every page to sign-in', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${base}/console/usage`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/console/sign-in');
    await page.goto(`${base}/console/schemas`);
    expect(page.url()).toContain('/console/sign-in');
  });
});
