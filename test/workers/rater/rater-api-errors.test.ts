import { describe, expect, it } from 'vitest';
import { callRater, newTenant, type ApiAnswer } from './rater-api';

const schema = { name: 'api_calls', attributes: [{ name: 'bytes' }], dimensions: [{ name: 'region' }] };
const meter = { name: 'Calls', aggregation: 'COUNT', eventSchemaName: 'api_calls' };

/** A problem+json answer with this status and code, naming these fields. */
function expectProblem(answer: ApiAnswer, status: number, code: string, paths: string[] = []) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code });
  for (const path of paths) {
    expect(
      answer.body.errors?.map((e: { path: string }) => e.path),
      JSON.stringify(answer.body),
    ).toContain(path);
  }
}

async function tenantWithActiveMeter() {
  const p = await newTenant();
  await callRater(p, 'POST', '/event_schema', schema);
  await callRater(p, 'POST', '/event_schema/api_calls/activate');
  const m = (await callRater(p, 'POST', '/usage_meters', meter)).body;
  await callRater(p, 'POST', `/usage_meters/${m.id}/activate`);
  return { p, meterId: m.id as string };
}

describe('rater API in process — every refusal is problem+json naming the field', () => {
  it('refuses a malformed or invalid schema, a taken name, and a change to an archived one', async () => {
    const p = await newTenant();
    expectProblem(await callRater(p, 'POST', '/event_schema', '{"name":'), 400, 'malformed_json');
    expectProblem(await callRater(p, 'POST', '/event_schema', { attributes: [] }), 422, 'invalid_body', ['name']);
    expectProblem(await callRater(p, 'POST', '/event_schema', { ...schema, colour: 'red' }), 422, 'invalid_body');
    expect((await callRater(p, 'POST', '/event_schema', schema)).status).toBe(201);
    expectProblem(await callRater(p, 'POST', '/event_schema', schema), 409, 'event_schema_exists', ['name']);
    expectProblem(await callRater(p, 'GET', '/event_schema/nope'), 404, 'event_schema_not_found');
    expectProblem(
      await callRater(p, 'GET', '/event_schema/api_calls?version=7'),
      404,
      'event_schema_version_not_found',
    );
    await callRater(p, 'POST', '/event_schema/api_calls/activate');
    await callRater(p, 'POST', '/event_schema/api_calls/deactivate');
    await callRater(p, 'POST', '/event_schema/api_calls/archive');
    expectProblem(
      await callRater(p, 'PATCH', '/event_schema/api_calls', { description: 'x' }),
      409,
      'event_schema_archived',
    );
  });

  it('refuses a published schema losing a field, and deactivating a schema its ACTIVE meters use', async () => {
    const { p, meterId } = await tenantWithActiveMeter();
    const narrowed = await callRater(p, 'PATCH', '/event_schema/api_calls', { attributes: [] });
    expect(narrowed.status).toBe(422);
    expect(narrowed.body.code).toBe('invalid_event_schema');
    const inUse = await callRater(p, 'POST', '/event_schema/api_calls/deactivate');
    expectProblem(inUse, 409, 'event_schema_in_use', ['usageMeters']);
    expect(inUse.body.errors[0].message).toBe(meterId);
  });

  it('refuses a meter on a missing schema, a frozen definition change, and an unknown meter', async () => {
    const { p, meterId } = await tenantWithActiveMeter();
    expectProblem(
      await callRater(p, 'POST', '/usage_meters', { ...meter, name: 'Other', eventSchemaName: 'nope' }),
      422,
      'invalid_usage_meter',
      ['eventSchemaName'],
    );
    expectProblem(
      await callRater(p, 'PATCH', `/usage_meters/${meterId}`, { aggregation: 'SUM' }),
      409,
      'usage_meter_definition_frozen',
      ['aggregation'],
    );
    expectProblem(await callRater(p, 'POST', '/usage_meters', meter), 409, 'usage_meter_exists', ['name']);
    expectProblem(await callRater(p, 'GET', '/usage_meters/um.nope'), 404, 'usage_meter_not_found');
    expectProblem(await callRater(p, 'POST', `/usage_meters/${meterId}/archive`), 409, 'invalid_lifecycle_transition');
  });

  it('refuses a plan pricing an unknown meter or in an unknown currency, naming the field', async () => {
    const { p, meterId } = await tenantWithActiveMeter();
    const plan = {
      name: 'Pro',
      currency: 'USD',
      pricingCycle: { interval: 'MONTHLY' },
      usageRateCards: [{ usageMeterId: meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.01' }] }],
    };
    expectProblem(await callRater(p, 'POST', '/price_plans', { ...plan, currency: 'XXX' }), 422, 'invalid_body', [
      'currency',
    ]);
    expectProblem(
      await callRater(p, 'POST', '/price_plans', {
        ...plan,
        usageRateCards: [{ ...plan.usageRateCards[0], usageMeterId: 'um.nope' }],
      }),
      422,
      'invalid_price_plan',
      ['usageRateCards.0.usageMeterId'],
    );
    expectProblem(await callRater(p, 'GET', '/price_plans/pp.nope'), 404, 'price_plan_not_found');
    expectProblem(await callRater(p, 'GET', '/no_such_route'), 404, 'route_not_found');
  });

  it('refuses a revenue alert without its currency, on one Meterline does not know, or naming a meter, naming the field', async () => {
    const p = await newTenant();
    const alert = {
      alertTemplateId: 'REVENUE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      parameters: { threshold: { values: [100] } },
    };
    expectProblem(await callRater(p, 'POST', '/alerts', { ...alert, entityDetails: {} }), 422, 'invalid_body', [
      'entityDetails.currency',
    ]);
    expectProblem(
      await callRater(p, 'POST', '/alerts', { ...alert, entityDetails: { currency: { id: 'XXX' } } }),
      422,
      'invalid_body',
      ['entityDetails.currency.id'],
    );
    expectProblem(
      await callRater(p, 'POST', '/alerts', {
        ...alert,
        entityDetails: { currency: { id: 'USD' }, usageMeter: { id: 'um.1' } },
      }),
      422,
      'invalid_body',
      ['entityDetails.usageMeter'],
    );
    expect((await callRater(p, 'GET', '/alerts')).body.data).toEqual([]);
  });

  it('refuses to rotate the secret of no endpoint, or over a window out of range, naming the field', async () => {
    const p = await newTenant();
    expectProblem(await callRater(p, 'POST', '/webhooks/whe.nope/rotate_secret'), 404, 'webhook_endpoint_not_found');
    const endpoint = (await callRater(p, 'POST', '/webhooks', { url: 'https://hooks.example.com/in' })).body;
    for (const overlap of ['-1', '10081', '1.5', 'a day']) {
      expectProblem(
        await callRater(
          p,
          'POST',
          `/webhooks/${endpoint.id}/rotate_secret?overlapMinutes=${encodeURIComponent(overlap)}`,
        ),
        422,
        'invalid_query',
        ['overlapMinutes'],
      );
    }
    // Refused, nothing changed: no rotation is under way.
    expect((await callRater(p, 'GET', '/webhooks')).body.data[0].previousSecretExpiresAt).toBeUndefined();
  });

  it('refuses to read, enable, list the deliveries of or redeliver to no endpoint, a delivery the endpoint never had, and a bad page, naming the field', async () => {
    const p = await newTenant();
    for (const [method, path] of [
      ['GET', '/webhooks/whe.nope'],
      ['POST', '/webhooks/whe.nope/enable'],
      ['GET', '/webhooks/whe.nope/deliveries'],
      ['POST', '/webhooks/whe.nope/deliveries/inc-1/redeliver'],
    ] as const) {
      // A redelivery names the delivery it did not find: the endpoint has none of that message.
      const code = path.endsWith('/redeliver') ? 'webhook_delivery_not_found' : 'webhook_endpoint_not_found';
      expectProblem(await callRater(p, method, path), 404, code);
    }
    const endpoint = (await callRater(p, 'POST', '/webhooks', { url: 'https://hooks.example.com/in' })).body;
    expectProblem(
      await callRater(p, 'POST', `/webhooks/${endpoint.id}/deliveries/inc-1/redeliver`),
      404,
      'webhook_delivery_not_found',
    );
    for (const query of ['pageSize=0', 'pageSize=201', 'pageSize=ten']) {
      expectProblem(await callRater(p, 'GET', `/webhooks/${endpoint.id}/deliveries?${query}`), 422, 'invalid_query', [
        'pageSize',
      ]);
    }
    const forged = btoa(JSON.stringify({ after: '1' }));
    expectProblem(
      await callRater(p, 'GET', `/webhooks/${endpoint.id}/deliveries?nextToken=${forged}`),
      422,
      'invalid_query',
      ['nextToken'],
    );
    expectProblem(await callRater(p, 'GET', `/webhooks/${'w'.repeat(101)}`), 422, 'invalid_param', ['webhook_id']);
    expectProblem(
      await callRater(p, 'POST', `/webhooks/${endpoint.id}/deliveries/${'m'.repeat(101)}/redeliver`),
      422,
      'invalid_param',
      ['message_id'],
    );
  });

  it('refuses bad invoice list filters, naming each, and an unknown invoice', async () => {
    const p = await newTenant();
    expectProblem(await callRater(p, 'GET', '/invoices?status=FINISHED'), 422, 'invalid_query', ['status']);
    expectProblem(await callRater(p, 'GET', '/invoices?pageSize=0'), 422, 'invalid_query', ['pageSize']);
    expectProblem(await callRater(p, 'GET', '/invoices?pageSize=51'), 422, 'invalid_query', ['pageSize']);
    expectProblem(await callRater(p, 'GET', '/invoices?startTime=yesterday'), 422, 'invalid_query', ['startTime']);
    expectProblem(await callRater(p, 'GET', '/invoices?startTime=-1'), 422, 'invalid_query', ['startTime']);
    expectProblem(await callRater(p, 'GET', '/invoices?startTime=2000&endTime=1000'), 422, 'invalid_query', [
      'endTime',
    ]);
    expectProblem(await callRater(p, 'GET', '/invoices?nextToken=not-ours'), 422, 'invalid_query', ['nextToken']);
    expectProblem(await callRater(p, 'GET', '/invoices?accountId=acme'), 422, 'invalid_query');
    expectProblem(await callRater(p, 'GET', '/invoices/inv.nope'), 404, 'invoice_not_found');
    // Valid filters on a tenant without invoices: an empty page, not an error.
    expect(
      (await callRater(p, 'GET', '/invoices?status=DUE&ownerId=acme&startTime=1000&endTime=2000&pageSize=50')).body
        .data,
    ).toEqual([]);
  });

  it('refuses a bad account search or revenue split, naming the field', async () => {
    const p = await newTenant();
    expectProblem(await callRater(p, 'GET', '/accounts?search='), 422, 'invalid_query', ['search']);
    expectProblem(await callRater(p, 'GET', '/accounts?search=%20%20'), 422, 'invalid_query', ['search']);
    expectProblem(await callRater(p, 'GET', `/accounts?search=${'x'.repeat(256)}`), 422, 'invalid_query', ['search']);
    expectProblem(await callRater(p, 'GET', '/accounts?search=acme&pageSize=0'), 422, 'invalid_query', ['pageSize']);
    expectProblem(await callRater(p, 'GET', '/accounts?search=acme&nextToken=not-ours'), 422, 'invalid_query', [
      'nextToken',
    ]);
    const range = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z';
    expectProblem(await callRater(p, 'GET', `/revenue?${range}&groupBy=plan`), 422, 'invalid_query', ['groupBy']);
    expectProblem(
      await callRater(p, 'GET', `/revenue?${range}&groupBy=pricePlanId,pricePlanId`),
      422,
      'invalid_query',
      ['groupBy'],
    );
    expectProblem(await callRater(p, 'GET', `/revenue?${range}&pricePlanId=`), 422, 'invalid_query', ['pricePlanId']);
    expect((await callRater(p, 'GET', '/accounts?search=nobody')).body.data).toEqual([]);
  });
});
