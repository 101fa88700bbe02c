import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(process.cwd(), 'test-results', 'console');

/**
 * Debian's Chromium, signed in to the console of the running stack (with the stack's key, or a
 * tenant's own), for the console's browser suites; whatever the Content-Security-Policy blocks is
 * collected in `blocked`.
 */
export async function openConsole(
  apiKey: string = inject('apiKey'),
): Promise<{ browser: Browser; page: Page; blocked: string[] }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      blocked.push(message.text());
    }
  });
  await page.goto(`${inject('stackUrl')}/console/sign-in`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/console/usage');
  return { browser, page, blocked };
}

/** A full-page screenshot in test-results/console/, for a reviewer. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** The cells of the body rows of the tables in `where`, each row joined by " | " (colour swatches left out). */
export const tableRows = (where: Locator) =>
  where
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace('■', '').trim()).join(' | '),
      ),
    );

/** At 360 px wide: no horizontal overflow, and every form control has a label. */
export async function expectNarrowAndLabelled(page: Page, path: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${inject('stackUrl')}${path}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => !(el as HTMLInputElement).labels?.length)
      .map((el) => el.outerHTML),
  );
  await page.setViewportSize({ width: 1280, height: 860 });
  expect({ path, overflow, unlabelled }).toEqual({ path, overflow: 0, unlabelled: [] });
}
