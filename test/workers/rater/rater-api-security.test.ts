import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { freezeAccountInvoices } from '../../../rater/services/freeze-invoices';
import { callRater, newTenant } from './rater-api';
import { markDisabled, seedDeliveries } from './webhook-fixtures';

const schema = { name: 'api_calls', attributes: [{ name: 'bytes' }], dimensions: [] };

describe('rater API in process — one tenant never reaches another', () => {
  it('what tenant A defines is not found, listed, changed or moved by tenant B, even by its exact id', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await callRater(a, 'POST', '/event_schema', schema);
    await callRater(a, 'POST', '/event_schema/api_calls/activate');
    const meter = (
      await callRater(a, 'POST', '/usage_meters', { name: 'Calls', aggregation: 'COUNT', eventSchemaName: 'api_calls' })
    ).body;
    const plan = (
      await callRater(a, 'POST', '/price_plans', {
        name: 'Pro',
        currency: 'USD',
        pricingCycle: { interval: 'MONTHLY' },
        usageRateCards: [{ usageMeterId: meter.id, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
      })
    ).body;

    for (const [method, path, body] of [
      ['GET', '/event_schema/api_calls'],
      ['PATCH', '/event_schema/api_calls', { description: 'taken over' }],
      ['POST', '/event_schema/api_calls/deactivate'],
      ['GET', `/usage_meters/${meter.id}`],
      ['PATCH', `/usage_meters/${meter.id}`, { name: 'taken over' }],
      ['POST', `/usage_meters/${meter.id}/activate`],
      ['GET', `/price_plans/${plan.id}`],
      ['PATCH', `/price_plans/${plan.id}`, { name: 'taken over' }],
      ['POST', `/price_plans/${plan.id}/activate`],
    ] as const) {
      const answer = await callRater(b, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    for (const path of ['/event_schema', '/usage_meters', '/price_plans']) {
      expect((await callRater(b, 'GET', path)).body.data, path).toEqual([]);
    }
    // B may use A's names for its own: names are per tenant.
    expect((await callRater(b, 'POST', '/event_schema', schema)).status).toBe(201);

    // A's objects are as A left them.
    const aSchema = (await callRater(a, 'GET', '/event_schema/api_calls')).body;
    expect(aSchema).toMatchObject({ status: 'ACTIVE', version: 1 });
    expect(aSchema.description ?? null).toBeNull();
    expect((await callRater(a, 'GET', `/usage_meters/${meter.id}`)).body).toMatchObject({
      name: 'Calls',
      status: 'DRAFT',
    });
    expect((await callRater(a, 'GET', `/price_plans/${plan.id}`)).body).toMatchObject({ name: 'Pro', status: 'DRAFT' });
  });

  it("B cannot rotate A's webhook secret, even by its exact id", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const endpoint = (await callRater(a, 'POST', '/webhooks', { url: 'https://hooks.example.com/a' })).body;
    expect((await callRater(b, 'POST', `/webhooks/${endpoint.id}/rotate_secret`)).status).toBe(404);
    expect((await callRater(b, 'GET', '/webhooks')).body.data).toEqual([]);
    // A's endpoint is as A left it: no rotation under way.
    expect((await callRater(a, 'GET', '/webhooks')).body.data).toEqual([
      { id: endpoint.id, url: 'https://hooks.example.com/a', status: 'ACTIVE', createdAt: endpoint.createdAt },
    ]);
  });

  it("B neither reads, enables, pages through nor redelivers A's webhook endpoint and its deliveries, even by id or page token", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const endpoint = (await callRater(a, 'POST', '/webhooks', { url: 'https://hooks.example.com/a' })).body;
    await seedDeliveries(a.tenantId, endpoint.id, [
      { messageId: 'inc-1', status: 'DEAD', attempts: 8 },
      { messageId: 'inc-2', status: 'HELD', attempts: 3 },
    ]);
    await markDisabled(a.tenantId, endpoint.id, 'every attempt failed');
    const page = (await callRater(a, 'GET', `/webhooks/${endpoint.id}/deliveries?pageSize=1`)).body;
    expect(page.nextToken).toBeDefined();
    expect((await callRater(b, 'GET', `/webhooks/${endpoint.id}`)).status).toBe(404);
    expect((await callRater(b, 'POST', `/webhooks/${endpoint.id}/enable`)).status).toBe(404);
    expect((await callRater(b, 'GET', `/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
    expect((await callRater(b, 'POST', `/webhooks/${endpoint.id}/deliveries/inc-1/redeliver`)).status).toBe(404);
    // B's own endpoint, with A's page token: not a token this API gave B.
    const own = (await callRater(b, 'POST', '/webhooks', { url: 'https://hooks.example.com/b' })).body;
    expect((await callRater(b, 'GET', `/webhooks/${own.id}/deliveries?nextToken=${page.nextToken}`)).status).toBe(422);
    expect((await callRater(b, 'POST', `/webhooks/${own.id}/deliveries/inc-1/redeliver`)).status).toBe(404);
    // A's endpoint is as A left it: DISABLED, its deliveries untouched.
    expect((await callRater(a, 'GET', `/webhooks/${endpoint.id}`)).body.status).toBe('DISABLED');
    expect(
      (await callRater(a, 'GET', `/webhooks/${endpoint.id}/deliveries`)).body.data.map(
        (d: { messageId: string; status: string; attempts: number }) => [d.messageId, d.status, d.attempts],
      ),
    ).toEqual([
      ['inc-2', 'HELD', 3],
      ['inc-1', 'DEAD', 8],
    ]);
  });

  it('a principal the edge did not authenticate properly is refused before any database work', async () => {
    const a = await newTenant();
    const forged = { ...a, tenantId: '' };
    await expect(callRater(forged, 'GET', '/event_schema')).rejects.toThrow();
  });

  it("tenant B neither reads, lists nor pages through tenant A's invoices, even by id, account or page token", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await callRater(a, 'POST', '/event_schema', schema);
    await callRater(a, 'POST', '/event_schema/api_calls/activate');
    const meter = (
      await callRater(a, 'POST', '/usage_meters', { name: 'Calls', aggregation: 'COUNT', eventSchemaName: 'api_calls' })
    ).body;
    const plan = (
      await callRater(a, 'POST', '/price_plans', {
        name: 'Pro',
        currency: 'USD',
        pricingCycle: { interval: 'MONTHLY', startOffset: { dayOffset: 1, monthOffset: 1 }, gracePeriod: 0 },
        usageRateCards: [{ usageMeterId: meter.id, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
        fixedFees: [{ name: 'Seat', amount: '9' }],
      })
    ).body;
    expect((await callRater(a, 'POST', `/price_plans/${plan.id}/activate`)).status).toBe(200);
    expect(
      (
        await callRater(a, 'POST', '/accounts/acme/price_plans', {
          pricePlanId: plan.id,
          effectiveFrom: '2026-07-01T00:00:00Z',
        })
      ).status,
    ).toBe(200);
    const { db, pool } = connect(env);
    try {
      // July and August, frozen as of 1 September 2026 (after the raw-event watermark other suites raise).
      expect(await freezeAccountInvoices(db, a.tenantId, 'acme', Date.parse('2026-09-01T00:00:00Z'))).toBe(2);
    } finally {
      await pool.end();
    }
    const first = (await callRater(a, 'GET', '/invoices?pageSize=1')).body;
    expect(first.data).toHaveLength(1);
    const id = first.data[0].id;

    expect((await callRater(b, 'GET', `/invoices/${id}`)).status).toBe(404);
    expect((await callRater(b, 'GET', '/invoices')).body.data).toEqual([]);
    expect((await callRater(b, 'GET', '/invoices?ownerId=acme')).body.data).toEqual([]);
    expect((await callRater(b, 'GET', `/invoices?nextToken=${first.nextToken}`)).status).toBe(422);
    // A's invoices are as frozen, numbered in A's own sequence.
    expect((await callRater(a, 'GET', `/invoices/${id}`)).body).toMatchObject({
      ownerId: 'acme',
      sequenceId: '1',
      totalAmount: 9,
    });
    expect(
      (await callRater(a, 'GET', `/invoices?nextToken=${first.nextToken}`)).body.data.map(
        (i: { sequenceId: string }) => i.sequenceId,
      ),
    ).toEqual(['2']);
  });
});
