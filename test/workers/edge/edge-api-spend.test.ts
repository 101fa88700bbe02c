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

  it('holds money against the limit over POST /reservations, refusing past it with the figures', async () => {
    const tenant = newEdgeTenant();
    const key = await tenant.key(['ingest']);
    const owner = { tenantId: tenant.tenantId, accountId: 'acct-1' };
    await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).setSpendLimit(owner, { amount: '10', currency: 'USD' }, 1);
    const money = (id: string, amount: number | string) => ({ id, accountId: 'acct-1', amount, currency: 'USD' });
    const held = await tenant.call('POST', '/reservations', { key, body: money('r1', '7.5') });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body.reservation).toMatchObject({ accountId: 'acct-1', currency: 'USD', amount: 7.5, status: 'HELD' });
    expect(held.body.reservation.featureId).toBeUndefined();
    expect(held.body.spend).toMatchObject({ held: 7.5, available: 2.5 });
    expect((await tenant.call('POST', '/reservations', { key, body: money('r1', '7.5') })).status).toBe(200);

    const refused = await tenant.call('POST', '/reservations', { key, body: money('r2', 3) });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      success: false,
      statusCode: 403,
      details: {
        reason: 'SPEND_LIMIT_EXCEEDED',
        limit: 10,
        currency: 'USD',
        spent: 0,
        held: 7.5,
        pending: 0,
        available: 2.5,
        requested: 3,
      },
    });

    const id = held.body.reservation.id;
    expect((await tenant.call('GET', `/reservations/${id}`, { key })).body.reservation).toMatchObject({
      status: 'HELD',
      currency: 'USD',
    });
    const released = await tenant.call('POST', `/reservations/${id}/release`, { key });
    expect(released.body).toMatchObject({ reservation: { status: 'RELEASED' }, spend: { held: 0, available: 10 } });
    expect((await tenant.call('POST', '/reservations', { key, body: money('r2', 3) })).status).toBe(201);
  });

  it('settles a money hold with its usage event once: the estimate stays pending until the event is rated', async () => {
    const tenant = newEdgeTenant();
    await tenant.schema('api_calls');
    const key = await tenant.key(['ingest']);
    const owner = { tenantId: tenant.tenantId, accountId: 'acct-1' };
    await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).setSpendLimit(owner, { amount: '10', currency: 'USD' }, 1);
    const held = await tenant.call('POST', '/reservations', {
      key,
      body: { id: 'job-1', accountId: 'acct-1', amount: 4, currency: 'USD' },
    });
    const id = held.body.reservation.id;
    const event = {
      schemaName: 'api_calls',
      timestamp: new Date().toISOString(),
      accountId: 'acct-1',
      attributes: [{ name: 'units', value: '3' }],
    };
    const settled = await tenant.call('POST', `/reservations/${id}/settle`, { key, body: { event } });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body).toMatchObject({
      reservation: { status: 'SETTLED', currency: 'USD' },
      event: { status: 'ACCEPTED' },
      spend: { held: 0, pending: 4, available: 6 },
    });
    const again = await tenant.call('POST', `/reservations/${id}/settle`, { key, body: { event } });
    expect(again.body).toMatchObject({ event: { eventId: settled.body.event.eventId, status: 'DUPLICATE' } });
    expect((await tenant.call('GET', '/accounts/acct-1/spend', { key })).body).toMatchObject({ held: 0, pending: 4 });
    expectProblem(await tenant.call('POST', `/reservations/${id}/release`, { key }), 409);
  });

  it('refuses, naming the field, a money hold mixed with a feature, without a limit, or in another currency', async () => {
    const tenant = newEdgeTenant();
    const key = await tenant.key(['ingest']);
    const money = { accountId: 'acct-1', amount: 5, currency: 'USD', ttlSeconds: 60 };
    expectProblem(await tenant.call('POST', '/reservations', { key, body: { ...money, featureId: 'feat.x' } }), 422, [
      'currency',
    ]);
    expectProblem(await tenant.call('POST', '/reservations', { key, body: { accountId: 'acct-1', amount: 5 } }), 422, [
      'featureId',
    ]);
    const none = await tenant.call('POST', '/reservations', { key, body: money });
    expectProblem(none, 422, ['currency']);
    expect(none.body.code).toBe('no_spend_limit');
    const owner = { tenantId: tenant.tenantId, accountId: 'acct-1' };
    await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).setSpendLimit(owner, { amount: '10', currency: 'USD' }, 1);
    const other = await tenant.call('POST', '/reservations', { key, body: { ...money, currency: 'EUR' } });
    expectProblem(other, 422, ['currency']);
    expect(other.body.code).toBe('currency_mismatch');
  });
});
