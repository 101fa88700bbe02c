import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ledgerFor } from '../../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import { newEdgeTenant, type Answer } from './edge-api';

/**
 * GET /accounts/{id}/spend in process, answered by the account's AccountLedger; PUT and DELETE of
 * the limit are forwarded to the rater with the admin scope (their rules: rater-api-spend-limits).
 * Money over POST /reservations is not served yet: a money body is refused naming the fields.
 */
function expectProblem(answer: Answer, status: number, paths: string[] = []) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  for (const path of paths) {
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  }
}

describe('edge API in process — an account’s spend', () => {
  it('reads the ledger’s spend: none without a limit, then the limit it was pushed and what is held', async () => {
    const tenant = newEdgeTenant();
    const key = await tenant.key(['read']);
    expect(await tenant.call('GET', '/accounts/acct-1/spend', { key })).toMatchObject({
      status: 200,
      body: { accountId: 'acct-1', spendLimit: null, spent: 0, held: 0, pending: 0, available: null },
    });
    const owner = { tenantId: tenant.tenantId, accountId: 'acct-1' };
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await ledger.setSpendLimit(owner, { amount: '10', currency: 'USD' }, 1);
    expect(
      (await ledger.reserveMoney(owner, { key: 'r1', amount: '2.5', currency: 'USD', ttlMs: 60_000 })).status,
    ).toBe('HELD');
    const answer = await tenant.call('GET', '/accounts/acct-1/spend', { key: await tenant.key(['ingest']) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accountId: 'acct-1',
      spendLimit: { amount: 10, currency: 'USD' },
      spent: 0,
      held: 2.5,
      pending: 0,
      available: 7.5,
    });
  });

  it('forwards setting and removing the limit to the rater only with the admin scope', async () => {
    const tenant = newEdgeTenant();
    const ingest = await tenant.key(['ingest', 'read']);
    expectProblem(
      await tenant.call('PUT', '/accounts/acct-1/spend_limit', { key: ingest, body: { amount: 5, currency: 'USD' } }),
      403,
    );
    expectProblem(await tenant.call('DELETE', '/accounts/acct-1/spend_limit', { key: ingest }), 403);
    expect(tenant.rater.forwarded).toEqual([]);
    const admin = await tenant.key(['admin']);
    await tenant.call('PUT', '/accounts/acct-1/spend_limit', { key: admin, body: { amount: 5, currency: 'USD' } });
    expect(tenant.rater.forwarded).toMatchObject([
      { method: 'PUT', path: '/accounts/acct-1/spend_limit', body: { amount: 5, currency: 'USD' } },
    ]);
  });

  it('never shows another tenant’s spend: the same account id names another ledger', async () => {
    const a = newEdgeTenant();
    const b = newEdgeTenant();
    const owner = { tenantId: a.tenantId, accountId: 'shared-id' };
    await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).setSpendLimit(owner, { amount: '10', currency: 'USD' }, 1);
    const ofA = await a.call('GET', '/accounts/shared-id/spend', { key: await a.key(['read']) });
    expect(ofA.body.spendLimit).toEqual({ amount: 10, currency: 'USD' });
    const ofB = await b.call('GET', '/accounts/shared-id/spend', { key: await b.key(['read']) });
    expect(ofB.body).toMatchObject({ spendLimit: null, held: 0 });
  });

  it('refuses money in POST /reservations, naming the fields, until money reservations are served', async () => {
    const tenant = newEdgeTenant();
    const key = await tenant.key(['ingest']);
    const money = { accountId: 'acct-1', amount: 5, currency: 'USD', ttlSeconds: 60 };
    const answer = await tenant.call('POST', '/reservations', { key, body: money });
    expectProblem(answer, 422, ['featureId']);
    expect(JSON.stringify(answer.body.errors)).toContain('currency');
  });
});
