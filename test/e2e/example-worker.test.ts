import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unstable_dev, type Unstable_DevWorker } from 'wrangler';
import { api, eventually, READ_UNTIL, unique } from '../support/api-client';

/**
 * The README's example Worker (examples/gated-api), run in workerd by wrangler against the local
 * stack: it gates its own API route with the client's withReservation — reserve, do the work,
 * settle — and refuses (402) once the account's budget is spent, never past it.
 */
const client = api();
let worker: Unstable_DevWorker;
let feature: string;
let schema: string;
let meter: string;

beforeAll(async () => {
  schema = unique('completions');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'tokens' }] })).status).toBe(201);
  await client.post(`/event_schema/${schema}/activate`);
  feature = (
    await client.post('/features', {
      name: unique('tokens'),
      schemaAssociations: [{ schemaName: schema, attributeName: 'tokens' }],
    })
  ).body.id;
  meter = (
    await client.post('/usage_meters', {
      name: unique('tokens'),
      aggregation: 'SUM',
      eventSchemaName: schema,
      computations: [{ computation: '{"var":"attributes.tokens"}', order: 1 }],
    })
  ).body.id;
  await client.post(`/usage_meters/${meter}/activate`);
  worker = await unstable_dev('examples/gated-api/src/index.ts', {
    config: 'examples/gated-api/wrangler.toml',
    vars: {
      METERLINE_URL: inject('stackUrl'),
      METERLINE_KEY: inject('apiKey'),
      TOKENS_FEATURE: feature,
      TOKENS_SCHEMA: schema,
    },
    ip: '127.0.0.1',
    logLevel: 'warn',
    experimental: { disableExperimentalWarning: true },
  });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
});

describe('examples/gated-api', () => {
  it('serves completions while the budget lasts, settles what each used, and answers 402 after', async () => {
    const account = unique('example');
    expect((await client.post(`/accounts/${account}/features/${feature}/entries`, { granted: 250 })).status).toBe(201);
    const call = (prompt: string, requestId = crypto.randomUUID()) =>
      worker.fetch('http://example/v1/complete', {
        method: 'POST',
        headers: { 'x-account-id': account, 'x-request-id': requestId, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt }),
      });

    const first = await call('one two three');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ text: 'three two one', tokens: 30, balance: 220 });
    // Six race for what is left (220): each holds the 100 worst case; two fit at a time.
    const answers = await Promise.all(Array.from({ length: 6 }, () => call('a b c d e')));
    const served = answers.filter((r) => r.status === 200).length;
    expect(served).toBeGreaterThanOrEqual(2);
    expect(answers.every((r) => r.status === 200 || r.status === 402)).toBe(true);
    const used = 30 + served * 50;
    expect(used).toBeLessThanOrEqual(250);
    const credits = (await client.get(`/accounts/${account}/features/${feature}`)).body;
    expect(credits).toMatchObject({ balance: 250 - used });
    if (250 - used < 100) {
      expect((await call('x')).status).toBe(402);
    }
    expect(
      await eventually(
        async () =>
          (await client.get(`/usage?meterId=${meter}&accountId=${account}&from=2026-01-01T00:00:00Z&to=${READ_UNTIL}`))
            .body?.value,
        (v) => v === String(used),
      ),
    ).toBe(String(used));
  });
});
