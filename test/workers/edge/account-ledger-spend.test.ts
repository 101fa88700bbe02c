import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimedEventIds, claimEvents } from '../../../edge/dedup/claim-events';
import type { Claim } from '../../../edge/dedup/claim';
import { RECONCILE_AFTER_MS, type AccountLedger } from '../../../edge/ledger/account-ledger';
import { ledgerFor, unwrap, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import type { SpendRecordInput } from '../../../edge/ledger/ledger-spend';
import type { ShardPlacement } from '../../../edge/placement/tenant-shards';
import { Decimal } from '../../../shared/decimal/decimal';
import { initialLayout } from '../../../shared/idempotency/dedup-layout';
import { SpendBook } from '../../../shared/spend/spend-book';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import { claim } from './dedup-helpers';

/**
 * Money reservations against a spend limit in the AccountLedger: holds never together exceed
 * limit − spent − held − pending, a settle's estimate stays pending under its event's id until the
 * rater's revenue replaces it, revenue counts once whatever is redelivered and however the object
 * restarts, and the ledger agrees with the reference model (shared/spend/spend-book.ts).
 */
const FEATURE = 'feat.calls';
/** Ahead of the real clock: the alarms the ledger sets run only when a test runs them. */
const T0 = Date.now() + 30 * 86_400_000;
const DAY = 86_400_000;
const CYCLE = { cycleStart: T0 - DAY, cycleEnd: T0 + 20 * DAY };
const SHARDS: ShardPlacement = { layout: initialLayout(4), region: null, jurisdiction: null };
type Ledger = DurableObjectStub<AccountLedger>;

let tenants = 0;
async function account(limit: string | null): Promise<{ owner: LedgerOwner; ledger: Ledger }> {
  const owner = { tenantId: `spend-${++tenants}-${crypto.randomUUID()}`, accountId: 'acct' };
  const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(ledger, T0);
  if (limit !== null) {
    await ledger.setSpendLimit(owner, { amount: limit, currency: 'USD' }, 1);
  }
  return { owner, ledger };
}

const setClock = (ledger: Ledger, at: number) =>
  runInDurableObject(ledger, (instance) => void ((instance as unknown as AccountLedger).clock = () => at));

const reserve = (ledger: Ledger, owner: LedgerOwner, key: string, amount: string, ttlMs = 60_000) =>
  ledger.reserveMoney(owner, { key, amount, currency: 'USD', ttlMs });

function usage(owner: LedgerOwner, eventId: string): Claim {
  const c = claim(eventId, `${eventId}:payload`);
  return { ...c, event: { ...c.event, accountId: owner.accountId, debitedAtEdge: true } };
}

/** What the settle route does: the ledger's settle, then the claim (unless the edge "fails" in between). */
async function settle(
  ledger: Ledger,
  owner: LedgerOwner,
  key: string,
  options: { claim?: boolean; eventId?: string } = {},
) {
  const outcome = await ledger.settleMoneyReservation(
    owner,
    key,
    usage(owner, options.eventId ?? `${key}.usage`),
    [],
    SHARDS,
  );
  if ((outcome.status === 'SETTLED' || outcome.status === 'ALREADY_SETTLED') && options.claim !== false) {
    await claimEvents(env, owner.tenantId, [outcome.claim], SHARDS);
  }
  return outcome;
}

const revenue = (eventId: string, amount: string, key = eventId): SpendRecordInput => ({
  key,
  eventId,
  amount,
  currency: 'USD',
  ...CYCLE,
});

/** Restarts the ledger object alone; answers a fresh stub to it, its clock set to `at`. */
async function restart(ledger: Ledger, owner: LedgerOwner, at: number): Promise<Ledger> {
  await runInDurableObject(ledger, (_instance, state) => {
    try {
      state.abort('restart');
    } catch {
      // abort() throws in the caller by design.
    }
  }).catch(() => {});
  const fresh = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(fresh, at);
  return fresh;
}

describe('AccountLedger spend limit', () => {
  it('keeps the newest limit whatever order its pushes arrive in, and reads through when it has no copy', async () => {
    const { owner, ledger } = await account(null);
    // No copy: the ledger asks the rater, whose (empty, in this suite) database has no limit: version 0.
    expect(await ledger.spendOf(owner)).toMatchObject({ limit: null, available: null });
    expect((await ledger.setSpendLimit(owner, { amount: '7', currency: 'USD' }, 2)).limit).toEqual({
      amount: '7',
      currency: 'USD',
    });
    // A push made before (version 1) arriving late, and a repeat of version 2 with other values, change nothing.
    expect((await ledger.setSpendLimit(owner, { amount: '100', currency: 'USD' }, 1)).limit?.amount).toBe('7');
    expect((await ledger.setSpendLimit(owner, { amount: '100', currency: 'USD' }, 2)).limit?.amount).toBe('7');
    // Removed at version 3: an older set delivered again cannot bring it back; a newer one can.
    expect((await ledger.setSpendLimit(owner, null, 3)).limit).toBeNull();
    expect((await ledger.setSpendLimit(owner, { amount: '7', currency: 'USD' }, 2)).limit).toBeNull();
    expect(await reserve(ledger, owner, 'after-removal', '1')).toMatchObject({
      status: 'REFUSED',
      code: 'no_spend_limit',
    });
    expect(await ledger.setSpendLimit(owner, { amount: '9', currency: 'USD' }, 4)).toMatchObject({
      limit: { amount: '9', currency: 'USD' },
      available: '9',
    });
  });

  it('refuses money holds without a limit or in another currency, and keys used by a credit reservation', async () => {
    const { owner, ledger } = await account(null);
    expect(await reserve(ledger, owner, 'r', '1')).toMatchObject({ status: 'REFUSED', code: 'no_spend_limit' });
    await ledger.setSpendLimit(owner, { amount: '5', currency: 'USD' }, 1);
    expect(await ledger.reserveMoney(owner, { key: 'r', amount: '1', currency: 'EUR', ttlMs: 1000 })).toMatchObject({
      status: 'REFUSED',
      code: 'currency_mismatch',
      path: 'currency',
    });
    unwrap(
      await ledger.grant(owner, FEATURE, {
        granted: '10',
        source: 'ENTITLEMENT',
        effectiveFrom: new Date(T0 - DAY).toISOString(),
        effectiveUntil: new Date(T0 + DAY).toISOString(),
      }),
    );
    expect((await ledger.reserve(owner, { key: 'credits', featureId: FEATURE, amount: '1', ttlMs: 1000 })).status).toBe(
      'HELD',
    );
    expect(await reserve(ledger, owner, 'credits', '1')).toMatchObject({
      status: 'REFUSED',
      code: 'reservation_id_conflict',
    });
    expect((await reserve(ledger, owner, 'money', '1')).status).toBe('HELD');
    expect(await ledger.reserve(owner, { key: 'money', featureId: FEATURE, amount: '1', ttlMs: 1000 })).toMatchObject({
      status: 'REFUSED',
      code: 'reservation_id_conflict',
    });
  });

  it('concurrent holds stop at the limit, and a refusal names the limit and what counts against it', async () => {
    const { owner, ledger } = await account('10');
    await ledger.recordSpend(owner, [revenue('ingested', '2.5')]);
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => reserve(ledger, owner, `r${i}`, '1.5')));
    // 7.5 was left: five holds of 1.5 fit, the others are refused.
    expect(outcomes.filter((o) => o.status === 'HELD')).toHaveLength(5);
    expect(outcomes.find((o) => o.status === 'DENIED')).toMatchObject({
      status: 'DENIED',
      check: {
        limit: '10',
        currency: 'USD',
        spent: '2.5',
        held: '7.5',
        pending: '0',
        available: '0',
        requested: '1.5',
      },
    });
    expect(await ledger.spendOf(owner)).toEqual({
      limit: { amount: '10', currency: 'USD' },
      spent: '2.5',
      held: '7.5',
      pending: '0',
      available: '0',
    });
  });

  it('keeps a settled estimate pending until its revenue arrives, counts redelivered revenue once, across restarts', async () => {
    const { owner, ledger: first } = await account('10');
    let ledger = first;
    await reserve(ledger, owner, 'job', '6');
    expect(await settle(ledger, owner, 'job')).toMatchObject({
      status: 'SETTLED',
      reservation: { status: 'SETTLED', eventId: 'job.usage', amount: '6' },
      spend: { spent: '0', held: '0', pending: '6', available: '4' },
    });
    ledger = await restart(ledger, owner, T0);
    expect((await reserve(ledger, owner, 'next', '5')).status).toBe('DENIED');
    expect(await ledger.recordSpend(owner, [revenue('job.usage', '4.25')])).toEqual({ recorded: 1, skipped: 0 });
    ledger = await restart(ledger, owner, T0);
    // The queue delivers again: counted once.
    expect(await ledger.recordSpend(owner, [revenue('job.usage', '4.25')])).toEqual({ recorded: 0, skipped: 1 });
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '4.25', held: '0', pending: '0', available: '5.75' });
    // A correction gives the money back under its own key, once.
    await ledger.recordSpend(owner, [
      revenue('job.usage', '-4.25', 'job.usage#1'),
      revenue('job.usage', '-4.25', 'job.usage#1'),
    ]);
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '0', available: '10' });
    expect(await settle(ledger, owner, 'job')).toMatchObject({ status: 'ALREADY_SETTLED' });
  });

  it('releases on request and at the TTL; a settle after the TTL is refused and ingests nothing', async () => {
    const { owner, ledger } = await account('10');
    await reserve(ledger, owner, 'cancel', '3');
    await reserve(ledger, owner, 'late', '7', 10_000);
    expect(await ledger.releaseMoneyReservation(owner, 'cancel')).toMatchObject({
      status: 'OK',
      reservation: { status: 'RELEASED', reason: 'RELEASED' },
      spend: { held: '7' },
    });
    await setClock(ledger, T0 + 10_000);
    expect(await runDurableObjectAlarm(ledger)).toBe(true);
    expect(await ledger.moneyReservation(owner, 'late')).toMatchObject({
      reservation: { status: 'EXPIRED' },
      spend: { held: '0', available: '10' },
    });
    expect(await settle(ledger, owner, 'late')).toMatchObject({ status: 'REFUSED', code: 'reservation_expired' });
    expect(await claimedEventIds(env, owner.tenantId, ['late.usage'], SHARDS)).toEqual(new Set());
  });

  it('claims a settled event itself when the edge never did; a settle whose event id was taken stops counting', async () => {
    const { owner, ledger } = await account('10');
    await reserve(ledger, owner, 'lost', '2');
    await reserve(ledger, owner, 'taken', '3');
    expect((await settle(ledger, owner, 'lost', { claim: false })).status).toBe('SETTLED');
    await claimEvents(env, owner.tenantId, [claim('someone-else', 'other payload')], SHARDS);
    expect((await settle(ledger, owner, 'taken', { claim: false, eventId: 'someone-else' })).status).toBe('SETTLED');
    expect(await ledger.spendOf(owner)).toMatchObject({ pending: '5' });

    await abortAllDurableObjects();
    const restarted = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await setClock(restarted, T0 + RECONCILE_AFTER_MS + 1);
    expect(await runDurableObjectAlarm(restarted)).toBe(true);
    expect(await claimedEventIds(env, owner.tenantId, ['lost.usage'], SHARDS)).toEqual(new Set(['lost.usage']));
    expect(await restarted.moneyReservation(owner, 'taken')).toMatchObject({
      reservation: { status: 'RELEASED', reason: 'EVENT_ID_CONFLICT' },
      spend: { pending: '2' },
    });
  });

  it('agrees with the reference model over any sequence of holds, settles, releases, expiries and revenue', async () => {
    const key = fc.integer({ min: 0, max: 2 });
    // Weighted so that a hold is often settled and then rated, which is the path with the most state.
    const step = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({ op: fc.constant('reserve' as const), key, cents: fc.integer({ min: 0, max: 400 }) }),
      },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('settle' as const), key }) },
      {
        weight: 3,
        arbitrary: fc.record({ op: fc.constant('revenue' as const), key, cents: fc.integer({ min: 0, max: 900 }) }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), key }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 800 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 25 }), async (steps) => {
        const { owner, ledger: first } = await account('10');
        let ledger = first;
        const model = new SpendBook();
        model.setLimit({ amount: '10', currency: 'USD' });
        let now = T0;
        for (const s of steps) {
          const key = 'key' in s ? `r${s.key}` : '';
          if (s.op === 'reserve') {
            const amount = new Decimal(s.cents).div(100).toFixed();
            const got = await reserve(ledger, owner, key, amount, 1000);
            const want = model.reserve(key, amount, 1000, now);
            expect(got.status === 'HELD' ? 'HELD' : got.status === 'DENIED' ? 'DENIED' : 'REFUSED').toBe(want.status);
          } else if (s.op === 'settle') {
            const got = await settle(ledger, owner, key, { eventId: `e.${key}` });
            const want = model.settle(key, `e.${key}`, now);
            expect(got.status === 'REFUSED' ? 'REFUSED' : got.status).toBe(want.status);
          } else if (s.op === 'release') {
            await ledger.releaseMoneyReservation(owner, key);
            model.release(key, now);
          } else if (s.op === 'tick') {
            now += s.ms;
            await setClock(ledger, now);
            await runDurableObjectAlarm(ledger);
            model.expireDue(now);
          } else if (s.op === 'restart') {
            ledger = await restart(ledger, owner, now);
          } else {
            const amount = new Decimal(s.cents).div(100).toFixed();
            await ledger.recordSpend(owner, [revenue(`e.${key}`, amount)]);
            model.recordSpend({
              key: `e.${key}`,
              eventId: `e.${key}`,
              amount,
              cycle: { start: CYCLE.cycleStart, end: CYCLE.cycleEnd },
            });
          }
          const { spent, held, pending } = await ledger.spendOf(owner);
          expect({ spent, held, pending }).toEqual(model.totals(now));
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  });
});
