import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';
import { freePort } from '../support/free-port';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Alerts delivered as signed webhooks (issue 19), end to end: a real HTTP receiver on this
 * machine, the stack's rater POSTing to it. The stack retries 1 s apart, three times
 * (test/support/stack-setup.ts), so recovery and death take seconds, not the day of the default.
 */
const HOUR = 3_600_000;
const cycle = openMonthlyCycle();

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

/** A receiver that answers 500 to its first `failures` requests (changeable), then 204; it records every request. */
async function startReceiver(initialFailures: number) {
  const received: Received[] = [];
  const state = { failures: initialFailures };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(received.length <= state.failures ? 500 : 204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Standard Webhooks check as a receiver writes it, with node:crypto (independent of Meterline's signer). */
function verifies(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest();
  return r.signature.split(' ').some((s) => {
    const [version, sig] = s.split(',');
    const given = Buffer.from(sig ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** One `v1,` signature of a delivery, computed as a receiver holding `secret` computes it. */
function signatureWith(secret: string, r: Received): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64')}`;
}

let key: string;
let client: ReturnType<typeof api>;
let schema: string;
let meterId: string;
const receivers: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  key = (await createTenant('webhooks')).key;
  client = api(key);
  schema = unique('calls');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'tokens' }] })).status).toBe(201);
  expect((await client.post(`/event_schema/${schema}/activate`)).status).toBe(200);
  const meter = await client.post('/usage_meters', {
    name: unique('tokens'),
    aggregation: 'SUM',
    eventSchemaName: schema,
    filters: [],
    computations: [{ computation: '{"var":"attributes.tokens"}', order: 1 }],
  });
  meterId = meter.body.id;
  expect((await client.post(`/usage_meters/${meterId}/activate`)).status).toBe(200);
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

/** An account on a plan pricing the meter (usage alerts watch the billing cycle), with a webhook endpoint. */
async function accountWithPlan() {
  const accountId = unique('acct');
  const plan = await client.post('/price_plans', {
    name: unique('plan'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    usageRateCards: [{ usageMeterId: meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.001' }] }],
  });
  expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
  expect(
    (
      await client.post(`/accounts/${accountId}/price_plans`, {
        pricePlanId: plan.body.id,
        effectiveFrom: new Date(cycle.start).toISOString(),
      })
    ).status,
  ).toBe(200);
  return accountId;
}

const call = (accountId: string, tokens: number, hour: number) => ({
  id: unique('call'),
  schemaName: schema,
  timestamp: new Date(cycle.start + hour * HOUR).toISOString(),
  accountId,
  attributes: [{ name: 'tokens', value: String(tokens) }],
});

describe('alerts delivered as signed webhooks', () => {
  it('a receiver that fails twice gets each crossing once: redeliveries carry the same webhook-id, every signature verifies', async () => {
    const receiver = await startReceiver(2);
    receivers.push(receiver);
    const endpoint = await client.post('/webhooks', { url: receiver.url, description: 'ops' });
    expect(endpoint.status).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);
    // The secret is shown once: the list never has it.
    const listed = await client.get('/webhooks');
    expect(listed.body.data.find((e: { id: string }) => e.id === endpoint.body.id)).toEqual({
      id: endpoint.body.id,
      url: receiver.url,
      description: 'ops',
      status: 'ACTIVE',
      createdAt: expect.any(String),
    });

    const accountId = await accountWithPlan();
    const alert = await client.post('/alerts', {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { usageMeter: { id: meterId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { type: 'PERCENTAGE', values: [80], limit: 1000 } },
    });
    expect(alert.status).toBe(200);

    // 500 tokens, then 400 more: the second call crosses 800 (80% of 1 000); a third stays above it.
    // One at a time, each metered before the next is sent, so each is its own change of the total.
    for (const [tokens, hour] of [
      [500, 1],
      [400, 2],
      [50, 3],
    ] as const) {
      const event = call(accountId, tokens, hour);
      expect((await client.post('/ingest', { event })).status).toBe(202);
      expect(
        (
          await eventually(
            () => client.get(`/events/${event.id}`),
            (r) => r.status === 200,
          )
        ).status,
      ).toBe(200);
    }
    const incidents = await eventually(
      () => client.get(`/incidents?alertId=${alert.body.id}`),
      (r) => r.body?.data?.[0]?.reportData?.webhooks?.deliveries?.[0]?.status === 'DELIVERED',
      30_000,
    );
    expect(incidents.body.data).toHaveLength(1);
    const [incident] = incidents.body.data;
    expect(incident).toMatchObject({
      alertId: alert.body.id,
      alertVersion: 1,
      alertTemplateId: 'USAGE_THRESHOLD',
      status: 'TRIGGERED',
    });
    expect(incident.reportData).toMatchObject({
      account: { id: accountId },
      usageMeter: { id: meterId },
      threshold: { index: 0, value: 800 },
      usage: { before: 500, after: 900 },
    });
    expect(incident.reportData.webhooks.deliveries).toEqual([
      {
        endpointId: endpoint.body.id,
        status: 'DELIVERED',
        attempts: 3,
        lastResponseStatus: 204,
        deliveredAt: expect.any(String),
      },
    ]);

    // Three attempts, one webhook-id (the incident's), one body; each signed for its own timestamp.
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([incident.id]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received.every((r) => verifies(endpoint.body.secret, r))).toBe(true);
    expect(
      receiver.received.some((r) => verifies(endpoint.body.secret, { ...r, body: r.body.replace('900', '901') })),
    ).toBe(false);
    const payload = JSON.parse(receiver.received[0]!.body);
    expect(payload).toMatchObject({
      type: 'alert.threshold_crossed',
      data: {
        id: incident.id,
        alertId: alert.body.id,
        reportData: { threshold: { value: 800 }, usage: { after: 900 } },
      },
    });
    expect(payload.data.reportData.webhooks).toBeUndefined();
    expect(payload.data.status).toBeUndefined();
    expect(receiver.received[0]!.body).toContain('"value":800}');

    // Deleted, the endpoint is sent nothing more.
    expect((await client.delete(`/webhooks/${endpoint.body.id}`)).status).toBe(200);
    expect((await client.get('/webhooks')).body.data.map((e: { id: string }) => e.id)).not.toContain(endpoint.body.id);
  });

  it('a receiver that never answers 2xx is retried on the schedule, then the delivery is DEAD and listed', async () => {
    const receiver = await startReceiver(Number.POSITIVE_INFINITY);
    receivers.push(receiver);
    const endpoint = await client.post('/webhooks', { url: receiver.url });
    const accountId = await accountWithPlan();
    const alert = await client.post('/alerts', {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { usageMeter: { id: meterId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { values: [10] } },
    });
    expect((await client.post('/ingest', { event: call(accountId, 10, 1) })).status).toBe(202);
    const dead = await eventually(
      () => client.get(`/incidents?alertId=${alert.body.id}&deliveryStatus=DEAD`),
      (r) => r.body?.data?.length === 1,
      30_000,
    );
    const deliveries = dead.body.data[0].reportData.webhooks.deliveries.filter(
      (d: { endpointId: string }) => d.endpointId === endpoint.body.id,
    );
    expect(deliveries).toEqual([
      {
        endpointId: endpoint.body.id,
        status: 'DEAD',
        attempts: 4,
        lastResponseStatus: 500,
        lastError: 'the endpoint answered 500',
      },
    ]);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);

    // The receiver is fixed; a manual redelivery sends the same message (same webhook-id) once more.
    receiver.state.failures = 0;
    const incidentId = dead.body.data[0].id;
    const redelivered = await client.post(`/incidents/${incidentId}/redeliver`);
    expect(redelivered.status).toBe(200);
    const delivered = await eventually(
      () => client.get(`/incidents/${incidentId}`),
      (r) =>
        r.body?.reportData?.webhooks?.deliveries?.find((d: { endpointId: string }) => d.endpointId === endpoint.body.id)
          ?.status === 'DELIVERED',
    );
    expect(
      delivered.body.reportData.webhooks.deliveries.find(
        (d: { endpointId: string }) => d.endpointId === endpoint.body.id,
      ),
    ).toEqual({
      endpointId: endpoint.body.id,
      status: 'DELIVERED',
      attempts: 1,
      lastResponseStatus: 204,
      deliveredAt: expect.any(String),
    });
    expect(receiver.received.map((r) => r.id)).toEqual(Array(5).fill(incidentId));
    expect((await client.post('/incidents/no-such-incident/redeliver')).status).toBe(404);
  });

  it("an account's revenue crossing a threshold is delivered once per crossing: a correction lowering it re-arms it, and the re-crossing is delivered again", async () => {
    const receiver = await startReceiver(0);
    receivers.push(receiver);
    const endpoint = await client.post('/webhooks', { url: receiver.url });
    const accountId = await accountWithPlan(); // 0.001 USD a token
    const alert = await client.post('/alerts', {
      alertTemplateId: 'REVENUE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { currency: { id: 'USD' } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { values: ['0.5'] } },
    });
    expect(alert.status, JSON.stringify(alert.body)).toBe(200);

    const meter = async (event: ReturnType<typeof call>) => {
      expect((await client.post('/ingest', { event })).status).toBe(202);
      expect(
        (
          await eventually(
            () => client.get(`/events/${event.id}`),
            (r) => r.status === 200,
          )
        ).status,
      ).toBe(200);
    };
    const crossing = call(accountId, 300, 2);
    await meter(call(accountId, 300, 1)); // 0.3 USD
    await meter(crossing); // 0.6: crosses 0.5
    // Sent again (a client's retry): accepted as a duplicate, rated nothing, fires nothing.
    expect((await client.post('/ingest', { event: crossing })).status).toBe(202);
    const undone = await client.post('/events/correction?action=UNDO', { event: crossing });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200); // 0.3: below 0.5 again
    await meter(call(accountId, 400, 3)); // 0.7: crosses 0.5 again

    const delivered = (r: {
      body?: { data?: { reportData?: { webhooks?: { deliveries?: { endpointId: string; status: string }[] } } }[] };
    }) =>
      r.body?.data?.length === 2 &&
      r.body.data.every(
        (i) =>
          i.reportData?.webhooks?.deliveries?.find((d) => d.endpointId === endpoint.body.id)?.status === 'DELIVERED',
      );
    const incidents = await eventually(() => client.get(`/incidents?alertId=${alert.body.id}`), delivered, 30_000);
    expect(
      incidents.body.data.map((i: { alertTemplateId: string; reportData: object }) => [
        i.alertTemplateId,
        i.reportData,
      ]),
    ).toEqual([
      [
        'REVENUE_THRESHOLD',
        expect.objectContaining({
          account: { id: accountId },
          currency: { id: 'USD' },
          threshold: { index: 0, value: 0.5 },
          revenue: { before: 0.3, after: 0.6 },
        }),
      ],
      [
        'REVENUE_THRESHOLD',
        expect.objectContaining({
          account: { id: accountId },
          currency: { id: 'USD' },
          threshold: { index: 0, value: 0.5 },
          revenue: { before: 0.3, after: 0.7 },
        }),
      ],
    ]);

    // One delivery per crossing, each under its own incident's webhook-id, each signature verifying.
    const ids = incidents.body.data.map((i: { id: string }) => i.id);
    expect(receiver.received.map((r) => r.id)).toEqual(ids);
    expect(receiver.received.every((r) => verifies(endpoint.body.secret, r))).toBe(true);
    expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({
      type: 'alert.threshold_crossed',
      data: { id: ids[1], alertTemplateId: 'REVENUE_THRESHOLD', reportData: { revenue: { before: 0.3, after: 0.7 } } },
    });
    expect((await client.delete(`/webhooks/${endpoint.body.id}`)).status).toBe(200);
  });

  it('a rotated secret signs beside the previous one for the window asked (both verify), and alone once the previous one is cut off', async () => {
    const receiver = await startReceiver(0);
    receivers.push(receiver);
    const endpoint = await client.post('/webhooks', { url: receiver.url });
    const first = endpoint.body.secret as string;
    const accountId = await accountWithPlan();
    const alert = await client.post('/alerts', {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { usageMeter: { id: meterId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { values: [10, 20] } },
    });
    const deliveredCount = async (n: number) =>
      eventually(
        () => client.get(`/incidents?alertId=${alert.body.id}&deliveryStatus=DELIVERED`),
        (r) =>
          r.body?.data?.filter(
            (i: { reportData: { webhooks: { deliveries: { endpointId: string; status: string }[] } } }) =>
              i.reportData.webhooks.deliveries.some(
                (d) => d.endpointId === endpoint.body.id && d.status === 'DELIVERED',
              ),
          ).length === n,
        30_000,
      );

    const rotated = await client.post(`/webhooks/${endpoint.body.id}/rotate_secret`);
    expect(rotated.status).toBe(200);
    const second = rotated.body.secret as string;
    expect(second).not.toBe(first);
    expect((await client.post('/ingest', { event: call(accountId, 10, 1) })).status).toBe(202); // crosses 10
    await deliveredCount(1);
    // During the rotation: the new secret's signature, then the previous one's — a receiver holding either verifies.
    expect(receiver.received).toHaveLength(1);
    const during = receiver.received[0]!;
    expect(during.signature).toBe(`${signatureWith(second, during)} ${signatureWith(first, during)}`);
    expect(verifies(first, during) && verifies(second, during)).toBe(true);

    const cut = await client.post(`/webhooks/${endpoint.body.id}/rotate_secret?overlapMinutes=0`);
    expect(cut.status).toBe(200);
    const third = cut.body.secret as string;
    expect((await client.post('/ingest', { event: call(accountId, 10, 2) })).status).toBe(202); // crosses 20
    await deliveredCount(2);
    expect(receiver.received).toHaveLength(2);
    const after = receiver.received[1]!;
    expect(after.signature).toBe(signatureWith(third, after));
    expect([verifies(first, after), verifies(second, after), verifies(third, after)]).toEqual([false, false, true]);

    expect((await client.post('/webhooks/whe.nope/rotate_secret')).status).toBe(404);
    expect((await client.delete(`/webhooks/${endpoint.body.id}`)).status).toBe(200);
  });

  it("a feature's balance falling through a threshold by /entitled debits is delivered once, signed, from the ledger", async () => {
    const receiver = await startReceiver(0);
    receivers.push(receiver);
    const endpoint = await client.post('/webhooks', { url: receiver.url });
    expect(endpoint.status).toBe(201);
    const feature = await client.post('/features', {
      name: unique('tokens'),
      schemaAssociations: [{ schemaName: schema, attributeName: 'tokens' }],
    });
    expect(feature.status).toBe(200);
    const featureId = feature.body.id as string;
    const accountId = unique('acct');
    const alert = await client.post('/alerts', {
      alertTemplateId: 'BALANCE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { feature: { id: featureId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { type: 'PERCENTAGE', values: [20], limit: 500 } },
    });
    expect(alert.status, JSON.stringify(alert.body)).toBe(200);
    const granted = await client.post(`/accounts/${accountId}/features/${featureId}/entries`, { granted: '500' });
    expect(granted.status).toBe(201);

    // 300, then 150 more (50 left: through 100, 20% of 500), then 30 (20 left: already below, nothing).
    for (const tokens of [300, 150, 30]) {
      const event = { ...call(accountId, tokens, 0), timestamp: new Date().toISOString() };
      const answer = await client.post('/entitled', { event });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.details.entitled).toBe(true);
    }
    const incidents = await eventually(
      () => client.get(`/incidents?alertId=${alert.body.id}`),
      (r) => r.body?.data?.[0]?.reportData?.webhooks?.deliveries?.[0]?.status === 'DELIVERED',
      30_000,
    );
    expect(incidents.body.data).toHaveLength(1);
    const [incident] = incidents.body.data;
    expect(incident).toMatchObject({
      alertId: alert.body.id,
      alertTemplateId: 'BALANCE_THRESHOLD',
      status: 'TRIGGERED',
    });
    expect(incident.reportData).toMatchObject({
      account: { id: accountId },
      feature: { id: featureId },
      threshold: { index: 0, value: 100 },
      balance: { before: 200, after: 50 },
    });
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.id).toBe(incident.id);
    expect(delivery && verifies(endpoint.body.secret, delivery)).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      type: 'alert.threshold_crossed',
      data: { id: incident.id, reportData: { feature: { id: featureId }, balance: { before: 200, after: 50 } } },
    });
    expect((await client.delete(`/webhooks/${endpoint.body.id}`)).status).toBe(200);
  });
});
