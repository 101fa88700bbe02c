import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';
import { type Received, signatureWith, startReceiver, verifies } from '../support/webhook-receiver';

/**
 * Alerts delivered as signed webhooks (issue 19), end to end: a real HTTP receiver on this
 * machine, the stack's rater POSTing to it. The stack retries 1 s apart, three times
 * (test/support/stack-setup.ts), so recovery and death take seconds, not the day of the default.
 */
const HOUR = 3_600_000;
const cycle = openMonthlyCycle();

type Client = ReturnType<typeof api>;
let client: Client;
let schema: string;
let meterId: string;
const receivers: { close: () => Promise<void> }[] = [];

/** A tenant of its own with an ACTIVE schema and a meter summing its events' tokens. */
async function tenantWithMeter(prefix: string) {
  const tenant = api((await createTenant(prefix)).key);
  const schemaName = unique('calls');
  expect((await tenant.post('/event_schema', { name: schemaName, attributes: [{ name: 'tokens' }] })).status).toBe(201);
  expect((await tenant.post(`/event_schema/${schemaName}/activate`)).status).toBe(200);
  const meter = await tenant.post('/usage_meters', {
    name: unique('tokens'),
    aggregation: 'SUM',
    eventSchemaName: schemaName,
    filters: [],
    computations: [{ computation: '{"var":"attributes.tokens"}', order: 1 }],
  });
  expect((await tenant.post(`/usage_meters/${meter.body.id}/activate`)).status).toBe(200);
  return { client: tenant, schema: schemaName, meterId: meter.body.id as string };
}

beforeAll(async () => {
  ({ client, schema, meterId } = await tenantWithMeter('webhooks'));
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

/** An account on a plan pricing the meter (usage alerts watch the billing cycle). */
async function accountWithPlan(tenant = { client, meterId }) {
  const accountId = unique('acct');
  const plan = await tenant.client.post('/price_plans', {
    name: unique('plan'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    usageRateCards: [
      { usageMeterId: tenant.meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.001' }] },
    ],
  });
  expect((await tenant.client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
  expect(
    (
      await tenant.client.post(`/accounts/${accountId}/price_plans`, {
        pricePlanId: plan.body.id,
        effectiveFrom: new Date(cycle.start).toISOString(),
      })
    ).status,
  ).toBe(200);
  return accountId;
}

const call = (accountId: string, tokens: number, hour: number, schemaName = schema) => ({
  id: unique('call'),
  schemaName,
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

  it('an endpoint whose receiver stays down is disabled; the other endpoint is told once; enabled, it is sent what it held, once each', async () => {
    // A tenant of its own: the notice goes to every other endpoint of the tenant.
    const tenant = await tenantWithMeter('webhook-health');
    const down = await startReceiver(Number.POSITIVE_INFINITY);
    const up = await startReceiver(0);
    receivers.push(down, up);
    const failing = (await tenant.client.post('/webhooks', { url: down.url, description: 'down' })).body;
    const healthy = (await tenant.client.post('/webhooks', { url: up.url, description: 'up' })).body;
    const accountId = await accountWithPlan(tenant);
    const alert = await tenant.client.post('/alerts', {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { usageMeter: { id: tenant.meterId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] } },
    });
    expect(alert.status).toBe(200);
    type Delivery = { messageId: string; eventType: string; status: string; attempts: number };
    const deliveriesOf = async (endpointId: string): Promise<Delivery[]> =>
      (await tenant.client.get(`/webhooks/${endpointId}/deliveries`)).body.data;
    let crossings = 0;
    /** 10 tokens: the next threshold crossed; answers once the down endpoint's delivery of it has settled, or is HELD. */
    const cross = async () => {
      crossings += 1;
      expect(
        (await tenant.client.post('/ingest', { event: call(accountId, 10, crossings, tenant.schema) })).status,
      ).toBe(202);
      const settled = await eventually(
        () => deliveriesOf(failing.id),
        (log) => log.length === crossings && ['DEAD', 'HELD'].includes(log[0]?.status ?? ''),
        30_000,
      );
      expect(settled).toHaveLength(crossings);
    };

    // Each crossing's delivery fails four times in ~3 s; the endpoint is disabled once it has failed
    // for 8 s on end (the stack's WEBHOOK_DISABLE_AFTER_SECONDS): within three crossings.
    for (let round = 0; round < 4; round++) {
      await cross();
      if ((await tenant.client.get(`/webhooks/${failing.id}`)).body.status === 'DISABLED') {
        break;
      }
    }
    const disabled = (await tenant.client.get(`/webhooks/${failing.id}`)).body;
    expect(disabled).toMatchObject({
      id: failing.id,
      status: 'DISABLED',
      failingSince: expect.any(String),
      disabledAt: expect.any(String),
      disabledReason: expect.stringContaining('the last: the endpoint answered 500'),
    });
    expect((await tenant.client.get('/webhooks')).body.data.find((e: { id: string }) => e.id === failing.id)).toEqual(
      disabled,
    );
    // A crossing while it is disabled is held for it, not attempted.
    const attemptsWhileUp = down.received.length;
    await cross();
    expect(down.received).toHaveLength(attemptsWhileUp);
    const held = (await deliveriesOf(failing.id)).filter((d) => d.status === 'HELD').map((d) => d.messageId);
    expect(held.length).toBeGreaterThanOrEqual(1);

    // The notice: to the healthy endpoint, once, signed with its secret; in its delivery log.
    const noticed = await eventually(
      () => deliveriesOf(healthy.id),
      (log) => log.some((d) => d.eventType === 'endpoint.disabled' && d.status === 'DELIVERED'),
    );
    const notice = noticed.find((d) => d.eventType === 'endpoint.disabled');
    const notices = up.received.filter((r) => JSON.parse(r.body).type === 'endpoint.disabled');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.id).toBe(notice?.messageId);
    expect(verifies(healthy.secret, notices[0] as Received)).toBe(true);
    expect(JSON.parse(notices[0]?.body ?? '{}')).toEqual({
      type: 'endpoint.disabled',
      timestamp: disabled.disabledAt,
      data: {
        endpointId: failing.id,
        url: down.url,
        description: 'down',
        failingSince: disabled.failingSince,
        disabledAt: disabled.disabledAt,
        reason: disabled.disabledReason,
      },
    });
    expect(down.received.some((r) => JSON.parse(r.body).type === 'endpoint.disabled')).toBe(false);

    // The receiver is back; enabled, the endpoint is sent what it held — each once, under its incident's webhook-id.
    down.state.failures = 0;
    const before = down.received.length;
    const enabled = await tenant.client.post(`/webhooks/${failing.id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toEqual({
      id: failing.id,
      url: down.url,
      description: 'down',
      status: 'ACTIVE',
      createdAt: failing.createdAt,
    });
    const after = await eventually(
      () => deliveriesOf(failing.id),
      (log) => held.every((id) => log.find((d) => d.messageId === id)?.status === 'DELIVERED'),
      30_000,
    );
    for (const id of held) {
      expect(after.find((d) => d.messageId === id)).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    }
    const resent = down.received.slice(before);
    expect(resent.map((r) => r.id).sort()).toEqual([...held].sort());
    expect(resent.every((r) => verifies(failing.secret, r))).toBe(true);
    // The healthy endpoint had every crossing once, and the notice once.
    await eventually(
      () => deliveriesOf(healthy.id),
      (log) => log.length === crossings + 1 && log.every((d) => d.status === 'DELIVERED'),
    );
    expect(up.received.filter((r) => JSON.parse(r.body).type === 'endpoint.disabled')).toHaveLength(1);
    expect(new Set(up.received.map((r) => r.id)).size).toBe(up.received.length);
    expect(up.received).toHaveLength(crossings + 1);
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
