import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ALERT_CONTRACT_TESTED, CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Togai's AlertsApi, each call made as Togai's client makes it and checked against Togai's own
 * models (test/contract/). Meterline's alerts fire in real time from metering; delivery as
 * webhooks is test/e2e/webhooks.test.ts.
 */
afterAll(() => {
  expect(ALERT_CONTRACT_TESTED.filter((name) => !CONTRACT_TESTED.has(name) || !checkedOperations.has(name))).toEqual(
    [],
  );
});

const cycle = openMonthlyCycle();
let key: string;
let meterId: string;
let schema: string;
beforeAll(async () => {
  key = (await createTenant('togai_alerts')).key;
  const client = api(key);
  schema = unique('requests');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] })).status).toBe(201);
  expect((await client.post(`/event_schema/${schema}/activate`)).status).toBe(200);
  meterId = (
    await client.post('/usage_meters', {
      name: unique('count'),
      aggregation: 'COUNT',
      eventSchemaName: schema,
      filters: [],
    })
  ).body.id;
  expect((await client.post(`/usage_meters/${meterId}/activate`)).status).toBe(200);
});

const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);

describe("Togai's AlertsApi", () => {
  it('lists and gets the alert templates', async () => {
    const templates = await togai('get_alert_templates');
    expect(templates.body.data.map((t: { id: string }) => t.id)).toEqual([
      'USAGE_THRESHOLD',
      'REVENUE_THRESHOLD',
      'BALANCE_THRESHOLD',
    ]);
    expect((await togai('get_alert_template', { params: { alert_template_id: 'USAGE_THRESHOLD' } })).body).toEqual(
      templates.body.data[0],
    );
  });

  it('creates, lists and updates an alert; its crossing is an incident, listed and read', async () => {
    const client = api(key);
    const accountId = unique('acct');
    const plan = await client.post('/price_plans', {
      name: unique('plan'),
      currency: 'USD',
      pricingCycle: cycle.pricingCycle,
      usageRateCards: [{ usageMeterId: meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
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

    const body = {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 60,
      status: 'ACTIVE',
      description: 'Two calls',
      entityDetails: { usageMeter: { id: meterId } },
      ownerDetails: { account: { id: accountId } },
      parameters: { threshold: { type: 'ABSOLUTE', values: [5] } },
    };
    const created = await togai('create_alert', { body });
    expect(created.body).toMatchObject({ ...body, id: expect.stringMatching(/^alert\./), version: 1 });
    const updated = await togai('update_alert', {
      params: { alert_id: created.body.id },
      body: { parameters: { threshold: { values: [2] } } },
    });
    expect(updated.body).toMatchObject({
      id: created.body.id,
      version: 2,
      parameters: { threshold: { type: 'ABSOLUTE', values: [2] } },
    });
    const listed = await togai('list_alerts');
    expect(listed.body.data.map((a: { id: string }) => a.id)).toContain(created.body.id);

    for (const hour of [1, 2]) {
      const event = {
        id: unique('req'),
        schemaName: schema,
        timestamp: new Date(cycle.start + hour * 3_600_000).toISOString(),
        accountId,
        attributes: [{ name: 'units', value: '1' }],
      };
      expect((await client.post('/ingest', { event })).status).toBe(202);
    }
    const incidents = await eventually(
      () => client.get('/incidents'),
      (r) => r.body?.data?.length === 1,
    );
    expect(incidents.status).toBe(200);
    const page = await togai('get_incidents');
    expect(page.body.data).toHaveLength(1);
    const [incident] = page.body.data;
    expect(incident).toMatchObject({
      alertId: created.body.id,
      alertVersion: 2,
      alertTemplateId: 'USAGE_THRESHOLD',
      status: 'TRIGGERED',
      reportData: { account: { id: accountId }, threshold: { value: 2 }, usage: { after: 2 } },
    });
    expect((await togai('get_incident', { params: { incident_id: incident.id } })).body).toEqual(incident);

    const resolved = await togai('update_incident_status', {
      params: { incident_id: incident.id },
      body: { status: 'RESOLVED' },
    });
    expect(resolved.body).toEqual({ ...incident, status: 'RESOLVED', updatedAt: expect.any(String) });
    expect((await togai('get_incident', { params: { incident_id: incident.id } })).body.status).toBe('RESOLVED');
    const refused = await client.put(`/incidents/${incident.id}/status`, { status: 'CLOSED' });
    expect(refused).toMatchObject({ status: 422, body: { errors: [{ path: 'status' }] } });
  });

  it('refuses an alert on no meter, or a percentage without a limit, naming the field', async () => {
    const client = api(key);
    const base = {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      parameters: { threshold: { values: [1] } },
    };
    const noMeter = await client.post('/alerts', { ...base, entityDetails: { usageMeter: { id: 'um.none' } } });
    expect(noMeter.status).toBe(404);
    expect(noMeter.body.errors).toEqual([
      { path: 'entityDetails.usageMeter.id', message: 'names no usage meter of this tenant' },
    ]);
    const noLimit = await client.post('/alerts', {
      ...base,
      entityDetails: { usageMeter: { id: meterId } },
      parameters: { threshold: { type: 'PERCENTAGE', values: [50] } },
    });
    expect(noLimit.status).toBe(422);
    expect(noLimit.body.errors).toEqual([
      { path: 'parameters.threshold.limit', message: 'is needed when type is PERCENTAGE' },
    ]);
  });

  it('gets and deletes one alert (Meterline extensions); its incidents stay', async () => {
    const client = api(key);
    const created = await client.post('/alerts', {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'INACTIVE',
      entityDetails: { usageMeter: { id: meterId } },
      parameters: { threshold: { values: [1] } },
    });
    expect((await client.get(`/alerts/${created.body.id}`)).body).toEqual(created.body);
    expect((await client.delete(`/alerts/${created.body.id}`)).body).toEqual({ success: true });
    expect((await client.get(`/alerts/${created.body.id}`)).status).toBe(404);
    expect((await client.delete(`/alerts/${created.body.id}`)).status).toBe(404);
  });
});
