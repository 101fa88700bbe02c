import { beforeAll, describe, expect, inject, it } from 'vitest';
import { MeterlineClient } from '../../client/meterline-client';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../local/node-database';
import { api, eventually, READ_UNTIL, unique } from '../support/api-client';

/**
 * Entitlements end to end (docs/design.md §8), through the public API of the running stack: features,
 * credit grants, POST /entitled under contention, and usage arriving through /ingest consuming the
 * same balance through the rater — never twice.
 */
const client = api();
const meterline = new MeterlineClient({ baseUrl: inject('stackUrl'), apiKey: inject('apiKey') });

let callSchema: string;
let tokenSchema: string;
let calls: string; // count-style feature on callSchema
let tokens: string; // attribute feature on tokenSchema
let callMeter: string;

const credits = (account: string, feature: string) => `/accounts/${encodeURIComponent(account)}/features/${feature}`;
const callEvent = (accountId: string, id = unique('call')) => ({
  id,
  schemaName: callSchema,
  timestamp: new Date().toISOString(),
  accountId,
});

async function grant(account: string, feature: string, granted: string, extra: Record<string, unknown> = {}) {
  const response = await client.post(`${credits(account, feature)}/entries`, { granted, ...extra });
  expect(response.status).toBe(201);
  return response.body;
}

async function metered(account: string): Promise<string> {
  const response = await client.get(
    `/usage?meterId=${callMeter}&accountId=${encodeURIComponent(account)}&from=2026-01-01T00:00:00Z&to=${READ_UNTIL}`,
  );
  return response.body?.value ?? 'none';
}

beforeAll(async () => {
  callSchema = unique('call');
  tokenSchema = unique('tokens');
  expect((await client.post('/event_schema', { name: callSchema })).status).toBe(201);
  expect((await client.post('/event_schema', { name: tokenSchema, attributes: [{ name: 'tokens' }] })).status).toBe(
    201,
  );
  await client.post(`/event_schema/${callSchema}/activate`);
  await client.post(`/event_schema/${tokenSchema}/activate`);
  const callFeature = await client.post('/features', {
    name: unique('calls'),
    schemaAssociations: [{ schemaName: callSchema }],
  });
  const tokenFeature = await client.post('/features', {
    name: unique('tokens'),
    schemaAssociations: [{ schemaName: tokenSchema, attributeName: 'tokens' }],
  });
  expect([callFeature.status, tokenFeature.status]).toEqual([200, 200]);
  calls = callFeature.body.id;
  tokens = tokenFeature.body.id;
  const meter = await client.post('/usage_meters', {
    name: unique('calls'),
    aggregation: 'COUNT',
    eventSchemaName: callSchema,
  });
  callMeter = meter.body.id;
  expect((await client.post(`/usage_meters/${callMeter}/activate`)).status).toBe(200);
});

describe('POST /entitled under contention', () => {
  it('allows exactly 100 of 200 concurrent calls against 100 units; the rater meters exactly those 100', async () => {
    const account = unique('race');
    await grant(account, calls, '100');
    const answers = await Promise.all(Array.from({ length: 200 }, () => meterline.entitled(callEvent(account))));

    const allowed = answers.filter((a) => a.entitled);
    const denied = answers.filter((a) => !a.entitled);
    expect(allowed).toHaveLength(100);
    expect(denied).toHaveLength(100);
    expect(denied.every((a) => !a.entitled && a.reason === 'INSUFFICIENT_CREDITS')).toBe(true);
    expect(await meterline.featureCredits(account, calls)).toEqual({
      accountId: account,
      featureId: calls,
      granted: 100,
      balance: 0,
      usedOverage: 0,
    });

    expect(
      await eventually(
        () => metered(account),
        (v) => v === '100',
      ),
    ).toBe('100');
    // One more event through /ingest goes into overage (no limit is needed for usage that happened)
    // — and only it: the 100 entitled events, metered too, are not debited a second time.
    expect((await client.post('/ingest', { event: callEvent(account) })).status).toBe(202);
    const after = await eventually(
      () => meterline.featureCredits(account, calls),
      (c) => c.usedOverage !== 0,
    );
    expect(after).toMatchObject({ balance: -1, usedOverage: 1 });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await meterline.featureCredits(account, calls)).toMatchObject({ balance: -1, usedOverage: 1 });
    expect(await metered(account)).toBe('101');
  });
});

describe('POST /entitled', () => {
  it('debits a retried event once and answers DUPLICATE; the same event through /ingest is a duplicate too', async () => {
    const account = unique('retry');
    await grant(account, calls, '5');
    const event = callEvent(account);
    const first = await client.post('/entitled', { event });
    expect(first.status).toBe(200);
    expect(first.body.details).toMatchObject({
      entitled: true,
      eventId: event.id,
      status: 'ACCEPTED',
      balances: [{ featureId: calls, balance: 4 }],
    });
    const again = await client.post('/entitled', { event });
    expect(again.status).toBe(200);
    expect(again.body.details).toMatchObject({ entitled: true, status: 'DUPLICATE', balances: [{ balance: 4 }] });
    expect((await client.post('/ingest', { event })).body.details.status).toBe('DUPLICATE');
    await eventually(
      () => metered(account),
      (v) => v === '1',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await client.get(credits(account, calls))).body.balance).toBe(4);
  });

  it('debits the attribute value of an attribute feature, exactly', async () => {
    const account = unique('tokens');
    await grant(account, tokens, '1000.5');
    const event = {
      id: unique('t'),
      schemaName: tokenSchema,
      timestamp: new Date().toISOString(),
      accountId: account,
      attributes: [{ name: 'tokens', value: '999.25' }],
    };
    const answer = await meterline.entitled(event);
    expect(answer).toMatchObject({ entitled: true, balances: [{ featureId: tokens, balance: 1.25 }] });
    const over = await meterline.entitled({
      ...event,
      id: unique('t'),
      attributes: [{ name: 'tokens', value: '1.26' }],
    });
    expect(over).toMatchObject({ entitled: false, reason: 'INSUFFICIENT_CREDITS', featureId: tokens, available: 1.25 });
  });

  it('refuses with the reason, debiting and ingesting nothing — the event can be sent again after a top-up', async () => {
    const account = unique('refused');
    const event = callEvent(account);
    const noGrant = await client.post('/entitled', { event });
    expect(noGrant.status).toBe(403);
    expect(noGrant.contentType).toMatch(/^application\/json/);
    expect(noGrant.body).toMatchObject({
      success: false,
      details: { entitled: false, reason: 'NO_GRANT', featureId: calls, eventId: event.id },
    });
    await grant(account, calls, '1');
    expect((await client.post('/entitled', { event })).body.details).toMatchObject({
      entitled: true,
      status: 'ACCEPTED',
    });
  });

  it('refuses an event no feature consumes with NO_FEATURE', async () => {
    const schema = unique('free');
    await client.post('/event_schema', { name: schema });
    await client.post(`/event_schema/${schema}/activate`);
    const response = await client.post('/entitled', {
      event: { schemaName: schema, timestamp: new Date().toISOString(), accountId: 'acme' },
    });
    expect(response.status).toBe(403);
    expect(response.body.details).toMatchObject({ entitled: false, reason: 'NO_FEATURE', balances: [] });
  });

  it.each([
    [
      'an event lacking the attribute its feature consumes',
      () => ({ schemaName: tokenSchema, timestamp: new Date().toISOString(), accountId: 'a' }),
      'event.attributes',
    ],
    [
      'a negative amount',
      () => ({
        schemaName: tokenSchema,
        timestamp: new Date().toISOString(),
        accountId: 'a',
        attributes: [{ name: 'tokens', value: '-1' }],
      }),
      'event.attributes',
    ],
    [
      'an unknown schema',
      () => ({ schemaName: 'no_such_schema', timestamp: new Date().toISOString(), accountId: 'a' }),
      'event.schemaName',
    ],
    ['no timestamp', () => ({ schemaName: callSchema, accountId: 'a' }), 'event.timestamp'],
    // Older than a retry of an /entitled call can be: the ledger no longer knows such debits.
    [
      'an event stamped over 24 hours ago',
      () => ({
        schemaName: callSchema,
        timestamp: new Date(Date.now() - 25 * 3_600_000).toISOString(),
        accountId: 'a',
      }),
      'event.timestamp',
    ],
  ])('refuses %s with a 422 naming the field', async (_, event, path) => {
    const response = await client.post('/entitled', { event: event() });
    expect(response.status).toBe(422);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('answers 409 for an id taken by another event, and leaves the balance as it was', async () => {
    const account = unique('conflict');
    await grant(account, calls, '3');
    const event = callEvent(account);
    expect((await client.post('/ingest', { event: { ...event, dimensions: {} } })).status).toBe(202);
    const response = await client.post('/entitled', {
      event: { ...event, timestamp: new Date(Date.now() - 1000).toISOString() },
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'event_id_conflict', errors: [{ path: 'event.id' }] });
    // The ingested event is debited once by the rater; the refused one not at all.
    await eventually(
      () => meterline.featureCredits(account, calls),
      (c) => c.balance === 2,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await meterline.featureCredits(account, calls)).balance).toBe(2);
  });
});

describe('usage through /ingest', () => {
  it('consumes the balance within seconds, through the rater, each event once', async () => {
    const account = unique('ingest');
    await grant(account, calls, '10');
    const events = Array.from({ length: 3 }, () => callEvent(account));
    expect((await client.post('/ingestBatch', { events })).body.details.accepted).toBe(3);
    expect((await client.post('/ingestBatch', { events })).body.details.duplicates).toBe(3);
    const started = Date.now();
    const after = await eventually(
      () => meterline.featureCredits(account, calls),
      (c) => c.balance === 7,
    );
    expect(after.balance).toBe(7);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('corrections of consuming events', () => {
  it('give back and debit again through the ledger, each once and in order, to the balance of the final payload', async () => {
    const account = unique('corrected');
    await grant(account, tokens, '100');
    const event = {
      id: unique('tok'),
      schemaName: tokenSchema,
      timestamp: new Date().toISOString(),
      accountId: account,
      attributes: [{ name: 'tokens', value: '30' }],
    };
    expect((await client.post('/ingest', { event })).status).toBe(202);
    // Recorded (no meter counts it, but its tokens are consumed all the same): now it can be corrected.
    const recorded = await eventually(
      () => client.get(`/events/${event.id}`),
      (r) => r.status === 200,
    );
    expect(recorded.body.events[0].ingestionStatus.status).toBe('INGESTION_COMPLETED_NO_MATCHING_METERS');
    // At once, quite likely before the 30 tokens' debit has reached the ledger: replace, undo, redo.
    const replaced = { ...event, attributes: [{ name: 'tokens', value: '45' }] };
    for (const [action, body] of [
      ['REDO_EVENT', replaced],
      ['UNDO', replaced],
      ['UNDO', replaced],
      ['REDO', replaced],
    ] as const) {
      expect((await client.post(`/events/correction?action=${action}`, { event: body })).status, action).toBe(200);
    }
    // Once nothing is owed to the ledger any more (the debit, then 30 back, 45 debited, 45 back, 45 debited):
    const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
    try {
      const owed = async () => {
        const { rows } = await db.execute<{ n: string }>(sql`
          SELECT (SELECT count(*) FROM ledger_outbox WHERE event_id = ${event.id}) + (SELECT count(*) FROM ledger_corrections WHERE event_id = ${event.id}) AS n`);
        return Number(rows[0]!.n);
      };
      expect(await eventually(owed, (n) => n === 0)).toBe(0);
    } finally {
      await close();
    }
    expect(await meterline.featureCredits(account, tokens)).toMatchObject({
      granted: 100,
      balance: 55,
      usedOverage: 0,
    });
    const entries = await client.get(`${credits(account, tokens)}/entries`);
    expect(entries.body.data).toMatchObject([{ granted: 100, used: 45 }]);
  });
});

describe('credit entries', () => {
  it('grants, lists in pages, adjusts and voids entries, idempotent by id', async () => {
    const account = unique('entries');
    const until = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86_400_000).toISOString();
    const first = await grant(account, calls, '10', { id: 'purchase-1', source: 'REFUND', effectiveUntil: until });
    expect(first).toMatchObject({
      id: 'purchase-1',
      featureId: calls,
      source: 'REFUND',
      status: 'ACTIVE',
      granted: 10,
      used: 0,
      balance: 10,
      effectiveUntil: until,
    });
    const again = await client.post(`${credits(account, calls)}/entries`, {
      id: 'purchase-1',
      granted: 10,
      source: 'REFUND',
      effectiveUntil: until,
    });
    expect(again.status).toBe(200);
    const clash = await client.post(`${credits(account, calls)}/entries`, {
      id: 'purchase-1',
      granted: '11',
      source: 'REFUND',
      effectiveUntil: until,
    });
    expect(clash.status).toBe(409);
    await grant(account, calls, '5', { id: 'promo-1' });
    await grant(account, calls, '1', { id: 'promo-2', source: 'OVERAGE' });

    const page1 = await client.get(`${credits(account, calls)}/entries?pageSize=2`);
    expect(page1.body.data.map((e: { id: string }) => e.id)).toEqual(['purchase-1', 'promo-1']);
    const page2 = await client.get(`${credits(account, calls)}/entries?pageSize=2&nextToken=${page1.body.nextToken}`);
    expect(page2.body).toMatchObject({ data: [{ id: 'promo-2' }] });
    expect(page2.body.nextToken).toBeUndefined();
    // A token naming an entry of another account is not one this API gave for this account.
    const foreign = await client.get(`${credits(unique('other'), calls)}/entries?nextToken=${page1.body.nextToken}`);
    expect(foreign).toMatchObject({ status: 422, body: { errors: [{ path: 'nextToken' }] } });

    await meterline.entitled(callEvent(account));
    const lowered = await client.patch(`${credits(account, calls)}/entries/purchase-1`, { granted: '0.5' });
    expect(lowered.status).toBe(422);
    expect(lowered.body.errors[0].path).toBe('granted');
    expect((await client.patch(`${credits(account, calls)}/entries/purchase-1`, { granted: 4 })).body).toMatchObject({
      granted: 4,
      used: 1,
      balance: 3,
    });
    expect(await client.post(`${credits(account, calls)}/entries/promo-1/void`)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    expect((await client.get(`${credits(account, calls)}/entries`)).body.data[1]).toMatchObject({
      id: 'promo-1',
      status: 'VOIDED',
      balance: 0,
    });
    expect((await client.get(credits(account, calls))).body).toMatchObject({ granted: 5, balance: 4 });
    expect((await client.post(`${credits(account, calls)}/entries/nope/void`)).status).toBe(404);
  });

  it("stops entitling at an entry's effectiveUntil, exactly, while a later entry takes over", async () => {
    const account = unique('expiry');
    const boundary = Math.ceil((Date.now() + 2500) / 1000) * 1000;
    await grant(account, calls, '100', { id: 'ending', effectiveUntil: new Date(boundary).toISOString() });
    await grant(account, calls, '1', { id: 'next', effectiveFrom: new Date(boundary).toISOString() });
    expect((await meterline.entitled(callEvent(account))).entitled).toBe(true);
    expect(await meterline.featureCredits(account, calls)).toMatchObject({ granted: 100, balance: 99 });
    await new Promise((r) => setTimeout(r, boundary - Date.now() + 50));
    expect(await meterline.featureCredits(account, calls)).toMatchObject({ granted: 1, balance: 1 });
    expect((await meterline.entitled(callEvent(account))).entitled).toBe(true);
    expect(await meterline.entitled(callEvent(account))).toMatchObject({
      entitled: false,
      reason: 'INSUFFICIENT_CREDITS',
    });
    const entries = (await client.get(`${credits(account, calls)}/entries`)).body.data;
    expect(entries.map((e: { id: string; status: string; used: number }) => [e.id, e.status, e.used])).toEqual([
      ['ending', 'EXPIRED', 1],
      ['next', 'ACTIVE', 1],
    ]);
  });

  it('sets an overage limit the balance may go below zero by', async () => {
    const account = unique('overage');
    const set = await client.patch(credits(account, calls), { overageLimit: '2' });
    expect(set.body).toEqual({
      accountId: account,
      featureId: calls,
      granted: 0,
      balance: 0,
      overageLimit: 2,
      usedOverage: 0,
    });
    expect((await meterline.entitled(callEvent(account))).entitled).toBe(true);
    expect((await meterline.entitled(callEvent(account))).entitled).toBe(true);
    expect(await meterline.entitled(callEvent(account))).toMatchObject({
      entitled: false,
      reason: 'INSUFFICIENT_CREDITS',
    });
    expect(await meterline.featureCredits(account, calls)).toMatchObject({
      balance: -2,
      overageLimit: 2,
      usedOverage: 2,
    });
  });

  it.each([
    ['a negative grant', { granted: '-1' }, 'granted'],
    [
      'a grant that ends before it starts',
      { granted: '1', effectiveFrom: '2026-12-01T00:00:00Z', effectiveUntil: '2026-11-01T00:00:00Z' },
      'effectiveUntil',
    ],
    ['an unknown field', { granted: '1', amount: '1' }, '(body)'],
  ])('refuses %s with a 422 naming the field', async (_, body, path) => {
    const response = await client.post(`${credits(unique('bad'), calls)}/entries`, body);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('answers 404 for a feature the tenant does not have', async () => {
    const response = await client.get(credits('acme', 'feat.nope'));
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('feature_not_found');
  });
});

describe("Togai's models, field by field", () => {
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
  const keys = (o: object) => Object.keys(o).sort();

  /** Togai's FeatureCreditEntry: every required field, its type and enum; featureId is Meterline's. */
  function expectCreditEntry(entry: Record<string, unknown>) {
    expect(keys(entry)).toEqual([
      'balance',
      'effectiveFrom',
      'effectiveUntil',
      'featureId',
      'granted',
      'id',
      'source',
      'status',
      'used',
    ]);
    expect(['ENTITLEMENT', 'PRICE_PLAN', 'OVERAGE', 'REFUND']).toContain(entry.source);
    expect(['ACTIVE', 'EXPIRED', 'VOIDED']).toContain(entry.status);
    expect([entry.effectiveFrom, entry.effectiveUntil]).toEqual([
      expect.stringMatching(iso),
      expect.stringMatching(iso),
    ]);
    expect([typeof entry.granted, typeof entry.used, typeof entry.balance]).toEqual(['number', 'number', 'number']);
  }

  it('answers GetFeatureCreditsResponse, FeatureCreditEntry and its page with amounts as exact JSON numbers', async () => {
    const account = unique('togai');
    const entries = `${credits(account, calls)}/entries`;
    // Amounts in as numbers or strings; a number a double cannot hold is read from its text.
    expect((await client.text('POST', entries, '{"id": "big", "granted": 12345678901234567890.125}')).status).toBe(201);
    expect((await client.text('POST', entries, '{"id": "tiny", "granted": "0.1000000000000000000001"}')).status).toBe(
      201,
    );
    const later = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86_400_000).toISOString();
    const future = await client.text(
      'POST',
      entries,
      JSON.stringify({ id: 'later', granted: 2.5, effectiveFrom: later }),
    );
    expect(future.text).toContain('"granted":2.5,"used":0,"balance":2.5');

    const read = await client.text('GET', credits(account, calls));
    expect(read.status).toBe(200);
    expect(read.text).toBe(
      `{"accountId":"${account}","featureId":"${calls}","granted":12345678901234567890.2250000000000000000001,"balance":12345678901234567890.2250000000000000000001,"usedOverage":0}`,
    );

    const page = await client.text('GET', entries);
    const listed = JSON.parse(page.text) as { data: Record<string, unknown>[] };
    listed.data.forEach(expectCreditEntry);
    // Never-expiring credits end at Togai's last instant; credits not yet effective are ACTIVE, starting later.
    expect(listed.data.map((e) => [e.id, e.status, e.source, e.effectiveUntil])).toEqual([
      ['big', 'ACTIVE', 'ENTITLEMENT', '9999-12-31T23:59:59Z'],
      ['tiny', 'ACTIVE', 'ENTITLEMENT', '9999-12-31T23:59:59Z'],
      ['later', 'ACTIVE', 'ENTITLEMENT', '9999-12-31T23:59:59Z'],
    ]);
    expect(listed.data[2]!.effectiveFrom).toBe(later);
    expect(page.text).toContain('"granted":0.1000000000000000000001,"used":0,"balance":0.1000000000000000000001');
    // Togai's "never" sent back means never.
    const until = await client.text(
      'PATCH',
      `${entries}/tiny`,
      '{"effectiveUntil": "9999-12-31T23:59:59Z", "granted": 0.75}',
    );
    expect(until.status).toBe(200);
    expectCreditEntry(JSON.parse(until.text));
    expect(until.text).toContain('"effectiveUntil":"9999-12-31T23:59:59Z","granted":0.75,"used":0,"balance":0.75');

    expect(await client.post(`${entries}/later/void`)).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^application\/json/),
      body: { success: true },
    });
    expect(await client.post(`${entries}/later/void`)).toMatchObject({ status: 200, body: { success: true } });
  });

  it('answers /entitled with BaseSuccessResponse, the balances after it as exact JSON numbers', async () => {
    const account = unique('togai');
    await grant(account, tokens, '3.75');
    const event = (value: string) =>
      JSON.stringify({
        event: {
          id: unique('t'),
          schemaName: tokenSchema,
          timestamp: new Date().toISOString(),
          accountId: account,
          attributes: [{ name: 'tokens', value }],
        },
      });
    const entitled = await client.text('POST', '/entitled', event('1.5'));
    expect(entitled.status).toBe(200);
    expect(JSON.parse(entitled.text)).toMatchObject({ success: true, details: { entitled: true } });
    expect(entitled.text).toContain(
      `"balances":[{"accountId":"${account}","featureId":"${tokens}","granted":3.75,"balance":2.25,"usedOverage":0}]`,
    );
    const refused = await client.text('POST', '/entitled', event('2.5'));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({
      success: false,
      details: { entitled: false, reason: 'INSUFFICIENT_CREDITS' },
    });
    expect(refused.text).toContain('"available":2.25');
  });

  it('answers the entitlement value reads with GetEntitlementValuesResponse and a check with BaseSuccessResponse', async () => {
    const account = unique('togai');
    await client.put(`/accounts/${account}/entitlements/${calls}`, { value: 'gold' });
    for (const path of [`/accounts/${account}/entitlements`, `/accounts/${account}/entitlements/${calls}`]) {
      const read = await client.get(path);
      expect(read).toMatchObject({ status: 200, body: { data: [{ featureId: calls, value: 'gold' }] } });
      expect(keys(read.body)).toEqual(['data']);
    }
    const yes = await client.post(`/accounts/${account}/entitlements/${calls}`, { value: 'gold' });
    const no = await client.post(`/accounts/${account}/entitlements/${calls}`, { value: 'silver' });
    expect([yes.status, yes.body.success, no.status, no.body.success]).toEqual([200, true, 200, false]);
  });
});

describe('entitlement values', () => {
  it('sets, reads and checks a value per account and feature', async () => {
    const account = unique('values');
    expect((await client.put(`/accounts/${account}/entitlements/${calls}`, { value: '10' })).status).toBe(200);
    expect((await client.get(`/accounts/${account}/entitlements`)).body.data).toEqual([
      { featureId: calls, featureName: expect.any(String), value: '10' },
    ]);
    expect((await client.get(`/accounts/${account}/entitlements/${calls}`)).body).toEqual({
      data: [{ featureId: calls, featureName: expect.any(String), value: '10' }],
    });
    expect(await meterline.hasEntitlement(account, calls, '3')).toBe(true);
    expect(await meterline.hasEntitlement(account, calls, '11')).toBe(false);
    const refused = await client.post(`/accounts/${account}/entitlements/${calls}`, { value: '11' });
    expect(refused).toMatchObject({ status: 200, body: { success: false, entitled: false, value: '10' } });
    expect((await client.post(`/accounts/${account}/entitlements/${calls}`, { value: '10' })).body).toEqual({
      success: true,
      entitled: true,
      featureId: calls,
      value: '10',
    });
    expect((await client.get(`/accounts/${account}/entitlements/${tokens}`)).status).toBe(404);
  });
});

describe('scopes', () => {
  it('lets an ingest key call /entitled and read balances, but not grant', async () => {
    const created = await client.post('/api_keys', { name: unique('edge'), scopes: ['ingest'] });
    const edgeKey = api(created.body.key);
    const account = unique('scoped');
    expect((await edgeKey.post(`${credits(account, calls)}/entries`, { granted: '1' })).body).toMatchObject({
      status: 403,
      code: 'missing_scope',
    });
    await grant(account, calls, '1');
    expect((await edgeKey.post('/entitled', { event: callEvent(account) })).status).toBe(200);
    expect((await edgeKey.get(credits(account, calls))).body.balance).toBe(0);
    const readKey = api((await client.post('/api_keys', { name: unique('read'), scopes: ['read'] })).body.key);
    expect((await readKey.post('/entitled', { event: callEvent(account) })).body).toMatchObject({
      status: 403,
      code: 'missing_scope',
    });
  });
});
