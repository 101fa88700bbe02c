import { beforeAll, describe, expect, inject, it } from 'vitest';
import { MeterlineClient, NotEntitledError, SpendLimitExceededError } from '../../client/meterline-client';
import { Decimal } from '../../shared/decimal/decimal';
import { api, eventually, READ_UNTIL, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';

/**
 * Reservations end to end (docs/design.md §15), through the published client against the running stack:
 * LLM-style calls whose cost is known only when they end, each holding an estimate, doing the
 * work and settling the actual tokens. However many race, they stop at the budget, and every
 * settled call is metered exactly once.
 */
const client = api();
const meterline = new MeterlineClient({ baseUrl: inject('stackUrl'), apiKey: inject('apiKey') });

let schema: string;
let tokens: string;
let meter: string;

beforeAll(async () => {
  schema = unique('llm');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'tokens' }] })).status).toBe(201);
  await client.post(`/event_schema/${schema}/activate`);
  const feature = await client.post('/features', {
    name: unique('tokens'),
    schemaAssociations: [{ schemaName: schema, attributeName: 'tokens' }],
  });
  tokens = feature.body.id;
  const created = await client.post('/usage_meters', {
    name: unique('tokens'),
    aggregation: 'SUM',
    eventSchemaName: schema,
    computations: [{ computation: '{"var":"attributes.tokens"}', order: 1 }],
  });
  meter = created.body.id;
  expect((await client.post(`/usage_meters/${meter}/activate`)).status).toBe(200);
});

async function metered(account: string): Promise<string> {
  const response = await client.get(
    `/usage?meterId=${meter}&accountId=${encodeURIComponent(account)}&from=2026-01-01T00:00:00Z&to=${READ_UNTIL}`,
  );
  return response.body?.value ?? 'none';
}

describe('reservations', () => {
  it('50 concurrent LLM-style calls against a 1 000-token budget stop at the budget, each settled call metered once', async () => {
    const account = unique('llm-budget');
    expect((await client.post(`/accounts/${account}/features/${tokens}/entries`, { granted: 1000 })).status).toBe(201);
    const ESTIMATE = 80;
    let settled = 0;
    let refused = 0;
    // Each caller keeps calling until its hold is refused: the budget, not the callers, ends it.
    await Promise.all(
      Array.from({ length: 50 }, async (_, caller) => {
        for (let call = 0; ; call++) {
          try {
            const { settlement } = await meterline.withReservation(
              { accountId: account, featureId: tokens, amount: ESTIMATE, ttlSeconds: 60 },
              async () => {
                const used = 20 + ((caller * 7 + call * 13) % 61); // 20..80 tokens, known only at the end
                return {
                  usage: { schemaName: schema, attributes: [{ name: 'tokens', value: String(used) }] },
                  result: used,
                };
              },
            );
            settled += settlement!.reservation.settledAmount!;
          } catch (error) {
            if (!(error instanceof NotEntitledError)) {
              throw error;
            }
            expect(error.reason).toBe('INSUFFICIENT_CREDITS');
            refused++;
            return;
          }
        }
      }),
    );
    expect(refused).toBe(50);
    // Never past the budget; stopped only when less than one estimate was left.
    expect(settled).toBeLessThanOrEqual(1000);
    expect(settled).toBeGreaterThan(1000 - ESTIMATE);
    const credits = await meterline.featureCredits(account, tokens);
    expect(credits).toMatchObject({ granted: 1000, balance: 1000 - settled, usedOverage: 0 });
    // Each settle ingested its event once: the meter counts exactly the settled tokens, and the
    // rater's metering does not debit them a second time.
    expect(
      await eventually(
        () => metered(account),
        (v) => v === String(settled),
      ),
    ).toBe(String(settled));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await meterline.featureCredits(account, tokens)).toMatchObject({ balance: 1000 - settled });
  });

  it('a retried reserve and settle hold and ingest once; release gives the hold back', async () => {
    const account = unique('llm-retry');
    await client.post(`/accounts/${account}/features/${tokens}/entries`, { granted: 100 });
    const request = { id: 'call-1', accountId: account, featureId: tokens, amount: 60 };
    const first = await meterline.reserve(request);
    expect(await meterline.reserve(request)).toEqual(first);
    expect(first.balances[0]).toMatchObject({ balance: 40 });
    const event = {
      schemaName: schema,
      accountId: account,
      timestamp: new Date().toISOString(),
      attributes: [{ name: 'tokens', value: '25' }],
    };
    const settled = await meterline.settle(first.reservation.id, event);
    expect(settled).toMatchObject({
      reservation: { status: 'SETTLED', settledAmount: 25 },
      event: { status: 'ACCEPTED' },
      balances: [{ balance: 75 }],
    });
    expect(await meterline.settle(first.reservation.id, event)).toMatchObject({
      event: { status: 'DUPLICATE' },
      balances: [{ balance: 75 }],
    });

    const second = await meterline.reserve({ accountId: account, featureId: tokens, amount: 70 });
    expect(second.balances[0]).toMatchObject({ balance: 5 });
    expect(await meterline.release(second.reservation.id)).toMatchObject({ status: 'RELEASED' });
    expect(await meterline.featureCredits(account, tokens)).toMatchObject({ balance: 75 });
    expect(
      await eventually(
        () => metered(account),
        (v) => v === '25',
      ),
    ).toBe('25');
  });

  it('answers bad input with problem+json naming the field', async () => {
    const bad = await client.post('/reservations', { accountId: 'a', featureId: tokens, amount: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('amount');
    const unknown = await client.post('/reservations', { accountId: 'a', featureId: 'feat.nope', amount: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'featureId', message: "no ACTIVE feature 'feat.nope'" }]);
    const badId = await client.post('/reservations/not-an-id/release', {});
    expect(badId.status).toBe(422);
    expect(badId.body.errors[0].path).toBe('reservationId');
    const missing = await client.get(
      `/reservations/${(await meterline.reserve({ accountId: 'x', featureId: tokens, amount: 1 }).catch((e: NotEntitledError) => e)) instanceof NotEntitledError ? 'rsv_WyJ4Iiwibm9uZSJd' : ''}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('reservation_not_found');
  });
});

/**
 * An account on a plan of 0.01 USD a token in a monthly cycle open now, metering a schema of its own
 * with no feature: a money settle then debits no credits, only costs money.
 */
async function pricedAccount() {
  const priced = unique('priced');
  await client.post('/event_schema', { name: priced, attributes: [{ name: 'tokens' }] });
  await client.post(`/event_schema/${priced}/activate`);
  const pricedMeter = (
    await client.post('/usage_meters', {
      name: unique('priced_tokens'),
      aggregation: 'SUM',
      eventSchemaName: priced,
      computations: [{ computation: '{"var":"attributes.tokens"}', order: 1 }],
    })
  ).body.id;
  await client.post(`/usage_meters/${pricedMeter}/activate`);
  const cycle = openMonthlyCycle();
  const plan = await client.post('/price_plans', {
    name: unique('per_token'),
    currency: 'USD',
    pricingCycle: cycle.pricingCycle,
    usageRateCards: [{ usageMeterId: pricedMeter, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.01' }] }],
  });
  expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
  const account = unique('spender');
  const associated = await client.post(`/accounts/${account}/price_plans`, {
    pricePlanId: plan.body.id,
    effectiveFrom: new Date(cycle.start).toISOString(),
  });
  expect(associated.status).toBe(200);
  return { priced, pricedMeter, cycle, account };
}

describe('money reservations against a spend limit', () => {
  it('20 concurrent holds stop at the limit; settles ingest once; once rated, spent equals the revenue', async () => {
    const { priced, pricedMeter, cycle, account } = await pricedAccount();
    const limit = await client.put(`/accounts/${account}/spend_limit`, { amount: 5, currency: 'USD' });
    expect(limit.body).toEqual({ accountId: account, spendLimit: { amount: 5, currency: 'USD' } });

    // 20 holds of 1 USD at once against 5 USD: the ledger admits exactly what fits.
    const holds = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        meterline
          .reserve({ id: `hold-${i}`, accountId: account, amount: 1, currency: 'USD', ttlSeconds: 300 })
          .catch((error: unknown) => {
            if (!(error instanceof SpendLimitExceededError)) {
              throw error;
            }
            expect(error.details).toMatchObject({ limit: 5, currency: 'USD', requested: 1 });
            expect(error.details.available).toBeLessThan(1);
            return null;
          }),
      ),
    );
    const admitted = holds.filter((h) => h !== null);
    expect(admitted).toHaveLength(5);
    expect(admitted.reduce((sum, h) => sum + h.reservation.amount, 0)).toBeLessThanOrEqual(5);
    expect(await meterline.spend(account)).toMatchObject({ held: 5, available: 0 });

    // Each settles with what it used (30..90 tokens at 0.01 USD: under its estimate), twice: ingested once.
    const used = admitted.map((_, i) => 30 + 15 * i);
    await Promise.all(
      admitted.map(async (h, i) => {
        const event = {
          schemaName: priced,
          accountId: account,
          timestamp: new Date().toISOString(),
          attributes: [{ name: 'tokens', value: String(used[i]) }],
        };
        const first = await meterline.settle(h.reservation.id, event);
        expect(first).toMatchObject({
          reservation: { status: 'SETTLED', currency: 'USD' },
          event: { status: 'ACCEPTED' },
        });
        expect((await meterline.settle(h.reservation.id, event)).event).toMatchObject({
          eventId: first.event.eventId,
          status: 'DUPLICATE',
        });
      }),
    );
    const tokensUsed = used.reduce((a, b) => a + b, 0);
    const meteredTokens = await eventually(
      () =>
        client.get(
          `/usage?meterId=${pricedMeter}&accountId=${account}&from=${new Date(cycle.start).toISOString()}&to=${READ_UNTIL}`,
        ),
      (r) => r.body?.value === String(tokensUsed),
    );
    expect(meteredTokens.body.value).toBe(String(tokensUsed));

    // Rated: each estimate pending is replaced by its event's revenue, which GET /revenue reports too.
    const revenue = await eventually(
      () => client.get(`/revenue?from=${new Date(cycle.start).toISOString()}&to=${READ_UNTIL}&accountId=${account}`),
      (r) => r.body?.totals?.[0]?.value !== undefined && new Decimal(r.body.totals[0].value).eq(tokensUsed / 100),
    );
    const rated = revenue.body.totals[0].value;
    const spend = await eventually(
      () => meterline.spend(account),
      (s) => s.pending === 0,
    );
    expect(spend).toMatchObject({ spendLimit: { amount: 5, currency: 'USD' }, held: 0, pending: 0 });
    // The same decimal (GET /revenue writes it to the currency's minor unit: "3.00").
    expect(new Decimal(rated).eq(String(spend.spent)), `${rated} vs ${spend.spent}`).toBe(true);
    expect(new Decimal(rated).eq(tokensUsed / 100)).toBe(true);
    expect(spend.available).toBe(5 - tokensUsed / 100);
  });
  it('spent follows the cycle’s revenue: rated before the limit, corrected after, across removal and a new limit', async () => {
    const { priced, cycle, account } = await pricedAccount();
    const from = new Date(cycle.start).toISOString();
    const event = (tokens: number) => ({
      id: unique('call'),
      schemaName: priced,
      accountId: account,
      timestamp: new Date().toISOString(),
      attributes: [{ name: 'tokens', value: String(tokens) }],
    });
    const revenue = async () => {
      const r = await client.get(`/revenue?from=${from}&to=${READ_UNTIL}&accountId=${account}`);
      return new Decimal(r.body?.totals?.[0]?.value ?? 0);
    };
    /** Waits until Postgres has rated `expected` and the ledger's spent agrees with it. */
    const settlesAt = async (expected: number) => {
      await eventually(revenue, (r) => r.eq(expected));
      const spend = await eventually(
        () => meterline.spend(account),
        (s) => new Decimal(String(s.spent)).eq(expected),
      );
      expect(spend, `spent after revenue ${expected}`).toMatchObject({ spent: expected, pending: 0 });
    };

    // Rated before there is any limit: the limit, once set, starts from what the cycle has spent.
    const early = event(120);
    expect((await client.post('/ingest', { event: early })).status).toBe(202);
    await eventually(revenue, (r) => r.eq(1.2));
    expect((await client.put(`/accounts/${account}/spend_limit`, { amount: 5, currency: 'USD' })).status).toBe(200);
    await settlesAt(1.2);

    const later = event(200);
    expect((await client.post('/ingest', { event: later })).status).toBe(202);
    await settlesAt(3.2);
    // Corrections move spent with the revenue: an UNDO takes an event's cost back, a REDO_EVENT re-prices it.
    await eventually(
      () => client.get(`/events/${later.id}`),
      (r) => r.status === 200,
    );
    expect((await client.post('/events/correction?action=UNDO', { event: later })).status).toBe(200);
    await settlesAt(1.2);
    const replaced = { ...early, attributes: [{ name: 'tokens', value: '50' }] };
    expect((await client.post('/events/correction?action=REDO_EVENT', { event: replaced })).status).toBe(200);
    await settlesAt(0.5);
    // Above what is left (4.5), a hold is refused.
    await expect(
      meterline.reserve({ id: unique('hold'), accountId: account, amount: 4.6, currency: 'USD', ttlSeconds: 60 }),
    ).rejects.toBeInstanceOf(SpendLimitExceededError);

    // Removed, then set again: what was rated meanwhile still counts, and nothing twice.
    expect((await client.delete(`/accounts/${account}/spend_limit`)).status).toBe(200);
    expect((await client.post('/ingest', { event: event(30) })).status).toBe(202);
    await eventually(revenue, (r) => r.eq(0.8));
    expect((await client.put(`/accounts/${account}/spend_limit`, { amount: 1, currency: 'USD' })).status).toBe(200);
    await settlesAt(0.8);
    expect(await meterline.spend(account)).toMatchObject({
      spendLimit: { amount: 1, currency: 'USD' },
      available: 0.2,
    });
  });
});
