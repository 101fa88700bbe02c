import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PRICE_PLAN_CONTRACT_TESTED } from '../contract/togai-compatibility';
import { callTogai, checkedOperations } from '../contract/togai-operations';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Togai's PricePlanV2Api called as Togai's client calls it, answers checked against Togai's models
 * (test/contract/), on a tenant of its own; then what a v2 plan does once finalized: it rates each
 * account in the currency it is invoiced in.
 */
afterAll(() => {
  expect(PRICE_PLAN_CONTRACT_TESTED.filter((name) => !checkedOperations.has(name))).toEqual([]);
});

let key: string;
let client: ReturnType<typeof api>;
let meter: string;
let schema: string;
const togai = (name: string, request?: Parameters<typeof callTogai>[3]) =>
  callTogai(inject('stackUrl'), key, name, request);
const cycle = openMonthlyCycle();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const pricingCycleConfig = {
  interval: 'MONTHLY',
  startOffset: { dayOffset: String(cycle.pricingCycle.startOffset.dayOffset), monthOffset: '1' },
  gracePeriod: 2,
};

/** A tiered usage card for `meter`, in the currencies given: 0–1000 calls, then beyond. */
const usageCard = (rates: Record<string, [number | string, number | string]>) => ({
  billableId: meter,
  type: 'USAGE',
  displayName: 'API calls',
  invoiceTiming: 'IN_ARREARS',
  rateCardDetails: {
    usageRateCard: {
      usageMeterId: meter,
      ratePlan: {
        pricingModel: 'TIERED',
        slabs: [
          { order: 1, startAfter: 0, priceType: 'PER_UNIT' },
          { order: 2, startAfter: 1000, priceType: 'PER_UNIT' },
        ],
      },
      rateValues: Object.entries(rates).map(([currency, [first, second]]) => ({
        currency,
        slabRates: [
          { order: 1, rate: first },
          { order: 2, rate: second },
        ],
      })),
    },
  },
});
const platformFee = (rates: Record<string, number>) => ({
  billableId: 'platform',
  type: 'FIXED_FEE',
  invoiceTiming: 'IN_ARREARS',
  rateCardDetails: {
    fixedFeeRateCard: {
      id: 'platform',
      type: 'RECURRING',
      enableProration: false,
      rateValues: Object.entries(rates).map(([currency, rate]) => ({ currency, rate })),
    },
  },
});

beforeAll(async () => {
  key = (await createTenant('togai_pp')).key;
  client = api(key);
  schema = unique('calls');
  expect((await client.post('/event_schema', { name: schema, attributes: [], dimensions: [] })).status).toBe(201);
  await client.post(`/event_schema/${schema}/activate`);
  const created = await client.post('/usage_meters', {
    name: unique('calls'),
    type: 'COUNTER',
    aggregation: 'COUNT',
    eventSchemaName: schema,
    computations: [{ computation: '1', order: 1 }],
  });
  meter = created.body.id;
  expect((await client.post(`/usage_meters/${meter}/activate`)).status).toBe(200);
});

/** A finalized two-currency plan: 0.002 USD / 0.0018 EUR a call up to 1000, then half, plus a 25 USD / 23 EUR fee. */
async function finalizedPlan(): Promise<string> {
  const plan = await togai('create_price_plan_v2', {
    body: { name: unique('api'), type: 'BILLING', supportedCurrencies: ['USD', 'EUR'], pricingCycleConfig },
  });
  const params = { price_plan_id: plan.body.id };
  await togai('bulk_price_plan_rate_card_operations', {
    params,
    body: {
      operations: [
        {
          actionType: 'CREATE',
          rateCardName: 'calls',
          rateCard: usageCard({ USD: [0.002, 0.001], EUR: [0.0018, 0.0009] }),
        },
        { actionType: 'CREATE', rateCardName: 'platform', rateCard: platformFee({ USD: 25, EUR: 23 }) },
      ],
    },
  });
  await togai('finalize_price_plan', { params, body: {} });
  return plan.body.id;
}

describe("Togai's PricePlanV2Api", () => {
  it('creates a two-currency plan, adds rate cards, lists its errors, finalizes it, edits and discards a draft of its next version', async () => {
    const created = await togai('create_price_plan_v2', {
      body: {
        name: unique('api'),
        description: 'API calls',
        type: 'BILLING',
        supportedCurrencies: ['USD', 'EUR'],
        pricingCycleConfig,
      },
    });
    expect(created.body).toMatchObject({
      status: 'DRAFT',
      version: 1,
      supportedCurrencies: ['USD', 'EUR'],
      type: 'BILLING',
      pricingCycleConfig,
    });
    const params = { price_plan_id: created.body.id };

    // Rates in USD only: allowed in a draft, listed as an error until EUR has them too.
    const added = await togai('bulk_price_plan_rate_card_operations', {
      params,
      body: {
        operations: [{ actionType: 'CREATE', rateCardName: 'calls', rateCard: usageCard({ USD: [0.002, 0.001] }) }],
      },
    });
    expect(added.body.rateCards.map((c: { name: string; currencies: string[] }) => [c.name, c.currencies])).toEqual([
      ['calls', ['USD']],
    ]);
    const errors = await togai('list_price_plan_errors', { params });
    const missingEur = (slab: number) => ({
      referenceId: created.body.id,
      entityId: 'calls',
      entityType: 'RATE_CARD',
      errorMessage: `usageRateCards.0.slabs.${slab}.currencyRates: has no rate in EUR, one of the plan's supportedCurrencies`,
    });
    expect(errors.body.data).toEqual([missingEur(0), missingEur(1)]);
    const refused = await client.post(`/v2/price_plans/${created.body.id}/finalize`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      path: 'usageRateCards.0.slabs.0.currencyRates',
      message: expect.stringContaining('EUR'),
    });
    // Nor can Meterline's own activate make it rate: an EUR account would have no rate.
    const activated = await client.post(`/price_plans/${created.body.id}/activate`);
    expect(activated.status).toBe(422);
    expect(activated.body.errors[0]).toMatchObject({
      path: 'usageRateCards.0.slabs.0.currencyRates',
      message: expect.stringContaining('EUR'),
    });

    await togai('bulk_price_plan_rate_card_operations', {
      params,
      body: {
        operations: [
          {
            actionType: 'UPDATE',
            rateCardName: 'calls',
            rateCard: usageCard({ USD: [0.002, 0.001], EUR: ['0.00180000000000000000001', 0.0009] }),
          },
          { actionType: 'CREATE', rateCardName: 'platform', rateCard: platformFee({ USD: 25, EUR: 23 }) },
        ],
      },
    });
    expect((await togai('list_price_plan_errors', { params })).body.data).toEqual([]);
    const cards = await togai('list_price_plan_rate_cards', { params, query: { pageSize: '1' } });
    expect(cards.body.data.map((c: { name: string }) => c.name)).toEqual(['calls']);
    // Amounts leave as JSON numbers whose text is the exact decimal, however many digits.
    expect(cards.text).toContain('"rate":0.00180000000000000000001');
    const next = await togai('list_price_plan_rate_cards', {
      params,
      query: { pageSize: '1', nextToken: cards.body.nextToken },
    });
    expect(next.body.data).toEqual([
      expect.objectContaining({
        name: 'platform',
        type: 'FIXED_FEE',
        billableId: 'platform',
        currencies: ['USD', 'EUR'],
      }),
    ]);

    await togai('get_price_plan_v2', { params });
    const listed = await togai('list_price_plans_v2', { query: { pageSize: '50' } });
    expect(listed.body.data.map((p: { id: string }) => p.id)).toContain(created.body.id);

    await togai('finalize_price_plan', { params, body: {} });
    expect((await togai('get_price_plan_v2', { params })).body).toMatchObject({ status: 'ACTIVE', version: 1 });

    // A new description alone drafts nothing; editing the rates or currencies of the ACTIVE plan
    // makes a DRAFT of version 2, while version 1 keeps rating.
    expect(
      (await togai('update_price_plan_v2', { params, body: { description: 'API calls, v1' } })).body,
    ).toMatchObject({ status: 'ACTIVE', version: 1, description: 'API calls, v1' });
    const edited = await togai('update_price_plan_v2', {
      params,
      body: { description: 'API calls, 2027', supportedCurrencies: ['USD', 'EUR', 'GBP'] },
    });
    expect(edited.body).toMatchObject({
      status: 'DRAFT',
      version: 2,
      description: 'API calls, 2027',
      supportedCurrencies: ['USD', 'EUR', 'GBP'],
    });
    const versions = await togai('list_price_plan_versions', { params });
    expect(versions.body.data.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'DRAFT'],
      [1, 'ACTIVE'],
    ]);
    expect((await togai('get_price_plan_v2', { params, query: { version: '1' } })).body).toMatchObject({
      version: 1,
      status: 'ACTIVE',
      supportedCurrencies: ['USD', 'EUR'],
    });

    await togai('discard_price_plan', { params });
    expect((await togai('get_price_plan_v2', { params })).body).toMatchObject({
      status: 'ACTIVE',
      version: 1,
      supportedCurrencies: ['USD', 'EUR'],
    });
  });

  it('publishes an edited draft as the next version, and deletes a plan discarded before it was ever finalized', async () => {
    const id = await finalizedPlan();
    const params = { price_plan_id: id };
    await togai('bulk_price_plan_rate_card_operations', {
      params,
      body: { operations: [{ actionType: 'DELETE', rateCardName: 'platform' }] },
    });
    await togai('finalize_price_plan', { params, body: {} });
    expect((await togai('get_price_plan_v2', { params })).body).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect(
      (await togai('list_price_plan_rate_cards', { params })).body.data.map((c: { name: string }) => c.name),
    ).toEqual(['calls']);
    // The same plan through Meterline's own /price_plans: version 2, without the fee.
    expect((await client.get(`/price_plans/${id}`)).body).toMatchObject({
      version: 2,
      fixedFees: [],
      supportedCurrencies: ['USD', 'EUR'],
    });

    const draft = await togai('create_price_plan_v2', {
      body: { name: unique('scratch'), type: 'BILLING', supportedCurrencies: ['USD'], pricingCycleConfig },
    });
    await togai('discard_price_plan', { params: { price_plan_id: draft.body.id } });
    expect((await client.get(`/v2/price_plans/${draft.body.id}`)).status).toBe(404);
  });

  it('refuses by field what Meterline would not honour', async () => {
    const bad = await client.post('/v2/price_plans', {
      name: unique('bad'),
      type: 'PURCHASE',
      supportedCurrencies: ['USD'],
      deferredRevenue: true,
      pricingCycleConfig: { interval: 'WEEKLY', gracePeriod: 0 },
    });
    expect(bad.status).toBe(422);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'type',
      'deferredRevenue',
      'pricingCycleConfig.interval',
    ]);

    const plan = await togai('create_price_plan_v2', {
      body: { name: unique('api'), type: 'BILLING', supportedCurrencies: ['USD'], pricingCycleConfig },
    });
    const ops = await client.post(`/v2/price_plans/${plan.body.id}/rate_cards`, {
      operations: [
        {
          actionType: 'CREATE',
          rateCardName: 'calls',
          rateCard: { ...usageCard({ EUR: [1, 1] }), invoiceTiming: 'IN_ADVANCE' },
        },
        { actionType: 'DELETE', rateCardName: 'nothing' },
      ],
    });
    expect(ops.status).toBe(422);
    expect(ops.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'operations.0.rateCard.invoiceTiming',
      'operations.0.rateCard.rateCardDetails.usageRateCard.rateValues.0.currency',
      'operations.0.rateCard.rateCardDetails.usageRateCard.rateValues',
      'operations.1.rateCardName',
    ]);
    const unknownMeter = await client.post(`/v2/price_plans/${plan.body.id}/rate_cards`, {
      operations: [
        {
          actionType: 'CREATE',
          rateCardName: 'ghost',
          rateCard: {
            ...usageCard({ USD: [1, 1] }),
            billableId: 'um.ghost',
            rateCardDetails: {
              usageRateCard: { ...usageCard({ USD: [1, 1] }).rateCardDetails.usageRateCard, usageMeterId: 'um.ghost' },
            },
          },
        },
      ],
    });
    expect(unknownMeter.status).toBe(422);
    expect(unknownMeter.body.errors).toEqual([
      { path: 'operations.0.rateCard.billableId', message: "no usage meter 'um.ghost'" },
    ]);
    const migrate = await client.post(`/v2/price_plans/${plan.body.id}/finalize`, { migrationMode: 'IMMEDIATE' });
    expect(migrate.status).toBe(422);
    expect(migrate.body.errors[0].path).toBe('migrationMode');
  });
});

describe("Togai's (deprecated) PricePlansApi", () => {
  it("creates a plan from pricePlanDetails, reads, lists, updates, activates and archives it, Meterline's shape beside Togai's", async () => {
    const details = {
      supportedCurrencies: ['USD', 'EUR'],
      pricingCycleConfig,
      usageRateCards: [
        { ...usageCard({ USD: [0.002, 0.001], EUR: [0.0018, 0.0009] }).rateCardDetails.usageRateCard, name: 'calls' },
      ],
      fixedFeeRateCards: [platformFee({ USD: 25, EUR: 23 }).rateCardDetails.fixedFeeRateCard],
    };
    const created = await togai('create_price_plan', {
      body: { name: unique('v1'), description: 'API calls', type: 'BILLING', pricePlanDetails: details },
    });
    expect(created.body).toMatchObject({
      type: 'BILLING',
      status: 'DRAFT',
      currency: 'USD',
      supportedCurrencies: ['USD', 'EUR'],
      version: 1,
    });
    expect(created.body.pricingSchedule).toEqual([
      expect.objectContaining({
        version: 1,
        isOverriden: false,
        pricePlanDetails: expect.objectContaining({ supportedCurrencies: ['USD', 'EUR'], activeCurrencies: [] }),
      }),
    ]);
    expect(created.body.pricingSchedule[0].pricePlanDetails.usageRateCards[0].rateValues[1]).toEqual({
      currency: 'EUR',
      slabRates: [
        { order: 1, rate: 0.0018 },
        { order: 2, rate: 0.0009 },
      ],
    });
    const params = { price_plan_id: created.body.id };
    await togai('get_price_plan', { params });
    const listed = await togai('get_price_plans', { query: { pageSize: '50' } });
    expect(listed.body.data.find((p: { id: string }) => p.id === created.body.id)).toMatchObject({
      usageMeters: [meter],
      type: 'BILLING',
    });

    const cheaper = {
      ...details.usageRateCards[0]!,
      rateValues: [
        {
          currency: 'USD',
          slabRates: [
            { order: 1, rate: 0.0015 },
            { order: 2, rate: 0.001 },
          ],
        },
        details.usageRateCards[0]!.rateValues[1],
      ],
    };
    const updated = await togai('update_price_plan', {
      params,
      body: { description: 'API calls, cheaper', pricePlanDetails: { usageRateCards: [cheaper] } },
    });
    expect(updated.body).toMatchObject({
      description: 'API calls, cheaper',
      version: 1,
      fixedFees: [expect.objectContaining({ name: 'platform', amount: '25' })],
    });
    expect(updated.body.usageRateCards[0].slabs[0]).toMatchObject({ rate: '0.0015', currencyRates: { EUR: '0.0018' } });

    const partial = await client.post(`/price_plans/${created.body.id}/activate`, { currencies: ['USD'] });
    expect(partial.status).toBe(422);
    expect(partial.body.errors[0].path).toBe('currencies');
    const active = await togai('activate_price_plan', { params, body: { currencies: ['EUR', 'USD'] } });
    expect(active.body.pricingSchedule[0].pricePlanDetails.activeCurrencies).toEqual(['USD', 'EUR']);
    await togai('archive_price_plan', { params });
    expect((await client.get(`/price_plans/${created.body.id}`)).body.status).toBe('ARCHIVED');
  });

  it("names the bad field of a body in Togai's shape", async () => {
    const refused = await client.post('/price_plans', {
      name: unique('v1'),
      pricePlanDetails: {
        supportedCurrencies: ['USD'],
        pricingCycleConfig,
        usageRateCards: [usageCard({ EUR: [1, 1] }).rateCardDetails.usageRateCard],
        licenseRateCards: [{}],
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'pricePlanDetails.licenseRateCards',
      'pricePlanDetails.usageRateCards.0.rateValues.0.currency',
      'pricePlanDetails.usageRateCards.0.rateValues',
    ]);
    const malformed = await client.post('/price_plans', {
      name: unique('v1'),
      pricePlanDetails: { supportedCurrencies: 'USD' },
    });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'pricePlanDetails.supportedCurrencies',
    ]);
  });
});

describe('a v2 plan rates each account in its invoice currency', () => {
  it('prices an EUR account with the EUR rates and an account without a currency with the first one', async () => {
    const plan = await finalizedPlan();
    const customerId = unique('cus');
    expect(
      (
        await client.post('/customers', {
          id: customerId,
          name: 'Customer',
          primaryEmail: 'billing@customer.test',
          address: {},
        })
      ).status,
    ).toBe(201);
    const euro = unique('eur_acc');
    const plain = unique('plain_acc');
    expect(
      (await client.post('/accounts', { id: euro, name: 'Euro account', customerId, invoiceCurrency: 'EUR' })).status,
    ).toBe(201);
    for (const account of [euro, plain]) {
      const associated = await client.post(`/accounts/${account}/price_plans`, {
        pricePlanId: plan,
        effectiveFrom: new Date(cycle.start - DAY).toISOString(),
      });
      expect(associated.status).toBe(200);
    }
    const events = [euro, plain].flatMap((accountId) =>
      Array.from({ length: 3 }, (_, i) => ({
        id: unique('call'),
        schemaName: schema,
        timestamp: new Date(cycle.start + (i + 1) * HOUR).toISOString(),
        accountId,
        attributes: [],
        dimensions: {},
      })),
    );
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    const range = `from=${new Date(cycle.start).toISOString()}&to=${new Date(cycle.start + DAY).toISOString()}`;
    const euroRevenue = await eventually(
      () => client.get(`/revenue?${range}&accountId=${euro}`),
      (r) => r.body?.totals?.[0]?.value === '0.0054',
    );
    expect(euroRevenue.body.totals).toEqual([{ currency: 'EUR', value: '0.0054' }]);
    const plainRevenue = await eventually(
      () => client.get(`/revenue?${range}&accountId=${plain}`),
      (r) => r.body?.totals?.[0]?.value === '0.006',
    );
    expect(plainRevenue.body.totals).toEqual([{ currency: 'USD', value: '0.006' }]);
    const statement = await client.get(`/accounts/${euro}/statement?at=${new Date(cycle.start + HOUR).toISOString()}`);
    expect(statement.body.totals).toEqual([{ currency: 'EUR', amount: '23.01' }]); // 0.0054 → 0.01, plus the 23 EUR fee
  });

  it('fixes the currency on the association: an invoiceCurrency its plans would price differently is refused, naming the field', async () => {
    const plan = await finalizedPlan();
    const customerId = unique('cus');
    expect(
      (
        await client.post('/customers', {
          id: customerId,
          name: 'Customer',
          primaryEmail: 'billing@customer.test',
          address: {},
        })
      ).status,
    ).toBe(201);
    const plain = unique('plain_acc');
    const euro = unique('eur_acc');
    expect((await client.post('/accounts', { id: plain, name: 'Plain account', customerId })).status).toBe(201);
    expect(
      (await client.post('/accounts', { id: euro, name: 'Euro account', customerId, invoiceCurrency: 'EUR' })).status,
    ).toBe(201);
    const early = unique('early_acc'); // associated before it has an account row
    for (const account of [plain, euro, early]) {
      expect(
        (
          await client.post(`/accounts/${account}/price_plans`, {
            pricePlanId: plan,
            effectiveFrom: new Date(cycle.start - DAY).toISOString(),
          })
        ).status,
      ).toBe(200);
    }

    // Rated in USD since its association: EUR mid-cycle would split the cycle's revenue.
    const moved = await client.patch(`/accounts/${plain}`, { invoiceCurrency: 'EUR' });
    expect(moved).toMatchObject({
      status: 409,
      body: { code: 'invoice_currency_fixed', errors: [{ path: 'invoiceCurrency' }] },
    });
    // GBP is not a currency of the plan: the account would fall back to USD, not its EUR.
    expect(await client.patch(`/accounts/${euro}`, { invoiceCurrency: 'GBP' })).toMatchObject({
      status: 409,
      body: { errors: [{ path: 'invoiceCurrency' }] },
    });
    // What changes nothing about rating goes through.
    expect((await client.patch(`/accounts/${euro}`, { invoiceCurrency: 'EUR', name: 'Still euro' })).status).toBe(200);
    expect((await client.patch(`/accounts/${plain}`, { name: 'Renamed' })).status).toBe(200);
    const late = await client.post('/accounts', {
      id: early,
      name: 'Late account',
      customerId,
      invoiceCurrency: 'EUR',
    });
    expect(late).toMatchObject({ status: 409, body: { errors: [{ path: 'invoiceCurrency' }] } });
    expect(
      (await client.post('/accounts', { id: early, name: 'Late account', customerId, invoiceCurrency: 'USD' })).status,
    ).toBe(201);

    const events = [plain, euro].map((accountId) => ({
      id: unique('call'),
      schemaName: schema,
      timestamp: new Date(cycle.start + HOUR).toISOString(),
      accountId,
      attributes: [],
      dimensions: {},
    }));
    expect((await client.post('/ingestBatch', { events })).status).toBe(202);
    const range = `from=${new Date(cycle.start).toISOString()}&to=${new Date(cycle.start + DAY).toISOString()}`;
    const plainRevenue = await eventually(
      () => client.get(`/revenue?${range}&accountId=${plain}`),
      (r) => r.body?.totals?.length === 1,
    );
    expect(plainRevenue.body.totals).toEqual([{ currency: 'USD', value: '0.002' }]);
    const euroRevenue = await eventually(
      () => client.get(`/revenue?${range}&accountId=${euro}`),
      (r) => r.body?.totals?.length === 1,
    );
    expect(euroRevenue.body.totals).toEqual([{ currency: 'EUR', value: '0.0018' }]);
  });
});

describe('BILLING_ENTITLEMENT rate cards grant feature credits each cycle', () => {
  it('maps a free, whole-cycle card onto the plan’s credit grant, lists it in Togai’s model, grants it to associated accounts, and refuses a priced one by field', async () => {
    const feature = await togai('create_feature', {
      body: { name: unique('granted'), schemaAssociations: [{ schemaName: schema, attributeName: '' }] },
    });
    const plan = await togai('create_price_plan_v2', {
      body: { name: unique('grants'), type: 'BILLING', supportedCurrencies: ['USD'], pricingCycleConfig },
    });
    const params = { price_plan_id: plan.body.id };
    const entitlement = (rate: number, effectiveUntil = 'P1M') => ({
      billableId: feature.body.id,
      type: 'BILLING_ENTITLEMENT',
      invoiceTiming: 'IN_ADVANCE',
      rateCardDetails: {
        billingEntitlementRateCard: {
          featureId: feature.body.id,
          featureConfigs: [{ effectiveUntil, featureCreditLimit: 250 }],
          invoiceTiming: 'IN_ADVANCE',
          ratePlan: { pricingModel: 'TIERED', slabs: [{ order: 1, startAfter: 0, priceType: 'PER_UNIT' }] },
          rateValues: [{ currency: 'USD', slabRates: [{ order: 1, rate }] }],
        },
      },
    });
    const priced = await client.post(`/v2/price_plans/${plan.body.id}/rate_cards`, {
      operations: [{ actionType: 'CREATE', rateCardName: feature.body.id, rateCard: entitlement(0.01) }],
    });
    expect(priced).toMatchObject({
      status: 422,
      body: {
        errors: [
          { path: 'operations.0.rateCard.rateCardDetails.billingEntitlementRateCard.rateValues.0.slabRates.0.rate' },
        ],
      },
    });
    const shortLived = await client.post(`/v2/price_plans/${plan.body.id}/rate_cards`, {
      operations: [{ actionType: 'CREATE', rateCardName: feature.body.id, rateCard: entitlement(0, 'P20D') }],
    });
    expect(shortLived.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'operations.0.rateCard.rateCardDetails.billingEntitlementRateCard.featureConfigs.0.effectiveUntil',
    ]);

    const added = await togai('bulk_price_plan_rate_card_operations', {
      params,
      body: { operations: [{ actionType: 'CREATE', rateCardName: feature.body.id, rateCard: entitlement(0) }] },
    });
    expect(added.body.rateCards).toMatchObject([
      {
        type: 'BILLING_ENTITLEMENT',
        name: feature.body.id,
        rateCardDetails: {
          billingEntitlementRateCard: { featureConfigs: [{ effectiveUntil: 'P1M', featureCreditLimit: 250 }] },
        },
      },
    ]);
    expect(
      (await togai('list_price_plan_rate_cards', { params })).body.data.map((c: { type: string }) => c.type),
    ).toEqual(['BILLING_ENTITLEMENT']);
    await togai('finalize_price_plan', { params, body: {} });

    const account = unique('granted_acc');
    expect(
      (
        await client.post(`/accounts/${account}/price_plans`, {
          pricePlanId: plan.body.id,
          effectiveFrom: new Date(cycle.start).toISOString(),
        })
      ).status,
    ).toBe(200);
    const credits = await eventually(
      () => client.get(`/accounts/${account}/features/${feature.body.id}`),
      (r) => r.body?.granted === 250,
    );
    expect(credits.body).toMatchObject({ featureId: feature.body.id, granted: 250, balance: 250 });
  });
});
