import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';
import { startReceiver, verifies } from '../support/webhook-receiver';
import { expectNarrowAndLabelled, openConsole, shot, tableRows } from './console-browser';

/**
 * The console's alert, webhook and correction screens in a real browser, signed in to a tenant of
 * their own (incidents are listed tenant-wide): a webhook endpoint is added (its secret shown once),
 * an alert is created through the form, usage ingested through the API crosses it, and the
 * incident appears on screen and reaches a real receiver, signed with the secret shown; the secret
 * is rotated behind a confirmation; an event is redone and replaced from its page. What the screens
 * show is checked against what the API answers. Screenshots go to test-results/console/.
 */
const base = inject('stackUrl');
const HOUR = 3_600_000;
const cycle = openMonthlyCycle();

let browser: Browser;
let page: Page;
let blocked: string[];
let client: ReturnType<typeof api>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let meterId: string;
const schema = unique('console_alert_calls');
const accountId = unique('console_alert_acct');
const description = unique('Two calls');
const eventIds = [unique('ca'), unique('ca'), unique('ca')];
let alertId: string;
let endpointId: string;
let incidentId: string;
let firstSecret: string;
let rotatedSecret: string;

beforeAll(async () => {
  const { key } = await createTenant('console_alerts');
  client = api(key);
  receiver = await startReceiver(0);
  ({ browser, page, blocked } = await openConsole(key));
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] })).status).toBe(201);
  expect((await client.post(`/event_schema/${schema}/activate`)).status).toBe(200);
  meterId = (
    await client.post('/usage_meters', {
      name: unique('console_alert_count'),
      aggregation: 'COUNT',
      eventSchemaName: schema,
      filters: [],
    })
  ).body.id;
  expect((await client.post(`/usage_meters/${meterId}/activate`)).status).toBe(200);
  // A usage alert watches the account's billing cycle: the account is on a plan pricing the meter.
  const plan = await client.post('/price_plans', {
    name: unique('console_alert_plan'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    usageRateCards: [{ usageMeterId: meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
  });
  expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
  const associated = await client.post(`/accounts/${accountId}/price_plans`, {
    pricePlanId: plan.body.id,
    effectiveFrom: new Date(cycle.start).toISOString(),
  });
  expect(associated.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

const firstEvent = eventIds[0] ?? '';
/** The receiver's nth request (from 0), which must have arrived. */
function delivery(n: number) {
  const received = receiver.received[n];
  if (!received) {
    throw new Error(`No delivery ${n + 1} received`);
  }
  return received;
}
const main = () => page.locator('main').textContent();
const go = (path: string) => page.goto(`${base}/console/${path}`);

describe('the console: webhooks, alerts and incidents', () => {
  it('adds a webhook endpoint and shows its secret on that page only', async () => {
    await go('usage');
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByLabel('URL').fill('not a url');
    await page.getByLabel('Description').fill('Ops pager');
    // The browser's own URL check would stop the form: the API's refusal is what is shown.
    await page.locator('form.stack').evaluate((f) => f.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('url: must be an http(s) URL');
    expect(await page.getByLabel('Description').inputValue()).toBe('Ops pager');

    await page.getByLabel('URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.getByTestId('webhook-secret');
    await expect.poll(() => secret.count()).toBe(1);
    firstSecret = await secret.inputValue();
    expect(firstSecret).toMatch(/^whsec_/);
    await shot(page, 'webhook-secret');
    // Rendered, not redirected to: the secret is in no URL, and no other page shows it.
    expect(page.url()).toBe(`${base}/console/webhooks/new`);
    const listed = await client.get('/webhooks');
    expect(listed.body.data).toHaveLength(1);
    endpointId = listed.body.data[0].id;
    expect(listed.body.data[0]).toMatchObject({ url: receiver.url, description: 'Ops pager' });
    expect(JSON.stringify(listed.body)).not.toContain(firstSecret);

    await page.getByRole('link', { name: 'Go to the endpoint' }).click();
    expect(await main()).toContain(receiver.url);
    expect(await page.content()).not.toContain(firstSecret);
    await go('webhooks');
    expect(await tableRows(page.locator('main'))).toEqual([
      expect.stringContaining(`${receiver.url} | Ops pager | ACTIVE`),
    ]);
    expect(await page.content()).not.toContain(firstSecret);
    await shot(page, 'webhooks');
  });

  it('creates a usage alert from the form: a refusal names the field, then the alert is listed as the API has it', async () => {
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    expect(await main()).toContain('No alerts yet.');
    await page.getByRole('link', { name: '+ New alert' }).click();
    await page.getByLabel('Template').selectOption('USAGE_THRESHOLD');
    await page.getByLabel('Usage meter (USAGE_THRESHOLD)').selectOption(meterId);
    await page.getByLabel('Account (blank: every account)').fill(accountId);
    await page.getByLabel('Kind').selectOption('PERCENTAGE');
    await page.getByLabel('Values (up to 10, comma separated)').fill('50, 100');
    await page.getByLabel('Description').fill(description);
    await page.getByRole('button', { name: 'Create alert' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('parameters.threshold.limit: is needed when type is PERCENTAGE');
    // The form keeps what was typed.
    expect(await page.getByLabel('Usage meter (USAGE_THRESHOLD)').inputValue()).toBe(meterId);
    expect(await page.getByLabel('Values (up to 10, comma separated)').inputValue()).toBe('50, 100');

    await page.getByLabel('Kind').selectOption('ABSOLUTE');
    await page.getByLabel('Values (up to 10, comma separated)').fill('2, 5');
    await shot(page, 'alert-form');
    await page.getByRole('button', { name: 'Create alert' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Alert created: ACTIVE');
    alertId = decodeURIComponent(page.url().split('/console/alerts/')[1]?.split('?')[0] ?? '');
    const alert = await client.get(`/alerts/${alertId}`);
    expect(alert.body).toMatchObject({
      alertTemplateId: 'USAGE_THRESHOLD',
      status: 'ACTIVE',
      description,
      entityDetails: { usageMeter: { id: meterId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { type: 'ABSOLUTE', values: [2, 5] } },
    });

    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    const meterName = (await client.get(`/usage_meters/${meterId}`)).body.name;
    expect(await tableRows(page.locator('main'))).toEqual([
      `${description} | USAGE_THRESHOLD | ${meterName} | ${accountId} | 2, 5 | ACTIVE`,
    ]);
    await shot(page, 'alerts');
  });

  it('shows the incident once ingested usage crosses a threshold, and delivers it signed with the secret shown', async () => {
    const events = eventIds.map((id, i) => ({
      id,
      schemaName: schema,
      timestamp: new Date(cycle.start + (i + 1) * HOUR).toISOString(),
      accountId,
      attributes: [{ name: 'units', value: '1' }],
    }));
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    const incidents = await eventually(
      () => client.get(`/incidents?alertId=${alertId}`),
      (r) => r.body?.data?.length === 1 && r.body.data[0].reportData.webhooks.deliveries[0]?.status === 'DELIVERED',
    );
    const [incident] = incidents.body.data;
    incidentId = incident.id;
    expect(incident.reportData).toMatchObject({ account: { id: accountId }, threshold: { value: 2 } });

    await go(`alerts/${encodeURIComponent(alertId)}`);
    const { before, after } = incident.reportData.usage;
    const rows = await tableRows(page.locator('main'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(
      `${incident.createdAt} | ${accountId} | usage ${before} → ${after} crossed 2 | TRIGGERED`,
    );
    expect(rows[0]).toContain(`${endpointId} DELIVERED 1 attempt, last answer 204`);
    await shot(page, 'alert');

    await expect.poll(() => receiver.received.length).toBe(1);
    expect(receiver.received[0]).toMatchObject({ id: incidentId });
    expect(verifies(firstSecret, delivery(0))).toBe(true);

    await go(`webhooks/${encodeURIComponent(endpointId)}`);
    expect(await tableRows(page.locator('main'))).toEqual([
      expect.stringContaining(`| ${incidentId} | alert.threshold_crossed | DELIVERED | 1 | 204 | `),
    ]);
    await shot(page, 'webhook');
  });

  it('deactivates and reactivates the alert (each a new version, as the API says)', async () => {
    await go(`alerts/${encodeURIComponent(alertId)}`);
    await page.getByRole('button', { name: 'Deactivate alert' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Alert deactivated');
    expect(await page.locator('main dl.facts dd').first().textContent()).toBe('INACTIVE');
    expect((await client.get(`/alerts/${alertId}`)).body).toMatchObject({ status: 'INACTIVE', version: 2 });
    await page.getByRole('button', { name: 'Activate alert' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Alert activated');
    expect((await client.get(`/alerts/${alertId}`)).body).toMatchObject({ status: 'ACTIVE', version: 3 });
  });

  it('lists incidents and redelivers one: the receiver gets it again, with the same webhook-id', async () => {
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByLabel('With a delivery').selectOption('DELIVERED');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('main tbody tr').count()).toBe(1);
    await shot(page, 'incidents');
    await page.getByRole('button', { name: `Redeliver incident ${incidentId}` }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Incident queued for delivery again to each of its endpoints');
    // Back on the page it was sent from, its filter kept.
    expect(page.url()).toContain('/console/incidents?deliveryStatus=DELIVERED');
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    expect(receiver.received[1]).toMatchObject({ id: incidentId, body: receiver.received[0]?.body });
    expect(verifies(firstSecret, delivery(1))).toBe(true);
  });

  it('rotates the secret after a confirmation: the new one is shown once and signs from then on', async () => {
    await go(`webhooks/${encodeURIComponent(endpointId)}`);
    await page.getByRole('link', { name: 'Rotate the secret…' }).click();
    await expect.poll(main).toContain('Make a new signing secret');
    await shot(page, 'webhook-rotate');
    // No overlap: the previous secret stops signing at once, so the next delivery proves which one signs.
    await page.getByLabel('Minutes the previous secret still signs (0 to 10080)').fill('0');
    await page.getByRole('button', { name: 'Rotate the secret' }).click();
    const secret = page.getByTestId('webhook-secret');
    await expect.poll(() => secret.count()).toBe(1);
    rotatedSecret = await secret.inputValue();
    expect(rotatedSecret).toMatch(/^whsec_/);
    expect(rotatedSecret).not.toBe(firstSecret);
    expect(await main()).toContain('The previous secret no longer signs.');
    expect(page.url()).not.toContain(rotatedSecret);
    await go(`webhooks/${encodeURIComponent(endpointId)}`);
    expect(await page.content()).not.toContain(rotatedSecret);

    // Redelivered from the alert's page, the incident is signed with the new secret only.
    await go(`alerts/${encodeURIComponent(alertId)}`);
    await page.getByRole('button', { name: `Redeliver incident ${incidentId}` }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Incident queued');
    expect(page.url()).toContain(`/console/alerts/${encodeURIComponent(alertId)}`);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(3);
    const third = delivery(2);
    expect([verifies(rotatedSecret, third), verifies(firstSecret, third)]).toEqual([true, false]);
  });

  it("sends one delivery again from the endpoint's delivery log, under the same webhook-id", async () => {
    await go(`webhooks/${encodeURIComponent(endpointId)}`);
    await page.getByRole('button', { name: `Redeliver ${incidentId}` }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Delivery of ${incidentId} queued`);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(4);
    expect(receiver.received[3]).toMatchObject({ id: incidentId, body: receiver.received[0]?.body });
    expect(verifies(rotatedSecret, delivery(3))).toBe(true);
    const log = (await client.get(`/webhooks/${endpointId}/deliveries`)).body.data;
    expect(log).toEqual([expect.objectContaining({ messageId: incidentId, status: 'DELIVERED' })]);
  });
});

describe('the console: event corrections', () => {
  const eventPath = () => `events/${encodeURIComponent(firstEvent)}`;

  it('redoes an event after a confirmation: its history shows the REDO', async () => {
    await go(eventPath());
    await page.getByRole('link', { name: 'Redo this event…' }).click();
    await expect.poll(main).toContain('again, as it was first accepted');
    await page.getByRole('button', { name: 'Redo the event' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Event metered again');
    expect(await page.locator('main ol.corrections').textContent()).toContain('REDO (was METERED)');
  });

  it("replaces an event's payload from a prefilled form: a refusal names the field, the page and the API show the correction", async () => {
    await page.getByRole('link', { name: 'Replace its payload…' }).click();
    expect(await page.getByLabel('Account').inputValue()).toBe(accountId);
    expect(await page.getByLabel('Event schema').inputValue()).toBe(schema);
    expect(await page.getByLabel('Attribute 1 name').inputValue()).toBe('units');
    expect(await page.getByLabel('Attribute 1 value').inputValue()).toBe('1');
    await page.getByLabel('Attribute 1 value').fill('lots');
    await page.getByRole('button', { name: 'Replace the event' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Attribute 1 value (event.attributes.0.value): must be a decimal number');
    expect(await page.getByLabel('Attribute 1 value').inputValue()).toBe('lots');
    // Posted back, the form keeps its rows and one blank spare, not the spare it was sent with.
    expect(await page.getByLabel(/^Attribute \d name$/).count()).toBe(2);
    await page.getByLabel('Attribute 1 value').fill('4');
    await shot(page, 'event-redo-event');
    await page.getByRole('button', { name: 'Replace the event' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Event replaced');
    expect(await page.locator('main ol.corrections li').allTextContents()).toEqual([
      expect.stringContaining('REDO (was METERED)'),
      expect.stringContaining('REDO_EVENT (was METERED)'),
    ]);
    expect(await page.locator('main pre').textContent()).toContain('"value": "4"');
    await shot(page, 'event-corrected');

    const event = (await client.get(`/events/${encodeURIComponent(firstEvent)}`)).body.events[0];
    expect(event.eventPayload.attributes).toEqual([{ name: 'units', value: '4' }]);
    expect(event.corrections.map((c: { action: string }) => c.action)).toEqual(['REDO', 'REDO_EVENT']);
    expect(event.ingestionStatus.status).toBe('INGESTION_COMPLETED_EVENT_METERED');
  });
});

describe('the console: every new screen', () => {
  it('works with the keyboard', async () => {
    await go('alerts');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+ New alert');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console/alerts/new');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('alertTemplateId');
  });

  it('fits a 360 px window with every control labelled', async () => {
    const alert = `alerts/${encodeURIComponent(alertId)}`;
    const endpoint = `webhooks/${encodeURIComponent(endpointId)}`;
    const event = `events/${encodeURIComponent(firstEvent)}`;
    for (const path of [
      'alerts',
      'alerts/new',
      alert,
      `${alert}/delete`,
      'incidents',
      'webhooks',
      endpoint,
      `${endpoint}/rotate`,
      `${endpoint}/delete`,
      event,
      `${event}/redo`,
      `${event}/redo-event`,
    ]) {
      await expectNarrowAndLabelled(page, `/console/${path}`);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await go(alert);
    await shot(page, 'narrow-alert');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('deletes the alert and the endpoint after a confirmation; the incident stays', async () => {
    await go(`alerts/${encodeURIComponent(alertId)}`);
    await page.getByRole('link', { name: 'Delete this alert…' }).click();
    await page.getByRole('button', { name: 'Delete the alert' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Alert deleted');
    expect(await main()).toContain('No alerts yet.');
    expect((await client.get(`/alerts/${alertId}`)).status).toBe(404);
    expect((await client.get(`/incidents/${incidentId}`)).status).toBe(200);

    await go(`webhooks/${encodeURIComponent(endpointId)}`);
    await page.getByRole('link', { name: 'Delete this endpoint…' }).click();
    await page.getByRole('button', { name: 'Delete the endpoint' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Webhook endpoint deleted');
    expect((await client.get('/webhooks')).body.data).toEqual([]);
    await go(`webhooks/${encodeURIComponent(endpointId)}`);
    expect(await main()).toContain('No such webhook endpoint.');
  });

  it('creates a balance alert on a feature from the form; a debit through it shows as the balance falling', async () => {
    const feature = await client.post('/features', {
      name: unique('console_alert_units'),
      schemaAssociations: [{ schemaName: schema, attributeName: 'units' }],
    });
    expect(feature.status).toBe(200);
    const featureId = feature.body.id as string;
    const holder = unique('console_balance_acct');
    expect((await client.post(`/accounts/${holder}/features/${featureId}/entries`, { granted: '10' })).status).toBe(
      201,
    );

    await go('alerts/new');
    await page.getByLabel('Template').selectOption('BALANCE_THRESHOLD');
    await page.getByLabel('Feature (BALANCE_THRESHOLD)').selectOption(featureId);
    await page.getByLabel('Account (blank: every account)').fill(holder);
    await page.getByLabel('Kind').selectOption('ABSOLUTE');
    await page.getByLabel('Values (up to 10, comma separated)').fill('4');
    await page.getByRole('button', { name: 'Create alert' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Alert created: ACTIVE');
    const balanceAlertId = decodeURIComponent(page.url().split('/console/alerts/')[1]?.split('?')[0] ?? '');
    expect((await client.get(`/alerts/${balanceAlertId}`)).body).toMatchObject({
      alertTemplateId: 'BALANCE_THRESHOLD',
      entityDetails: { feature: { id: featureId } },
      ownerDetails: { account: { id: holder } },
      parameters: { threshold: { type: 'ABSOLUTE', values: [4] } },
    });

    const event = {
      id: unique('cb'),
      schemaName: schema,
      timestamp: new Date().toISOString(),
      accountId: holder,
      attributes: [{ name: 'units', value: '7' }],
    };
    const entitled = await client.post('/entitled', { event });
    expect([entitled.status, entitled.body.details?.entitled]).toEqual([200, true]);
    await eventually(
      () => client.get(`/incidents?alertId=${balanceAlertId}`),
      (r) => r.body?.data?.length === 1,
    );
    await go(`alerts/${encodeURIComponent(balanceAlertId)}`);
    const rows = await tableRows(page.locator('main'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`${holder} | balance (${featureId}) 10 → 3 fell through 4 | TRIGGERED`);
    expect((await client.delete(`/alerts/${balanceAlertId}`)).status).toBe(200);
  });

  it('ran every page with nothing refused by its Content-Security-Policy', () => {
    expect(blocked).toEqual([]);
  });
});
