import { describe, expect, it } from 'vitest';
import { api, eventually, unique } from '../support/api-client';

/**
 * README's 60-second tour, step for step, against the running local stack: if this passes, the
 * curl commands a new user copies work.
 */
describe('the README tour', () => {
  it('creates a schema and a SUM meter, ingests, reads the value back (a resend changes nothing), checks entitlements, and states a priced cycle', async () => {
    const client = api();
    const schemaName = unique('api_calls');
    const account = unique('acme');

    const schema = await client.post('/event_schema', {
      name: schemaName,
      description: 'One API request served',
      attributes: [{ name: 'response_bytes', defaultUnit: 'bytes' }],
      dimensions: [{ name: 'region' }, { name: 'endpoint' }],
    });
    expect(schema).toMatchObject({ status: 201, body: { name: schemaName, status: 'DRAFT', version: 1 } });
    expect((await client.post(`/event_schema/${schemaName}/activate`)).body.status).toBe('ACTIVE');

    const meter = await client.post('/usage_meters', {
      name: unique('bytes_out'),
      aggregation: 'SUM',
      eventSchemaName: schemaName,
      computations: [{ computation: '{"var":"attributes.response_bytes"}', order: 1 }],
    });
    expect(meter).toMatchObject({ status: 201, body: { status: 'DRAFT', aggregation: 'SUM' } });
    const meterId: string = meter.body.id;
    expect((await client.post(`/usage_meters/${meterId}/activate`)).body.status).toBe('ACTIVE');

    const timestamp = new Date().toISOString();
    const event = {
      id: unique('evt'),
      schemaName,
      timestamp,
      accountId: account,
      attributes: [{ name: 'response_bytes', value: '1500.25' }],
      dimensions: { region: 'eu', endpoint: '/v1/things' },
    };
    const first = await client.post('/ingest', { event });
    expect(first).toMatchObject({
      status: 202,
      body: { success: true, details: { eventId: event.id, status: 'ACCEPTED' } },
    });
    const second = await client.post('/ingest', {
      event: { ...event, id: unique('evt'), attributes: [{ name: 'response_bytes', value: '0.75' }] },
    });
    expect(second.status).toBe(202);

    const from = new Date(Date.now() - 3600_000).toISOString().slice(0, 14) + '00:00Z';
    const to = new Date(Date.now() + 3600_000).toISOString().slice(0, 14) + '00:00Z';
    const usagePath = `/usage?meterId=${meterId}&accountId=${account}&from=${from}&to=${to}`;
    const usage = await eventually(
      () => client.get(usagePath),
      (r) => r.body?.value === '1501',
    );
    expect(usage).toMatchObject({ status: 200, body: { meterId, aggregation: 'SUM', value: '1501' } });

    // The same event again: 202 as Togai answers a retry, reported as a duplicate, never counted twice.
    const resend = await client.post('/ingest', { event });
    expect(resend).toMatchObject({
      status: 202,
      body: { success: true, statusCode: 202, details: { status: 'DUPLICATE', eventId: event.id } },
    });
    await new Promise((r) => setTimeout(r, 2000));
    expect((await client.get(usagePath)).body.value).toBe('1501');

    // Windows follow the requested zone's calendar: an IST hour starts at :30 UTC.
    const windowed = await client.get(`${usagePath}&window=HOUR&timeZone=Asia/Kolkata`);
    expect(windowed.body.data).toHaveLength(1);
    expect(windowed.body.data[0]).toMatchObject({ value: '1501' });
    expect(windowed.body.data[0].from).toMatch(/:30:00\.000Z$/);

    // Entitlements: a count-style feature on the schema, 2 credits, three calls to /entitled.
    const feature = await client.post('/features', {
      name: unique('api_requests'),
      schemaAssociations: [{ schemaName }],
    });
    expect(feature).toMatchObject({ status: 200, body: { status: 'ACTIVE' } });
    const featurePath = `/accounts/${account}/features/${feature.body.id}`;
    expect((await client.post(`${featurePath}/entries`, { granted: 2 })).body).toMatchObject({
      granted: 2,
      balance: 2,
    });
    const answers = [];
    for (let i = 1; i <= 3; i++) {
      const entitledEvent = {
        id: unique('req'),
        schemaName,
        timestamp: new Date().toISOString(),
        accountId: account,
        attributes: [{ name: 'response_bytes', value: '10' }],
      };
      answers.push(await client.post('/entitled', { event: entitledEvent }));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 403]);
    expect(answers[2]!.body.details).toMatchObject({ entitled: false, reason: 'INSUFFICIENT_CREDITS' });
    expect((await client.get(featurePath)).body).toMatchObject({ granted: 2, balance: 0 });

    // The two entitled events (10 bytes each) are metered before the plan exists.
    await eventually(
      () => client.get(usagePath),
      (r) => r.body?.value === '1521',
    );

    // A price plan on the meter: 5 cents per started 1000 bytes and a 10 USD base fee.
    const plan = await client.post('/price_plans', {
      name: unique('bytes_plan'),
      currency: 'USD',
      pricingCycle: { interval: 'MONTHLY' },
      usageRateCards: [
        {
          usageMeterId: meterId,
          pricingModel: 'PACKAGE',
          packageSize: '1000',
          slabs: [{ startAfter: '0', rate: '0.05' }],
        },
      ],
      fixedFees: [{ name: 'Base fee', amount: '10' }],
    });
    expect(plan).toMatchObject({ status: 200, body: { status: 'DRAFT' } });
    expect((await client.post(`/price_plans/${plan.body.id}/activate`)).body.status).toBe('ACTIVE');
    // From the start of the month, as Togai takes it (a date: 00:00 UTC): the usage metered since then is rated too.
    const monthStart = `${new Date().toISOString().slice(0, 8)}01`;
    const associated = await client.post(`/accounts/${account}/price_plans`, {
      pricePlanId: plan.body.id,
      effectiveFrom: monthStart,
      effectiveUntil: '9999-01-01',
    });
    expect(associated).toMatchObject({
      status: 200,
      body: {
        accountId: account,
        pricingSchedules: [
          { pricePlanId: plan.body.id, startDate: `${monthStart}T00:00:00Z`, endDate: '9999-01-01T00:00:00Z' },
        ],
      },
    });
    const rated = {
      id: unique('req'),
      schemaName,
      timestamp: new Date().toISOString(),
      accountId: account,
      attributes: [{ name: 'response_bytes', value: '2500' }],
    };
    expect((await client.post('/ingest', { event: rated })).status).toBe(202);
    // 1521 + 2500 bytes start 5 packages: 0.25 + the 10.00 base fee.
    const statement = await eventually(
      () => client.get(`/accounts/${account}/statement`),
      (r) => r.body?.totals?.[0]?.amount === '10.25',
    );
    expect(statement.body).toMatchObject({ status: 'OPEN', totals: [{ currency: 'USD', amount: '10.25' }] });
    expect(statement.body.plans[0].usageLines[0]).toMatchObject({ usage: '4021', amount: '0.25' });

    // Usage through /ingest consumes the feature whatever is left: one past the balance, as overage.
    await eventually(
      () => client.get(featurePath),
      (r) => r.body?.balance === -1,
    );
    expect((await client.get(featurePath)).body).toMatchObject({ granted: 2, balance: -1, usedOverage: 1 });

    // A correction: the 2500-byte event was sent by mistake. UNDO takes it out of usage and revenue
    // at once, and gives back the credit it consumed within seconds.
    const undone = await client.post('/events/correction?action=UNDO', { event: rated });
    expect(undone).toMatchObject({
      status: 200,
      body: { data: [{ referenceId: rated.id, status: 'REVERTED', ingestionStatus: { status: 'REVERTED' } }] },
    });
    const corrected = await client.get(`/accounts/${account}/statement`);
    expect(corrected.body).toMatchObject({ totals: [{ currency: 'USD', amount: '10.10' }] });
    expect(corrected.body.plans[0].usageLines[0]).toMatchObject({ usage: '1521', amount: '0.10' });
    await eventually(
      () => client.get(featurePath),
      (r) => r.body?.balance === 0,
    );
    expect((await client.get(featurePath)).body).toMatchObject({ granted: 2, balance: 0, usedOverage: 0 });
    // The same UNDO again changes nothing, credits included.
    expect((await client.post('/events/correction?action=UNDO', { event: rated })).status).toBe(200);
    const features = await client.get(`/accounts/${account}/features/${feature.body.id}/entries`);
    expect(features.body.data).toMatchObject([{ granted: 2, used: 2 }]);
  });
});
