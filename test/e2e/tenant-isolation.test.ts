import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { apiRoutes } from '../../shared/api/api-routes';
import { openDatabase } from '../../local/node-database';
import { createApiKey, ensureTenant } from '../../rater/store/api-keys';
import { parkMessages } from '../../rater/store/parked-messages';
import { freezeAccountInvoices } from '../../rater/services/freeze-invoices';
import { api, eventually, READ_UNTIL, unique } from '../support/api-client';

/**
 * docs/design.md §2: no call can read or change another tenant's data, whatever ids it passes. Tenant A
 * (the development tenant) owns a schema, a meter, a feature, a price plan (and an account
 * associated with it) and data; tenant B's admin key is
 * tried against EVERY route of the API contract, with A's ids. A route added without a case here
 * fails the test.
 */
type Client = ReturnType<typeof api>;
interface World {
  a: Client;
  b: Client;
  schema: string;
  meterId: string;
  featureId: string;
  planId: string;
  /** A's account on the plan: its own, so other suites' associations of acme cannot interfere. */
  planAccount: string;
  /** A's customer, owning planAccount (created as an account, with an alias). */
  customerId: string;
  keyId: string;
  eventId: string;
  /** A money credit of planAccount (Togai's CreditsApi). */
  creditId: string;
  /** Togai's setting_id_str of a setting of planAccount (SettingsApi). */
  settingRef: string;
  /** A's reservation of one credit of featureId for planAccount, HELD. */
  reservationId: string;
  /** A's reservation of 2 USD for planAccount, HELD against its spend limit of 50 USD. */
  moneyReservationId: string;
  /** A's usage alert on planAccount, its incident (crossed by A's event) and A's webhook endpoint. */
  alertId: string;
  incidentId: string;
  webhookId: string;
  /** An invoice of planAccount (its January 2026 cycle, frozen by the test). */
  invoiceId: string;
}
type Check = (w: World, path: string) => Promise<void>;
const PARKED_NOTE = unique('parked');
const ALIAS_REGISTERED_BY_A = unique('registered');
const ALIAS_OF_A = unique('alias-of-a');

async function parkedOfA(w: World): Promise<{ id: string; body: { note?: string } }[]> {
  const all: { id: string; body: { note?: string } }[] = (await w.a.get('/parked_messages?pageSize=200')).body.data;
  return all.filter((m) => m.body.note === PARKED_NOTE);
}

/** Routes with no path parameter: what B must (not) see or change. Keyed by "METHOD /path". */
const checks: Record<string, Check> = {
  'POST /ingest': async (w) => {
    const response = await w.b.post('/ingest', { event: eventOf(w.schema) });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'event.schemaName' }] } });
  },
  'POST /ingestBatch': async (w) => {
    const response = await w.b.post('/ingestBatch', { events: [eventOf(w.schema)] });
    expect(response).toMatchObject({
      status: 207,
      body: { details: { rejected: 1, events: [{ status: 'INVALID', errors: [{ path: 'events.0.schemaName' }] }] } },
    });
  },
  'POST /event_schema': async (w) => {
    expect((await w.b.post('/event_schema', { name: `${w.schema}_b`, attributes: [{ name: 'other' }] })).status).toBe(
      201,
    );
    expect((await w.a.get(`/event_schema/${w.schema}_b`)).status).toBe(404);
  },
  'GET /event_schema': async (w) => {
    const names = (await w.b.get('/event_schema?pageSize=200')).body.data.map((s: { name: string }) => s.name);
    expect(names).toEqual([`${w.schema}_b`]); // only the one B created above
  },
  'POST /usage_meters': async (w) => {
    // B cannot hang a meter on A's schema: for B it does not exist.
    const response = await w.b.post('/usage_meters', {
      name: unique('m'),
      aggregation: 'COUNT',
      eventSchemaName: w.schema,
    });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'eventSchemaName' }] } });
  },
  'GET /usage_meters': async (w) => {
    const ids = (await w.b.get('/usage_meters?pageSize=200')).body.data.map((m: { id: string }) => m.id);
    expect(ids).not.toContain(w.meterId);
    expect(ids).toEqual([]);
  },
  'POST /features': async (w) => {
    // B cannot have A's schema consume a feature of B's: for B it does not exist.
    const response = await w.b.post('/features', { name: unique('f'), schemaAssociations: [{ schemaName: w.schema }] });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'schemaAssociations.0.schemaName' }] } });
  },
  'GET /features': async (w) => {
    for (const query of ['pageSize=200', 'status=ACTIVE', 'status=ARCHIVED']) {
      expect([query, (await w.b.get(`/features?${query}`)).body.data]).toEqual([query, []]);
    }
  },
  'POST /price_plans': async (w) => {
    // B cannot price A's meter or grant A's feature: for B they do not exist.
    const plan = { name: unique('p'), currency: 'USD', pricingCycle: { interval: 'MONTHLY' } };
    const priced = await w.b.post('/price_plans', {
      ...plan,
      usageRateCards: [{ usageMeterId: w.meterId, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
    });
    expect(priced).toMatchObject({ status: 422, body: { errors: [{ path: 'usageRateCards.0.usageMeterId' }] } });
    const granted = await w.b.post('/price_plans', {
      ...plan,
      entitlementRateCards: [{ featureId: w.featureId, granted: '1' }],
    });
    expect(granted).toMatchObject({ status: 422, body: { errors: [{ path: 'entitlementRateCards.0.featureId' }] } });
  },
  'GET /price_plans': async (w) => {
    for (const query of ['pageSize=200', 'status=ACTIVE', 'status=DRAFT', 'status=ARCHIVED']) {
      expect([query, (await w.b.get(`/price_plans?${query}`)).body.data]).toEqual([query, []]);
    }
  },
  'POST /v2/price_plans': async (w) => {
    // B's own v2 plan cannot price A's meter: for B it does not exist.
    const plan = await w.b.post('/v2/price_plans', {
      name: unique('p'),
      type: 'BILLING',
      supportedCurrencies: ['USD'],
      pricingCycleConfig: { interval: 'MONTHLY', gracePeriod: 0 },
    });
    expect(plan.status).toBe(200);
    const card = {
      usageMeterId: w.meterId,
      ratePlan: { pricingModel: 'TIERED', slabs: [{ order: 1, startAfter: 0, priceType: 'PER_UNIT' }] },
      rateValues: [{ currency: 'USD', slabRates: [{ order: 1, rate: 1 }] }],
    };
    const priced = await w.b.post(`/v2/price_plans/${plan.body.id}/rate_cards`, {
      operations: [
        {
          actionType: 'CREATE',
          rateCardName: 'a-meter',
          rateCard: {
            billableId: w.meterId,
            type: 'USAGE',
            invoiceTiming: 'IN_ARREARS',
            rateCardDetails: { usageRateCard: card },
          },
        },
      ],
    });
    expect(priced).toMatchObject({ status: 422, body: { errors: [{ path: 'operations.0.rateCard.billableId' }] } });
    expect((await w.a.get('/v2/price_plans?pageSize=200')).body.data.map((p: { id: string }) => p.id)).not.toContain(
      plan.body.id,
    );
  },
  'GET /v2/price_plans': async (w) => {
    expect((await w.b.get('/v2/price_plans?pageSize=200')).body.data.map((p: { id: string }) => p.id)).not.toContain(
      w.planId,
    );
  },
  'POST /api_keys': async (w) => {
    const created = await w.b.post('/api_keys', { name: 'B-only', scopes: ['read'] });
    expect(created.status).toBe(201);
    const aKeys = (await w.a.get('/api_keys?pageSize=200')).body.data.map((k: { id: string }) => k.id);
    expect(aKeys).not.toContain(created.body.id);
  },
  'GET /tenant_settings': async (w) => {
    // Each sees its own tenant; B's answer names B and nothing A set.
    const [a, b] = [await w.a.get('/tenant_settings'), await w.b.get('/tenant_settings')];
    expect(a.body.tenantId).not.toBe(b.body.tenantId);
    expect(b.body).toMatchObject({ region: null, dedupShards: 16 });
  },
  'PATCH /tenant_settings': async (w) => {
    // B growing its layout and moving its region changes nothing of A's.
    const before = (await w.a.get('/tenant_settings')).body;
    expect((await w.b.patch('/tenant_settings', { dedupShards: 32, region: 'apac' })).status).toBe(200);
    expect((await w.a.get('/tenant_settings')).body).toEqual(before);
  },
  'POST /alerts': async (w) => {
    const body = {
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { usageMeter: { id: w.meterId } },
      parameters: { threshold: { values: [1] } },
    };
    expect(await w.b.post('/alerts', body)).toMatchObject({
      status: 404,
      body: { errors: [{ path: 'entityDetails.usageMeter.id' }] },
    });
    // Nor can B watch the balance of A's feature.
    const balance = { ...body, alertTemplateId: 'BALANCE_THRESHOLD', entityDetails: { feature: { id: w.featureId } } };
    expect(await w.b.post('/alerts', balance)).toMatchObject({
      status: 404,
      body: { code: 'feature_not_found', errors: [{ path: 'entityDetails.feature.id' }] },
    });
  },
  'GET /alerts': async (w) => {
    expect((await w.a.get(`/alerts/${w.alertId}`)).status).toBe(200);
    expect((await w.b.get('/alerts?pageSize=200')).body.data).toEqual([]);
  },
  'GET /incidents': async (w) => {
    expect((await w.a.get(`/incidents?alertId=${w.alertId}`)).body.data).toHaveLength(1);
    expect((await w.b.get(`/incidents?alertId=${w.alertId}`)).body.data).toEqual([]);
    expect((await w.b.get('/incidents?pageSize=200')).body.data).toEqual([]);
  },
  'GET /invoices': async (w) => {
    expect((await w.a.get(`/invoices?ownerId=${w.planAccount}`)).body.data.map((i: { id: string }) => i.id)).toContain(
      w.invoiceId,
    );
    expect((await w.b.get(`/invoices?ownerId=${w.planAccount}`)).body.data).toEqual([]);
    expect((await w.b.get(`/invoices?customerId=${w.customerId}`)).body.data).toEqual([]);
    expect((await w.b.get('/invoices?pageSize=50')).body.data).toEqual([]);
  },
  'GET /alert_templates': async (w) => {
    // The templates are Meterline's, the same for every tenant.
    expect((await w.b.get('/alert_templates')).body).toEqual((await w.a.get('/alert_templates')).body);
  },
  'POST /webhooks': async (w) => {
    const created = await w.b.post('/webhooks', { url: 'http://127.0.0.1:9/of-b' });
    expect(created.status).toBe(201);
    expect((await w.a.get('/webhooks?pageSize=200')).body.data.map((e: { id: string }) => e.id)).not.toContain(
      created.body.id,
    );
  },
  'GET /webhooks': async (w) => {
    const ids = (await w.b.get('/webhooks?pageSize=200')).body.data.map((e: { id: string }) => e.id);
    expect(ids).not.toContain(w.webhookId);
  },
  'GET /settings': async (w) => {
    expect((await w.a.get(`/settings?setting_id=of_a&entity_id=${w.planAccount}`)).body.data).toHaveLength(1);
    expect((await w.b.get('/settings?pageSize=200&setting_id=of_a')).body.data).toEqual([]);
  },
  'POST /settings': async (w) => {
    // A's account is no entity of B's: B cannot attach a setting to it.
    const refused = await w.b.post('/settings', {
      id: 'by_b',
      namespace: 'USER',
      name: 'by B',
      entityType: 'ACCOUNT',
      entityId: w.planAccount,
      value: '1',
      dataType: 'NUMERIC',
    });
    expect(refused).toMatchObject({ status: 404, body: { errors: [{ path: 'entityId' }] } });
  },
  'GET /api_keys': async (w) => {
    const ids = (await w.b.get('/api_keys?pageSize=200&includeRevoked=true')).body.data.map(
      (k: { id: string }) => k.id,
    );
    expect(ids).not.toContain(w.keyId);
  },
  'POST /metrics': async (w) => {
    const query = {
      startTime: '2026-01-01T00:00:00Z',
      endTime: READ_UNTIL,
      metricQueries: [
        {
          id: 'usage',
          name: 'USAGE',
          aggregationPeriod: 'MONTH',
          filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [w.meterId] }],
        },
        { id: 'events', name: 'EVENTS', aggregationPeriod: 'MONTH' },
        { id: 'revenue', name: 'REVENUE', aggregationPeriod: 'MONTH' },
      ],
    };
    const a = await w.a.post('/metrics', query);
    expect(a.body.results[0].data).toHaveLength(1); // A's meter has usage…
    expect(a.body.results[2].data).toHaveLength(1); // …and revenue…
    const b = await w.b.post('/metrics', query);
    expect(b.body.results).toEqual([
      { id: 'usage', name: 'USAGE', data: [] },
      { id: 'events', name: 'EVENTS', data: [] },
      { id: 'revenue', name: 'REVENUE', data: [] },
    ]); // …B sees none of it
  },
  'POST /events/replay': async (w) => {
    // Replay acts on FAILED events of the caller's own tenant only: B's request finds nothing of A's.
    expect((await w.b.post('/events/replay', { eventIds: [w.eventId] })).body).toEqual({
      replayed: 0,
      events: [],
      parkedMessages: [],
    });
    // …nor parked messages of A's, by id or among "the oldest".
    const [parked] = await parkedOfA(w);
    expect((await w.b.post('/events/replay', { parkedMessageIds: [parked!.id] })).body).toEqual({
      replayed: 0,
      events: [],
      parkedMessages: [],
    });
    expect((await w.b.post('/events/replay', { limit: 1000 })).body.parkedMessages).toEqual([]);
    expect(await parkedOfA(w)).toHaveLength(1); // still A's (another suite's replay may re-park it under a new id)
  },
  'POST /events/correction': async (w) => {
    // B cannot undo, redo or replace A's event: for B it does not exist, and A's usage stays.
    const event = {
      id: w.eventId,
      schemaName: w.schema,
      timestamp: new Date().toISOString(),
      accountId: 'acme',
      attributes: [{ name: 'units', value: '1' }],
    };
    for (const action of ['UNDO', 'REDO']) {
      const answer = await w.b.post(`/events/correction?action=${action}`, { event });
      expect([answer.status, answer.body.code], action).toEqual([404, 'event_not_found']);
    }
    // A replacement is read against B's schemas first, and B has none of that name.
    const replaced = await w.b.post('/events/correction?action=REDO_EVENT', { event });
    expect([replaced.status, replaced.body.errors?.[0]?.path]).toEqual([422, 'event.schemaName']);
    const seen = await w.a.get(`/events/${w.eventId}`);
    expect(seen.body.corrections ?? []).toEqual([]);
    expect((await w.a.get(usagePath(w.meterId))).body.value).toBe('14');
    // Nor did B's attempts give back, or debit, any of the credits A's event consumed.
    const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
    try {
      const { rows } = await db.execute<{ n: string }>(
        sql`SELECT count(*) AS n FROM ledger_corrections WHERE event_id = ${w.eventId}`,
      );
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await close();
    }
  },
  'POST /credits': async (w) => {
    // B cannot grant credits to A's account: for B it does not exist.
    const response = await w.b.post('/credits', {
      creditRequests: [
        { accountId: w.planAccount, purpose: 'x', effectiveFrom: '2026-01-01', creditAmount: 5, priority: 1 },
      ],
    });
    expect([response.status, response.body.errors?.[0]?.path]).toEqual([422, 'creditRequests.0.accountId']);
  },
  'GET /credits': async (w) => {
    expect((await w.a.get(`/credits?id=${w.creditId}`)).body.data).toHaveLength(1); // A's credit is there…
    for (const query of ['pageSize=50', `id=${w.creditId}`, `accountId=${w.planAccount}`]) {
      expect([query, (await w.b.get(`/credits?${query}`)).body.data]).toEqual([query, []]); // …and B sees none
    }
  },
  'POST /aliases': async (w) => {
    // B may register a value A registered (registries are per tenant), and A's stays A's.
    expect((await w.b.post('/aliases', { aliases: [{ value: ALIAS_REGISTERED_BY_A }] })).status).toBe(201);
    expect((await w.a.get(`/aliases/${ALIAS_REGISTERED_BY_A}`)).status).toBe(200);
    expect((await w.b.delete(`/aliases/${ALIAS_REGISTERED_BY_A}`)).status).toBe(200);
    expect((await w.a.get(`/aliases/${ALIAS_REGISTERED_BY_A}`)).status).toBe(200);
  },
  'GET /aliases': async (w) => {
    expect((await w.a.get('/aliases?pageSize=200')).body.data.map((a: { value: string }) => a.value)).toContain(
      ALIAS_REGISTERED_BY_A,
    );
    expect((await w.b.get('/aliases?pageSize=200')).body.data).toEqual([]);
  },
  'GET /parked_messages': async (w) => {
    expect(await parkedOfA(w)).toHaveLength(1);
    expect((await w.b.get('/parked_messages?pageSize=200')).body.data).toEqual([]);
  },
  'GET /events': async (w) => {
    expect((await w.a.get(`/events?schemaName=${w.schema}`)).body.events).toHaveLength(2); // A's events are there…
    for (const query of ['pageSize=200', `schemaName=${w.schema}`, 'accountId=acme']) {
      const b = await w.b.get(`/events?${query}`);
      expect([query, b.status, b.body.code]).toEqual([query, 404, 'no_events']); // …and B sees none
    }
  },
  'POST /reservations': async (w) => {
    // B cannot hold A's credits: for B, A's feature does not exist (and B's account of that id has none).
    const response = await w.b.post('/reservations', {
      id: unique('res'),
      accountId: w.planAccount,
      featureId: w.featureId,
      amount: 1,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors?.[0]?.path).toBe('featureId');
    expect(
      (await w.a.get(`/reservations/${w.reservationId}`)).body.reservation ??
        (await w.a.get(`/reservations/${w.reservationId}`)).body,
    ).toMatchObject({ status: 'HELD' });
  },
  'POST /entitled': async (w) => {
    // B cannot spend A's credits: for B, A's schema (and feature) do not exist.
    const response = await w.b.post('/entitled', { event: eventOf(w.schema) });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'event.schemaName' }] } });
  },
  'GET /revenue': async (w) => {
    const range = `/revenue?from=2026-01-01T00:00:00Z&to=${READ_UNTIL}`;
    expect((await w.a.get(`${range}&accountId=${w.planAccount}`)).body.totals).toEqual([
      { currency: 'USD', value: '7' },
    ]); // A's event earned 7…
    expect((await w.b.get(range)).body.totals).toEqual([]); // …and B sees none of A's revenue
    expect((await w.b.get(`${range}&accountId=${w.planAccount}&groupBy=accountId,meterId`)).body.groups).toEqual([]);
    // By plan: A's revenue is under A's plan; B, naming that plan, sees nothing.
    expect((await w.a.get(`${range}&accountId=${w.planAccount}&groupBy=pricePlanId`)).body.groups).toEqual([
      { currency: 'USD', pricePlanId: w.planId, value: '7' },
    ]);
    const byPlan = await w.b.get(`${range}&pricePlanId=${w.planId}&groupBy=pricePlanId,accountId`);
    expect([byPlan.body.totals, byPlan.body.groups]).toEqual([[], []]);
  },
  'POST /customers': async (w) => {
    const created = await w.b.post('/customers', {
      id: `${w.customerId}-b`,
      name: 'Of B',
      primaryEmail: 'b@b.test',
      address: {},
    });
    expect(created.status).toBe(201);
    expect((await w.a.get(`/customers/${w.customerId}-b`)).status).toBe(404);
  },
  'GET /customers': async (w) => {
    const ids = (await w.b.get('/customers?pageSize=200')).body.data.map((c: { id: string }) => c.id);
    expect(ids).toEqual([`${w.customerId}-b`]); // only the one B created above
  },
  'POST /accounts': async (w) => {
    // B cannot open an account under A's customer: for B it does not exist.
    const response = await w.b.post('/accounts', { id: unique('acc'), name: 'Of B', customerId: w.customerId });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'customerId' }] } });
  },
  'GET /accounts': async (w) => {
    // A finds its account by a prefix of its id, any case; B, searching the same, finds nothing.
    const prefix = `search=${encodeURIComponent(w.planAccount.slice(0, -2).toUpperCase())}`;
    expect((await w.a.get(`/accounts?${prefix}`)).body.data.map((a: { id: string }) => a.id)).toContain(w.planAccount);
    for (const query of [
      'pageSize=200',
      `customerId=${w.customerId}`,
      prefix,
      `${prefix}&customerId=${w.customerId}`,
    ]) {
      expect([query, (await w.b.get(`/accounts?${query}`)).body.data]).toEqual([query, []]);
    }
  },
  'GET /usage': async (w) => {
    const response = await w.b.get(usagePath(w.meterId));
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'meterId' }] } });
  },
};

/** What B sends to a route with A's ids in its path: a body that would be valid for A. */
const bodies: Record<string, unknown> = {
  'PATCH /event_schema/{name}': { description: 'changed by another tenant' },
  'PATCH /usage_meters/{id}': { description: 'changed by another tenant' },
  'PATCH /features/{id}': { billableName: 'changed by another tenant' },
  'PATCH /price_plans/{id}': { description: 'changed by another tenant', usageRateCards: [] },
  'POST /price_plans/{id}/activate': { currencies: ['USD'] },
  'POST /v2/price_plans/{price_plan_id}/rate_cards': {
    operations: [{ actionType: 'DELETE', rateCardName: 'anything' }],
  },
  'PATCH /accounts/{accountId}/features/{featureId}': { overageLimit: '1000' },
  'POST /accounts/{accountId}/features/{featureId}/entries': { granted: '1000' },
  'PATCH /accounts/{accountId}/features/{featureId}/entries/{entryId}': { granted: '1000' },
  'PUT /accounts/{accountId}/entitlements/{featureId}': { value: 'changed by another tenant' },
  'POST /accounts/{accountId}/entitlements/{featureId}': { value: 'true' },
  'PATCH /customers/{customerId}': { name: 'changed by another tenant' },
  'POST /customers/{customerId}/contacts': { name: 'Added by B', email: 'b@b.test' },
  'PATCH /accounts/{accountId}': { name: 'changed by another tenant' },
  'PATCH /settings/{settingIdStr}': { value: 'changed by another tenant' },
  'POST /accounts/{accountId}/add_aliases': { aliases: ['added-by-b'] },
  'POST /accounts/{accountId}/remove_aliases': { aliases: [ALIAS_OF_A] },
};

/** Routes with A's ids in the path that answer B with its own (empty) view rather than 404. */
/** B names A's reservation: B's ledger of that account has none, and A's stays held. */
async function stillHeldByA(w: World): Promise<void> {
  const answer = (await w.a.get(`/reservations/${w.reservationId}`)).body;
  expect(answer.reservation ?? answer).toMatchObject({ status: 'HELD' });
  const money = (await w.a.get(`/reservations/${w.moneyReservationId}`)).body;
  expect(money.reservation).toMatchObject({ status: 'HELD', currency: 'USD', amount: 2 });
}

/** A's spend limit and money hold, as A reads them. */
async function spendOfAUnchanged(w: World): Promise<void> {
  expect((await w.a.get(`/accounts/${w.planAccount}/spend`)).body).toMatchObject({
    spendLimit: { amount: 50, currency: 'USD' },
    held: 2,
  });
}

const pathChecks: Record<string, Check> = {
  'GET /alert_templates/{alert_template_id}': async (w) => {
    expect((await w.b.get('/alert_templates/USAGE_THRESHOLD')).status).toBe(200);
  },
  'PUT /incidents/{incident_id}/status': async (w, path) => {
    expect((await w.b.put(path, { status: 'RESOLVED' })).status).toBe(404);
    expect((await w.a.get(`/incidents/${w.incidentId}`)).body.status).toBe('TRIGGERED');
  },
  'DELETE /alerts/{alert_id}': async (w, path) => {
    expect((await w.b.delete(path)).status).toBe(404);
    expect((await w.a.get(`/alerts/${w.alertId}`)).body).toMatchObject({ status: 'ACTIVE', version: 1 });
  },
  'GET /webhooks/{webhook_id}': async (w, path) => {
    expect((await w.b.get(path)).status).toBe(404);
    expect((await w.a.get(path)).body).toMatchObject({ id: w.webhookId, url: 'http://127.0.0.1:9/of-a' });
  },
  'POST /webhooks/{webhook_id}/enable': async (w, path) => {
    expect((await w.b.post(path)).status).toBe(404);
    expect((await w.a.get(`/webhooks/${w.webhookId}`)).status).toBe(200);
  },
  'GET /webhooks/{webhook_id}/deliveries': async (w, path) => {
    expect((await w.b.get(path)).status).toBe(404);
    expect((await w.a.get(path)).body.data.map((d: { messageId: string }) => d.messageId)).toEqual([w.incidentId]);
  },
  'POST /webhooks/{webhook_id}/deliveries/{message_id}/redeliver': async (w, path) => {
    expect((await w.b.post(path)).status).toBe(404);
    // B's own endpoint has no delivery of A's incident either.
    const own = await w.b.post('/webhooks', { url: 'http://127.0.0.1:9/of-b' });
    expect((await w.b.post(`/webhooks/${own.body.id}/deliveries/${w.incidentId}/redeliver`)).status).toBe(404);
    expect((await w.a.get(`/webhooks/${w.webhookId}/deliveries`)).body.data).toHaveLength(1);
  },
  'DELETE /webhooks/{webhook_id}': async (w, path) => {
    expect((await w.b.delete(path)).status).toBe(404);
    expect((await w.a.get('/webhooks?pageSize=200')).body.data.map((e: { id: string }) => e.id)).toContain(w.webhookId);
  },
  'POST /reservations/{reservationId}/settle': async (w, path) => {
    const response = await w.b.post(path, { event: { ...eventOf(w.schema), accountId: w.planAccount } });
    expect([404, 422]).toContain(response.status);
    const money = await w.b.post(`/reservations/${w.moneyReservationId}/settle`, {
      event: { ...eventOf(w.schema), accountId: w.planAccount },
    });
    expect([404, 422]).toContain(money.status);
    await stillHeldByA(w);
  },
  'POST /reservations/{reservationId}/release': async (w, path) => {
    expect((await w.b.post(path, {})).status).toBe(404);
    expect((await w.b.post(`/reservations/${w.moneyReservationId}/release`, {})).status).toBe(404);
    await stillHeldByA(w);
  },
  'GET /accounts/{accountId}/spend': async (w) => {
    // B's account of the same id is another ledger: no limit, nothing held.
    expect((await w.b.get(`/accounts/${w.planAccount}/spend`)).body).toMatchObject({ spendLimit: null, held: 0 });
    await spendOfAUnchanged(w);
  },
  'PUT /accounts/{accountId}/spend_limit': async (w) => {
    // B has no plan for A's account id: nothing to set a limit in (422 naming currency), and A's is untouched.
    const response = await w.b.put(`/accounts/${w.planAccount}/spend_limit`, { amount: 1, currency: 'USD' });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'currency' }] } });
    await spendOfAUnchanged(w);
  },
  'DELETE /accounts/{accountId}/spend_limit': async (w) => {
    expect((await w.b.delete(`/accounts/${w.planAccount}/spend_limit`)).status).toBe(404);
    await spendOfAUnchanged(w);
  },
  'GET /accounts/{accountId}/entitlements': async (w, path) => {
    expect((await w.a.get(path)).body.data).toHaveLength(1); // A's account has a value…
    expect((await w.b.get(path)).body).toEqual({ data: [] }); // …B's account of the same id has none
  },
  'GET /accounts/{accountId}/price_plans': async (w) => {
    const path = `/accounts/${w.planAccount}/price_plans`;
    expect((await w.a.get(path)).body.data).toHaveLength(1); // A's account has a plan…
    expect((await w.b.get(path)).body).toEqual({ data: [] }); // …B's account of the same id has none
  },
  'GET /accounts/{accountId}/statement': async (w) => {
    const path = `/accounts/${w.planAccount}/statement`;
    expect((await w.a.get(path)).body.totals).toEqual([{ currency: 'USD', amount: '7.00' }]); // A's account has a statement…
    expect((await w.b.get(path)).body).toMatchObject({ status: 404, code: 'no_price_plan' }); // …B's of the same id has no plan
  },
  'GET /accounts/{accountId}/pricing_schedules': async (w) => {
    const path = `/accounts/${w.planAccount}/pricing_schedules`;
    expect((await w.a.get(path)).body.data).toHaveLength(1); // A's account has a schedule…
    expect((await w.b.get(path)).body).toEqual({ data: [] }); // …B's account of the same id has none
  },
  'POST /accounts/{accountId}/edit_schedules': async (w) => {
    const path = `/accounts/${w.planAccount}/edit_schedules`;
    // B can neither use A's plan nor end A's association; B's own account of that id has no schedule to end.
    const associate = await w.b.post(path, {
      edits: [{ pricePlanId: w.planId, effectiveFrom: '2026-06-01', effectiveUntil: '9999-01-01' }],
    });
    expect(associate).toMatchObject({ status: 422, body: { errors: [{ path: 'edits.0.pricePlanId' }] } });
    const end = await w.b.post(path, {
      edits: [{ mode: 'DISASSOCIATE', effectiveFrom: '2026-01-02', effectiveUntil: '9999-01-01' }],
    });
    expect(end).toMatchObject({ status: 200, body: { pricingSchedules: [] } });
    expect((await w.a.get(`/accounts/${w.planAccount}/price_plans`)).body.data).toMatchObject([
      { pricePlanId: w.planId },
    ]);
    expect((await w.a.get(`/accounts/${w.planAccount}/price_plans`)).body.data[0]).not.toHaveProperty('effectiveUntil');
  },
  'POST /accounts/{accountId}/price_plans': async (w) => {
    const path = `/accounts/${w.planAccount}/price_plans`;
    // B cannot associate its account with A's plan, nor end A's association: for B the plan does not exist.
    const response = await w.b.post(path, { pricePlanId: w.planId, effectiveFrom: '2026-06-01T00:00:00Z' });
    expect(response).toMatchObject({ status: 422, body: { errors: [{ path: 'pricePlanId' }] } });
  },
};

let world: World;
beforeAll(async () => {
  const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  const tenantB = unique('tenant-b').replace(/_/g, '-');
  let secretB: string;
  try {
    await ensureTenant(db, tenantB);
    secretB = (await createApiKey(db, tenantB, { name: 'admin of B', scopes: ['admin'] })).secret;
    // A parked message of A's: nothing but a queue consumer can make one.
    await parkMessages(db, [
      {
        queue: 'meterline-ledger',
        tenantId: 'dev',
        body: { kind: 'debits', tenantId: 'dev', note: PARKED_NOTE },
        reason: 'isolation test',
      },
    ]);
  } finally {
    await close();
  }
  const a = api();
  const schema = unique('owned_by_a');
  await a.post('/event_schema', { name: schema, attributes: [{ name: 'units' }] });
  await a.post(`/event_schema/${schema}/activate`);
  const meter = await a.post('/usage_meters', {
    name: unique('m'),
    aggregation: 'SUM',
    eventSchemaName: schema,
    computations: [{ computation: '{"var":"attributes.units"}', order: 1 }],
  });
  await a.post(`/usage_meters/${meter.body.id}/activate`);
  const feature = await a.post('/features', {
    name: unique('f'),
    schemaAssociations: [{ schemaName: schema, attributeName: 'units' }],
  });
  const event = eventOf(schema);
  await a.post('/ingest', { event });
  const key = await a.post('/api_keys', { name: 'owned by A', scopes: ['read'] });
  await a.post(`/accounts/acme/features/${feature.body.id}/entries`, { id: 'a-entry', granted: '100' });
  await a.put(`/accounts/acme/entitlements/${feature.body.id}`, { value: 'true' });
  const plan = await a.post('/price_plans', {
    name: unique('p'),
    currency: 'USD',
    pricingCycle: { interval: 'MONTHLY' },
    usageRateCards: [{ usageMeterId: meter.body.id, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '1' }] }],
  });
  await a.post(`/price_plans/${plan.body.id}/activate`);
  const planAccount = unique('acct');
  // The account on the plan is also a created account: both kinds of route key on the same id.
  const customerId = unique('cust');
  await a.post('/customers', {
    id: customerId,
    name: 'Customer of A',
    primaryEmail: 'a@a.test',
    address: {},
    account: { id: planAccount, name: 'Account of A', aliases: [ALIAS_OF_A] },
  });
  await a.post(`/accounts/${planAccount}/price_plans`, {
    pricePlanId: plan.body.id,
    effectiveFrom: '2026-01-01T00:00:00Z',
  });
  const alert = await a.post('/alerts', {
    alertTemplateId: 'USAGE_THRESHOLD',
    interval: 0,
    status: 'ACTIVE',
    entityDetails: { usageMeter: { id: meter.body.id } },
    ownerDetails: { account: { id: planAccount } },
    parameters: { threshold: { values: [1] } },
  });
  expect(alert.status).toBe(200);
  // Nothing listens there: its deliveries end DEAD, which is all this test needs of them.
  const webhook = await a.post('/webhooks', { url: 'http://127.0.0.1:9/of-a' });
  expect(webhook.status).toBe(201);
  await a.post('/ingest', { event: { ...eventOf(schema), accountId: planAccount } });
  await a.post('/aliases', { aliases: [{ value: ALIAS_REGISTERED_BY_A }] });
  await a.post('/settings', {
    id: 'of_a',
    namespace: 'USER',
    name: 'of A',
    entityType: 'ACCOUNT',
    entityId: planAccount,
    value: 'A',
    dataType: 'STRING',
  });
  await a.post(`/accounts/${planAccount}/features/${feature.body.id}/entries`, { granted: '5' });
  const reservation = await a.post('/reservations', {
    id: unique('res'),
    accountId: planAccount,
    featureId: feature.body.id,
    amount: 1,
    ttlSeconds: 3600,
  });
  expect(reservation.status).toBe(201);
  expect((await a.put(`/accounts/${planAccount}/spend_limit`, { amount: 50, currency: 'USD' })).status).toBe(200);
  const moneyReservation = await a.post('/reservations', {
    id: unique('money'),
    accountId: planAccount,
    amount: 2,
    currency: 'USD',
    ttlSeconds: 3600,
  });
  expect(moneyReservation.status).toBe(201);
  const credit = await a.post('/credits', {
    creditRequests: [
      { accountId: planAccount, purpose: 'of A', effectiveFrom: '2026-01-01', creditAmount: 1000, priority: 1 },
    ],
  });
  // January 2026 of planAccount, frozen as of 1 February 2026 (the freeze pass is the only maker of invoices).
  const invoiceDb = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  try {
    await freezeAccountInvoices(invoiceDb.db, 'dev', planAccount, Date.parse('2026-02-01T00:00:00Z'));
  } finally {
    await invoiceDb.close();
  }
  const invoiceId = (await a.get(`/invoices?ownerId=${planAccount}&endTime=${Date.parse('2026-02-01T00:00:00Z')}`)).body
    .data[0].id;
  world = {
    a,
    b: api(secretB),
    invoiceId,
    schema,
    meterId: meter.body.id,
    featureId: feature.body.id,
    planId: plan.body.id,
    planAccount,
    customerId,
    keyId: key.body.id,
    eventId: event.id,
    creditId: credit.body.credits[0].id,
    settingRef: `setting.USER.of_a.ACCOUNT.${planAccount}`,
    reservationId: (reservation.body.reservation ?? reservation.body).id,
    moneyReservationId: moneyReservation.body.reservation.id,
    alertId: alert.body.id,
    webhookId: webhook.body.id,
    incidentId: (
      await eventually(
        () => a.get(`/incidents?alertId=${alert.body.id}`),
        (r) => r.body?.data?.length === 1,
      )
    ).body.data[0].id,
  };
  // Wait until A has usage, so "B sees none" is a real difference.
  await eventually(
    () => a.get(usagePath(meter.body.id)),
    (r) => r.body?.value === '14',
  );
});

const routes = Object.values(apiRoutes).flatMap((group) => Object.values(group));

describe('tenant isolation, route by route', () => {
  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (key, route) => {
    const params = route.path.match(/\{\w+\}/g) ?? [];
    if (params.length === 0) {
      const check = checks[key];
      if (!check) {
        throw new Error(`no isolation case for ${key}: add one to this test`);
      }
      return check(world, route.path);
    }
    const ids: [string, string][] = [
      ['/api_keys', world.keyId],
      ['/events', world.eventId],
      ['/features', world.featureId],
      ['/price_plans', world.planId],
      ['/credits', world.creditId],
    ];
    const id = ids.find(([prefix]) => route.path.startsWith(`${prefix}/`))?.[1] ?? world.meterId;
    const path = route.path
      .replace('{name}', world.schema)
      .replace('{id}', id)
      .replace('{customerId}', world.customerId)
      .replace('{creditId}', world.creditId)
      .replace('{settingIdStr}', world.settingRef)
      .replace('{reservationId}', world.reservationId)
      .replace('{alias}', ALIAS_REGISTERED_BY_A)
      .replace(
        '{accountId}',
        [apiRoutes.accounts!, apiRoutes.credits!].some((group) => Object.values(group).includes(route))
          ? world.planAccount
          : 'acme',
      )
      .replace('{featureId}', world.featureId)
      .replace('{entryId}', 'a-entry')
      .replace('{alert_id}', world.alertId)
      .replace('{incident_id}', world.incidentId)
      .replace('{webhook_id}', world.webhookId)
      .replace('{message_id}', world.incidentId)
      .replace('{invoice_id}', world.invoiceId);
    if (pathChecks[key]) {
      return pathChecks[key](world, path);
    }
    const body = bodies[key] ?? {};
    const b = world.b;
    const send = {
      get: () => b.get(path),
      delete: () => b.delete(path),
      post: () => b.post(path, body),
      patch: () => b.patch(path, body),
      put: () => b.put(path, body),
    };
    const response = await send[route.method as keyof typeof send]();
    expect([response.status, key]).toEqual([404, key]);
  });

  it("lets B use A's names for its own objects: names are per tenant", async () => {
    expect((await world.b.post('/event_schema', { name: world.schema, attributes: [{ name: 'other' }] })).status).toBe(
      201,
    );
    const customer = {
      id: world.customerId,
      name: 'Customer of B',
      primaryEmail: 'b@b.test',
      address: {},
      account: { id: world.planAccount, name: 'Account of B' },
    };
    expect((await world.b.post('/customers', customer)).status).toBe(201);
  });

  it("leaves A's objects and usage exactly as they were", async () => {
    const schema = await world.a.get(`/event_schema/${world.schema}`);
    expect(schema.body).toMatchObject({ status: 'ACTIVE', version: 1, attributes: [{ name: 'units' }] });
    expect(schema.body.description).toBeUndefined();
    const meter = await world.a.get(`/usage_meters/${world.meterId}`);
    expect(meter.body).toMatchObject({ status: 'ACTIVE' });
    expect(meter.body.description).toBeUndefined();
    const feature = await world.a.get(`/features/${world.featureId}`);
    expect(feature.body).toMatchObject({
      status: 'ACTIVE',
      schemaAssociations: [{ schemaName: world.schema, attributeName: 'units' }],
    });
    expect(feature.body.billableName).toBeUndefined();
    expect((await world.a.get(usagePath(world.meterId))).body.value).toBe('14');
    expect((await world.a.get(`/api_keys/${world.keyId}`)).body.revokedAt).toBeNull();
    expect((await world.a.get(`/events/${world.eventId}`)).body.events[0].ingestionStatus).toEqual({
      status: 'INGESTION_COMPLETED_EVENT_METERED',
    });
    // The event A ingested consumed 7 of its 100 units, and nothing of B's changed them.
    const credits = await eventually(
      () => world.a.get(`/accounts/acme/features/${world.featureId}`),
      (r) => r.body?.balance === 93,
    );
    expect(credits.body).toEqual({
      accountId: 'acme',
      featureId: world.featureId,
      granted: 100,
      balance: 93,
      usedOverage: 0,
    });
    expect((await world.a.get(`/accounts/acme/entitlements/${world.featureId}`)).body).toEqual({
      data: [{ featureId: world.featureId, featureName: expect.any(String), value: 'true' }],
    });
    expect((await world.a.get(`/customers/${world.customerId}`)).body).toMatchObject({
      name: 'Customer of A',
      status: 'ACTIVE',
    });
    const account = (await world.a.get(`/accounts/${world.planAccount}`)).body;
    expect(account).toMatchObject({
      name: 'Account of A',
      customerId: world.customerId,
      status: 'ACTIVE',
      aliases: [{ alias: ALIAS_OF_A }],
    });
    expect((await world.a.get(`/accounts/${world.planAccount}/account_aliases`)).body.data).toHaveLength(1);
    const plan = await world.a.get(`/price_plans/${world.planId}`);
    expect(plan.body).toMatchObject({
      status: 'ACTIVE',
      version: 1,
      usageRateCards: [{ usageMeterId: world.meterId }],
    });
    expect(plan.body.description).toBeUndefined();
    expect((await world.a.get(`/settings/${world.settingRef}`)).body).toMatchObject({ value: 'A', name: 'of A' });
    expect((await world.a.get(`/credits/${world.creditId}`)).body).toMatchObject({
      status: 'ACTIVE',
      creditAmount: 1000,
      accountId: world.planAccount,
    });
    const associations = (await world.a.get(`/accounts/${world.planAccount}/price_plans`)).body.data;
    expect(associations).toEqual([
      expect.objectContaining({
        pricePlanId: world.planId,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00.000Z',
      }),
    ]);
    expect(associations[0]).not.toHaveProperty('effectiveUntil');
  });
});

function eventOf(schemaName: string) {
  return {
    id: unique('iso'),
    schemaName,
    timestamp: new Date().toISOString(),
    accountId: 'acme',
    attributes: [{ name: 'units', value: '7' }],
    dimensions: {},
  };
}

function usagePath(meterId: string) {
  return `/usage?meterId=${meterId}&from=2026-01-01T00:00:00Z&to=${READ_UNTIL}`;
}
