import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Rater } from '../../../rater/index';
import { insertAccount } from '../../../rater/store/accounts';
import { insertCustomer } from '../../../rater/store/customers';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { findSpendLimit } from '../../../rater/store/spend-limits';
import type { Principal } from '../../../shared/auth/api-key';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { recordingLedgerQueue, seedTenant, withDb } from './fixtures';
import { newTenant } from './rater-api';

/**
 * PUT / DELETE /accounts/{id}/spend_limit in process, as the edge forwards them: stored in
 * Postgres under a version that only grows (across a removal too), in the currency the account is
 * rated in, and pushed to the ledger queue with that version; every refusal problem+json naming
 * the field. GET /accounts/{id}/spend is the edge's (test/workers/edge/edge-api-spend.test.ts).
 */
async function call(principal: Principal, method: string, path: string, body?: unknown) {
  const { queue, sent } = recordingLedgerQueue();
  const ctx = createExecutionContext();
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await new Rater(ctx, { ...env, LEDGER_QUEUE: queue }).serveApi(
    new Request(`https://rater.internal${path}`, init),
    principal,
  );
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, contentType: response.headers.get('content-type'), body: JSON.parse(text), sent };
}

/** A tenant whose account `acme` is on a USD plan since before any cycle a test runs in, and `idle` on none. */
async function tenantWithAccount(): Promise<Principal> {
  const { tenantId, meters } = await seedTenant([
    { name: 'calls', aggregation: 'COUNT', filters: [], computations: [] },
  ]);
  await withDb(async (db) => {
    const draft = await insertPricePlan(db, tenantId, {
      name: 'per_call',
      currency: 'USD',
      pricingCycle: {
        interval: 'MONTHLY',
        startOffset: { dayOffset: 1, monthOffset: 1 },
        anniversaryCycle: false,
        gracePeriod: 0,
      },
      usageRateCards: [
        usageRateCardSchema.parse({
          usageMeterId: meters[0]?.id,
          pricingModel: 'TIERED',
          slabs: [{ startAfter: '0', rate: '0.5' }],
        }),
      ],
      fixedFees: [],
      entitlementRateCards: [],
    });
    const plan = draft ? await setPricePlanStatus(db, tenantId, draft, 'ACTIVE') : null;
    if (!plan) {
      throw new Error('the price plan was not created');
    }
    await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
    await insertAccount(db, tenantId, 'cus', { id: 'acme', name: 'acme', invoiceCurrency: 'USD' });
    await insertAccount(db, tenantId, 'cus', { id: 'idle', name: 'idle', invoiceCurrency: 'USD' });
    await insertPlanAssociation(db, tenantId, {
      accountId: 'acme',
      pricePlanId: plan.id,
      pricePlanVersion: 1,
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
  });
  return { tenantId, keyId: `k-${tenantId}`, scopes: ['read', 'ingest', 'admin'] };
}

function pushed(sent: LedgerMessage[]) {
  expect(sent).toHaveLength(1);
  const [message] = sent;
  if (message?.kind !== 'spend-limit') {
    throw new Error(`expected a spend-limit message, got ${JSON.stringify(message)}`);
  }
  return message;
}

describe('rater API in process — spend limits', () => {
  it('sets, changes and removes a limit, each pushed to the ledger under a newer version', async () => {
    const p = await tenantWithAccount();
    const set = await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: '12.50', currency: 'USD' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ accountId: 'acme', spendLimit: { amount: 12.5, currency: 'USD' } });
    const first = pushed(set.sent);
    expect(first).toMatchObject({
      tenantId: p.tenantId,
      accountId: 'acme',
      limit: { amount: '12.5', currency: 'USD' },
    });

    const changed = await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: 20, currency: 'USD' });
    expect(changed.body.spendLimit).toEqual({ amount: 20, currency: 'USD' });
    const second = pushed(changed.sent);
    expect(second.version).toBeGreaterThan(first.version);

    const removed = await call(p, 'DELETE', '/accounts/acme/spend_limit');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ accountId: 'acme', spendLimit: null });
    const third = pushed(removed.sent);
    expect(third).toMatchObject({ limit: null });
    expect(third.version).toBeGreaterThan(second.version);
    // What a ledger with no copy reads through: no limit, as of the removal; a set after it is newer still.
    expect(await withDb((db) => findSpendLimit(db, p.tenantId, 'acme'))).toEqual({
      limit: null,
      version: third.version,
    });
    const again = pushed((await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: 1, currency: 'USD' })).sent);
    expect(again.version).toBeGreaterThan(third.version);
    expect(await withDb((db) => findSpendLimit(db, p.tenantId, 'acme'))).toEqual({
      limit: { amount: '1', currency: 'USD' },
      version: again.version,
    });
  });

  it('refuses, naming the field, a currency the account is not rated in, an account with no plan, and bad bodies', async () => {
    const p = await tenantWithAccount();
    const problem = (answer: Awaited<ReturnType<typeof call>>, status: number, path?: string) => {
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      if (path) {
        expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect(answer.sent).toEqual([]);
    };
    problem(await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: 5, currency: 'EUR' }), 422, 'currency');
    problem(await call(p, 'PUT', '/accounts/idle/spend_limit', { amount: 5, currency: 'USD' }), 422, 'currency');
    problem(await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: 5, currency: 'XYZ' }), 422, 'currency');
    problem(await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: -5, currency: 'USD' }), 422, 'amount');
    problem(await call(p, 'PUT', '/accounts/acme/spend_limit', { currency: 'USD' }), 422, 'amount');
    problem(await call(p, 'PUT', '/accounts/acme/spend_limit', { amount: 5, currency: 'USD', per: 'day' }), 422);
    problem(await call(p, 'PUT', '/accounts/nobody/spend_limit', { amount: 5, currency: 'USD' }), 422, 'currency');
    problem(await call(p, 'DELETE', '/accounts/acme/spend_limit'), 404);
    expect(await withDb((db) => findSpendLimit(db, p.tenantId, 'acme'))).toEqual({ limit: null, version: 0 });
  });

  it("another tenant cannot set or remove an account's limit, even by its exact id", async () => {
    const a = await tenantWithAccount();
    const b = await tenantWithAccount();
    expect((await call(a, 'PUT', '/accounts/acme/spend_limit', { amount: 5, currency: 'USD' })).status).toBe(200);
    const other = await newTenant();
    expect((await call(other, 'PUT', '/accounts/acme/spend_limit', { amount: 9, currency: 'USD' })).status).toBe(422);
    expect((await call(other, 'DELETE', '/accounts/acme/spend_limit')).status).toBe(404);
    // b has an account of the same id: its own, which the change reaches and a's is untouched.
    expect((await call(b, 'PUT', '/accounts/acme/spend_limit', { amount: 9, currency: 'USD' })).status).toBe(200);
    expect((await withDb((db) => findSpendLimit(db, a.tenantId, 'acme'))).limit).toEqual({
      amount: '5',
      currency: 'USD',
    });
  });
});
