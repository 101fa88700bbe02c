import { describe, expect, it } from 'vitest';
import { callRater, newTenant } from './rater-api';
import { markDisabled, seedDeliveries } from './webhook-fixtures';

const schema = { name: 'api_calls', attributes: [{ name: 'bytes' }], dimensions: [{ name: 'region' }] };
const meter = {
  name: 'Bytes',
  billableName: 'Bytes served',
  aggregation: 'SUM',
  eventSchemaName: 'api_calls',
  computations: [{ matcher: '{"==":[1,1]}', computation: '{"var":"attributes.bytes"}', order: 1 }],
};

describe('rater API in process — the happy paths', () => {
  it('a schema is created, published and versioned; a meter is defined on it, activated and renamed', async () => {
    const p = await newTenant();
    const created = await callRater(p, 'POST', '/event_schema', schema);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'api_calls', status: 'DRAFT', version: 1 });
    expect((await callRater(p, 'POST', '/event_schema/api_calls/activate')).body).toMatchObject({
      status: 'ACTIVE',
      version: 1,
    });

    // A published schema evolves by adding fields: a new version, the old one still readable.
    const evolved = await callRater(p, 'PATCH', '/event_schema/api_calls', {
      dimensions: [{ name: 'region' }, { name: 'plan' }],
    });
    expect(evolved.status).toBe(200);
    expect(evolved.body.version).toBe(2);
    expect((await callRater(p, 'GET', '/event_schema/api_calls?version=1')).body.dimensions).toEqual([
      { name: 'region' },
    ]);
    expect(
      (await callRater(p, 'GET', '/event_schema/api_calls/versions')).body.data.map(
        (v: { version: number }) => v.version,
      ),
    ).toEqual([1, 2]);

    const draft = await callRater(p, 'POST', '/usage_meters', meter);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ name: 'Bytes', status: 'DRAFT', aggregation: 'SUM' });
    const active = await callRater(p, 'POST', `/usage_meters/${draft.body.id}/activate`);
    expect(active.body.status).toBe('ACTIVE');
    const renamed = await callRater(p, 'PATCH', `/usage_meters/${draft.body.id}`, { name: 'Bytes out' });
    expect(renamed.body).toMatchObject({ name: 'Bytes out', aggregation: 'SUM', status: 'ACTIVE' });
    const withSchema = await callRater(p, 'GET', `/usage_meters/${draft.body.id}?includeSchema=true`);
    expect(withSchema.body.eventSchema).toMatchObject({ name: 'api_calls', version: 2 });

    const listed = await callRater(p, 'GET', '/usage_meters');
    expect(listed.body.data.map((m: { id: string }) => m.id)).toEqual([draft.body.id]);
  });

  it('a price plan is created on a meter, activated, and a new version read beside the first', async () => {
    const p = await newTenant();
    await callRater(p, 'POST', '/event_schema', schema);
    await callRater(p, 'POST', '/event_schema/api_calls/activate');
    const m = (await callRater(p, 'POST', '/usage_meters', meter)).body;
    await callRater(p, 'POST', `/usage_meters/${m.id}/activate`);
    const plan = {
      name: 'Pro',
      currency: 'USD',
      pricingCycle: { interval: 'MONTHLY' },
      usageRateCards: [{ usageMeterId: m.id, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.01' }] }],
    };
    const created = await callRater(p, 'POST', '/price_plans', plan);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ name: 'Pro', status: 'DRAFT', version: 1 });
    const activated = await callRater(p, 'POST', `/price_plans/${created.body.id}/activate`);
    expect(activated.body.status).toBe('ACTIVE');
    const revised = await callRater(p, 'PATCH', `/price_plans/${created.body.id}`, {
      usageRateCards: [{ ...plan.usageRateCards[0], slabs: [{ startAfter: '0', rate: '0.02' }] }],
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body.version).toBe(2);
    const first = await callRater(p, 'GET', `/price_plans/${created.body.id}?version=1`);
    expect(first.body.usageRateCards[0].slabs[0].rate).toBe('0.01');
    expect((await callRater(p, 'GET', `/price_plans/${created.body.id}`)).body.usageRateCards[0].slabs[0].rate).toBe(
      '0.02',
    );
  });

  it("a revenue alert is created on a currency, read back in Togai's shapes, and its template listed", async () => {
    const p = await newTenant();
    const body = {
      alertTemplateId: 'REVENUE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { currency: { id: 'EUR' } },
      ownerDetails: { account: { id: 'acme' } },
      parameters: { threshold: { type: 'PERCENTAGE', values: [50, 100], limit: '2000.50' } },
    };
    const created = await callRater(p, 'POST', '/alerts', body);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      alertTemplateId: 'REVENUE_THRESHOLD',
      version: 1,
      entityDetails: { currency: { id: 'EUR' } },
      ownerDetails: { account: { id: 'acme' } },
      parameters: { threshold: { type: 'PERCENTAGE', values: [50, 100], limit: 2000.5 } },
    });
    expect((await callRater(p, 'GET', `/alerts/${created.body.id}`)).body).toEqual(created.body);
    const template = await callRater(p, 'GET', '/alert_templates/REVENUE_THRESHOLD');
    expect(template.body).toMatchObject({ id: 'REVENUE_THRESHOLD', entityType: 'CURRENCY', ownerType: 'ACCOUNT' });
    expect((await callRater(p, 'GET', '/alert_templates')).body.data.map((t: { id: string }) => t.id)).toEqual([
      'USAGE_THRESHOLD',
      'REVENUE_THRESHOLD',
      'BALANCE_THRESHOLD',
    ]);
  });

  it("a webhook endpoint's secret is rotated: a new one answered once, the previous one signing beside it for the window asked, or not at all", async () => {
    const p = await newTenant();
    const created = await callRater(p, 'POST', '/webhooks', { url: 'https://hooks.example.com/in' });
    expect(created.status).toBe(201);
    expect(created.body.previousSecretExpiresAt).toBeUndefined();

    const rotated = await callRater(p, 'POST', `/webhooks/${created.body.id}/rotate_secret`);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body).toMatchObject({
      id: created.body.id,
      url: 'https://hooks.example.com/in',
      status: 'ACTIVE',
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(rotated.body.secret).not.toBe(created.body.secret);
    // The default window is a day; the list says until when the previous secret signs, never the secret.
    const [listed] = (await callRater(p, 'GET', '/webhooks')).body.data;
    expect(listed).toEqual({
      id: created.body.id,
      url: 'https://hooks.example.com/in',
      status: 'ACTIVE',
      createdAt: created.body.createdAt,
      previousSecretExpiresAt: rotated.body.previousSecretExpiresAt,
    });
    expect(Date.parse(listed.previousSecretExpiresAt)).toBeGreaterThan(
      Date.parse(created.body.createdAt) + 23 * 3_600_000,
    );

    const cut = await callRater(p, 'POST', `/webhooks/${created.body.id}/rotate_secret?overlapMinutes=0`);
    expect(cut.status).toBe(200);
    expect(cut.body.secret).not.toBe(rotated.body.secret);
    expect(cut.body.previousSecretExpiresAt).toBeUndefined();
    expect((await callRater(p, 'GET', '/webhooks')).body.data[0].previousSecretExpiresAt).toBeUndefined();
  });

  it('a webhook endpoint is read alone; its delivery log pages newest first; one message is redelivered; a disabled endpoint says why, and is enabled', async () => {
    const p = await newTenant();
    // Port 9 refuses at once: the pass a redelivery starts fails fast, after the answer is written.
    const created = (await callRater(p, 'POST', '/webhooks', { url: 'http://127.0.0.1:9/in', description: 'ops' }))
      .body;
    const { secret: _, ...endpoint } = created;
    expect((await callRater(p, 'GET', `/webhooks/${created.id}`)).body).toEqual(endpoint);

    await seedDeliveries(p.tenantId, created.id, [
      { messageId: 'inc-1', status: 'DELIVERED', attempts: 1 },
      { messageId: 'inc-2', status: 'DEAD', attempts: 8 },
      { messageId: 'inc-3', status: 'DELIVERED', attempts: 2 },
    ]);
    const first = await callRater(p, 'GET', `/webhooks/${created.id}/deliveries?pageSize=2`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.context).toEqual({ pageSize: 2, sortOrder: 'DESC' });
    expect(first.body.data).toEqual([
      {
        messageId: 'inc-3',
        eventType: 'alert.threshold_crossed',
        status: 'DELIVERED',
        attempts: 2,
        lastResponseStatus: 204,
        deliveredAt: expect.any(String),
        createdAt: expect.any(String),
      },
      {
        messageId: 'inc-2',
        eventType: 'alert.threshold_crossed',
        status: 'DEAD',
        attempts: 8,
        lastResponseStatus: 500,
        lastError: 'the endpoint answered 500',
        createdAt: expect.any(String),
      },
    ]);
    const second = await callRater(
      p,
      'GET',
      `/webhooks/${created.id}/deliveries?pageSize=2&nextToken=${first.body.nextToken}`,
    );
    expect(second.body.data.map((d: { messageId: string }) => d.messageId)).toEqual(['inc-1']);
    expect(second.body.nextToken).toBeUndefined();

    const redelivered = await callRater(p, 'POST', `/webhooks/${created.id}/deliveries/inc-2/redeliver`);
    expect(redelivered.status, JSON.stringify(redelivered.body)).toBe(200);
    expect(redelivered.body).toMatchObject({ messageId: 'inc-2', status: 'PENDING', attempts: 0 });

    await markDisabled(p.tenantId, created.id, 'every attempt failed');
    const disabled = (await callRater(p, 'GET', '/webhooks')).body.data[0];
    expect(disabled).toMatchObject({
      id: created.id,
      status: 'DISABLED',
      disabledReason: 'every attempt failed',
      disabledAt: expect.any(String),
      failingSince: expect.any(String),
    });
    const enabled = await callRater(p, 'POST', `/webhooks/${created.id}/enable`);
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    expect(enabled.body).toEqual(endpoint);
    // Enabling an ACTIVE endpoint changes nothing.
    const again = await callRater(p, 'POST', `/webhooks/${created.id}/enable`);
    expect(again.body).toEqual((await callRater(p, 'GET', `/webhooks/${created.id}`)).body);
    expect(again.body.status).toBe('ACTIVE');
  });
});
