import { beforeAll, describe, expect, inject, it } from 'vitest';
import { MeterlineClient, NotEntitledError } from '../../client/meterline-client';
import { api, eventually, READ_UNTIL, unique } from '../support/api-client';

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
