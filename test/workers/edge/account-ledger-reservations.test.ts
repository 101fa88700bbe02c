import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimedEventIds, claimEvents } from '../../../edge/dedup/claim-events';
import type { Claim } from '../../../edge/dedup/claim';
import { RECONCILE_AFTER_MS, type AccountLedger } from '../../../edge/ledger/account-ledger';
import { ledgerFor, unwrap, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import type { ShardPlacement } from '../../../edge/placement/tenant-shards';
import { Decimal } from '../../../shared/decimal/decimal';
import { initialLayout } from '../../../shared/idempotency/dedup-layout';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import { claim } from './dedup-helpers';

/**
 * Reservations in the AccountLedger, against real DedupShards: holds count against the balance,
 * a settle keeps the actual amount and ingests its event once — by the edge's claim, or by the
 * alarm when that claim never came — and every hold ends, released, expired or settled.
 */
const FEATURE = 'feat.tokens';
/** Ahead of the real clock: the alarms the ledger sets run only when a test runs them. */
const T0 = Date.now() + 30 * 86_400_000;
const DAY = 86_400_000;
const SHARDS: ShardPlacement = { layout: initialLayout(4), region: null, jurisdiction: null };
type Ledger = DurableObjectStub<AccountLedger>;

let tenants = 0;
async function account(
  granted: string,
  overageLimit: string | null = null,
): Promise<{ owner: LedgerOwner; ledger: Ledger }> {
  // A tenant of its own: its DedupShards have claimed none of these event ids yet.
  const owner = { tenantId: `reservations-${++tenants}-${crypto.randomUUID()}`, accountId: 'acct' };
  const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(ledger, T0);
  unwrap(
    await ledger.grant(owner, FEATURE, {
      granted,
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(T0 - DAY).toISOString(),
      effectiveUntil: new Date(T0 + 10 * DAY).toISOString(),
    }),
  );
  if (overageLimit !== null) {
    await ledger.setOverageLimit(owner, FEATURE, overageLimit);
  }
  return { owner, ledger };
}

const setClock = (ledger: Ledger, at: number) =>
  runInDurableObject(ledger, (instance) => void ((instance as unknown as AccountLedger).clock = () => at));

/** The usage event a settle ingests, as the route prepares it: marked as debited at the edge. */
function usage(owner: LedgerOwner, eventId: string, tokens: string): Claim {
  const c = claim(eventId, `${eventId}:${tokens}`);
  return { ...c, event: { ...c.event, accountId: owner.accountId, attributes: { tokens }, debitedAtEdge: true } };
}

/** What POST /reservations/{id}/settle does: the ledger's settle, then the claim (unless the edge "fails" in between). */
async function settle(
  ledger: Ledger,
  owner: LedgerOwner,
  key: string,
  tokens: string,
  options: { claim?: boolean; eventId?: string } = {},
) {
  const event = usage(owner, options.eventId ?? `${key}.usage`, tokens);
  const outcome = await ledger.settleReservation(owner, key, event, [{ featureId: FEATURE, amount: tokens }], SHARDS);
  if ((outcome.status === 'SETTLED' || outcome.status === 'ALREADY_SETTLED') && options.claim !== false) {
    const [claimed] = await claimEvents(env, owner.tenantId, [outcome.claim], SHARDS);
    return { outcome, claimed: claimed?.status };
  }
  return { outcome, claimed: undefined };
}

const reserve = (ledger: Ledger, owner: LedgerOwner, key: string, amount: string, ttlMs = 60_000) =>
  ledger.reserve(owner, { key, featureId: FEATURE, amount, ttlMs });
/** Restarts the ledger object alone (its DedupShards keep running, as in production when one object moves). */
async function restart(ledger: Ledger): Promise<void> {
  await runInDurableObject(ledger, (_instance, state) => {
    try {
      state.abort('restart');
    } catch {
      // abort() throws in the caller by design.
    }
  }).catch(() => {});
}

const balance = async (ledger: Ledger, owner: LedgerOwner) => (await ledger.credits(owner, FEATURE)).balance;

describe('AccountLedger reservations', () => {
  it('holds against the balance, settles the actual amount and gives back the rest, once', async () => {
    const { owner, ledger } = await account('100');
    const held = await reserve(ledger, owner, 'r1', '40');
    expect(held).toMatchObject({
      status: 'HELD',
      created: true,
      reservation: { status: 'HELD', amount: '40' },
      balances: [{ balance: '60' }],
    });
    // The same request again: the same reservation, nothing held twice. Other values: a conflict.
    expect(await reserve(ledger, owner, 'r1', '40')).toMatchObject({
      status: 'HELD',
      created: false,
      balances: [{ balance: '60' }],
    });
    expect(await reserve(ledger, owner, 'r1', '41')).toMatchObject({
      status: 'REFUSED',
      code: 'reservation_id_conflict',
    });
    // Concurrent holds never exceed what is left.
    expect(await reserve(ledger, owner, 'r2', '61')).toMatchObject({
      status: 'DENIED',
      reason: 'INSUFFICIENT_CREDITS',
      available: '60',
    });

    const first = await settle(ledger, owner, 'r1', '25');
    expect(first.outcome).toMatchObject({
      status: 'SETTLED',
      reservation: { status: 'SETTLED', settledAmount: '25', eventId: 'r1.usage' },
      balances: [{ balance: '75' }],
    });
    expect(first.claimed).toBe('accepted');
    // A retried settle: nothing debited again; its claim is a duplicate. Another amount: refused.
    const again = await settle(ledger, owner, 'r1', '25');
    expect(again.outcome).toMatchObject({ status: 'ALREADY_SETTLED', balances: [{ balance: '75' }] });
    expect(again.claimed).toBe('duplicate');
    expect((await settle(ledger, owner, 'r1', '26')).outcome).toMatchObject({
      status: 'REFUSED',
      code: 'reservation_settled',
    });
    expect(await ledger.releaseReservation(owner, 'r1')).toMatchObject({
      status: 'REFUSED',
      code: 'reservation_settled',
    });
    expect(await balance(ledger, owner)).toBe('75');
  });

  it('settles above the hold only as far as credits and the overage limit go; else the hold stays', async () => {
    const { owner, ledger } = await account('10', '5');
    await reserve(ledger, owner, 'big', '8');
    expect((await settle(ledger, owner, 'big', '16')).outcome).toMatchObject({
      status: 'DENIED',
      reason: 'INSUFFICIENT_CREDITS',
      available: '7',
    });
    expect(await ledger.reservation(owner, 'big')).toMatchObject({
      reservation: { status: 'HELD' },
      balances: [{ balance: '2' }],
    });
    expect((await settle(ledger, owner, 'big', '15')).outcome).toMatchObject({
      status: 'SETTLED',
      balances: [{ balance: '-5', usedOverage: '5' }],
    });
  });

  it('releases on request and at the TTL; a settle after the TTL is refused and nothing is ingested', async () => {
    const { owner, ledger } = await account('100');
    await reserve(ledger, owner, 'cancel', '30');
    await reserve(ledger, owner, 'late', '50', 10_000);
    expect(await ledger.releaseReservation(owner, 'cancel')).toMatchObject({
      status: 'OK',
      reservation: { status: 'RELEASED', reason: 'RELEASED' },
      balances: [{ balance: '50' }],
    });
    expect(await ledger.releaseReservation(owner, 'cancel')).toMatchObject({
      status: 'OK',
      reservation: { status: 'RELEASED' },
      balances: [{ balance: '50' }],
    });
    await setClock(ledger, T0 + 10_000);
    expect(await runDurableObjectAlarm(ledger)).toBe(true);
    expect(await ledger.heldReservationCount()).toBe(0);
    expect(await balance(ledger, owner)).toBe('100');
    expect((await settle(ledger, owner, 'late', '5')).outcome).toMatchObject({
      status: 'REFUSED',
      code: 'reservation_expired',
    });
    expect(await claimedEventIds(env, owner.tenantId, ['late.usage'], SHARDS)).toEqual(new Set());
  });

  it('claims a settled event itself when the edge never did, and undoes a settle whose event id was taken', async () => {
    const { owner, ledger } = await account('100');
    await reserve(ledger, owner, 'lost', '20');
    await reserve(ledger, owner, 'taken', '20');
    // The edge fails after the ledger recorded the settle: no claim, no retry.
    expect((await settle(ledger, owner, 'lost', '12', { claim: false })).outcome.status).toBe('SETTLED');
    // Another event took the settle event's id first.
    await claimEvents(env, owner.tenantId, [claim('someone-else', 'other payload')], SHARDS);
    expect((await settle(ledger, owner, 'taken', '7', { claim: false, eventId: 'someone-else' })).outcome.status).toBe(
      'SETTLED',
    );
    expect(await balance(ledger, owner)).toBe('81');

    await abortAllDurableObjects();
    const restarted = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await setClock(restarted, T0 + RECONCILE_AFTER_MS + 1);
    expect(await runDurableObjectAlarm(restarted)).toBe(true);
    expect(await claimedEventIds(env, owner.tenantId, ['lost.usage'], SHARDS)).toEqual(new Set(['lost.usage']));
    expect(await restarted.pendingDebitCount()).toBe(0);
    expect(await restarted.reservation(owner, 'taken')).toMatchObject({
      reservation: { status: 'RELEASED', reason: 'EVENT_ID_CONFLICT' },
    });
    expect(await balance(restarted, owner)).toBe('88');
  });

  /**
   * Many reservations race: holds, settles (less or more than held, some whose claim the edge
   * never makes, some retried), releases, expiries by the alarm, and restarts of every object
   * between rounds. After every round the balance is never below the overage limit; at the end,
   * with every alarm run, no hold is left, the balance is the grant less exactly the settled
   * amounts, and each settled event is claimed in its DedupShard — once (a claim again is a duplicate).
   */
  it('is never overspent, settles each event once and ends every hold, however calls race and objects restart', async () => {
    type Step =
      | { op: 'reserve'; key: number; amount: number; ttl: number }
      | { op: 'settle'; key: number; tokens: number; claim: boolean }
      | { op: 'release'; key: number }
      | { op: 'alarm'; advance: number }
      | { op: 'restart' };
    const key = fc.nat(11);
    const step: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          op: fc.constant('reserve' as const),
          key,
          amount: fc.integer({ min: 1, max: 40 }),
          ttl: fc.constantFrom(5_000, 60_000),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          op: fc.constant('settle' as const),
          key,
          tokens: fc.integer({ min: 0, max: 45 }),
          claim: fc.boolean(),
        }),
      },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), key }) },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('alarm' as const),
          advance: fc.constantFrom(0, 6_000, RECONCILE_AFTER_MS + 1),
        }),
      },
    );
    const rounds = fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.array(step, { minLength: 1, maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constant([{ op: 'restart' } as Step]) },
      ),
      { minLength: 4, maxLength: 10 },
    );

    await fc.assert(
      fc.asyncProperty(rounds, async (plan) => {
        const GRANT = 100;
        const LIMIT = 10;
        const { owner } = await account(String(GRANT), String(LIMIT));
        let ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
        let now = T0;
        const keys = new Set<string>();
        for (const round of plan) {
          if (round[0]?.op === 'restart') {
            await restart(ledger);
            ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
            await setClock(ledger, now);
            continue;
          }
          const advance = Math.max(0, ...round.map((s) => (s.op === 'alarm' ? s.advance : 0)));
          if (advance > 0) {
            await setClock(ledger, (now += advance));
          }
          await Promise.all(
            round.map(async (s) => {
              if (s.op === 'reserve') {
                keys.add(`k${s.key}`);
                return reserve(ledger, owner, `k${s.key}`, String(s.amount), s.ttl);
              }
              if (s.op === 'settle') {
                return settle(ledger, owner, `k${s.key}`, String(s.tokens), { claim: s.claim });
              }
              if (s.op === 'release') {
                return ledger.releaseReservation(owner, `k${s.key}`);
              }
              if (s.op === 'alarm') {
                return runDurableObjectAlarm(ledger);
              }
            }),
          );
          const credits = await ledger.credits(owner, FEATURE);
          expect(new Decimal(credits.balance).gte(-LIMIT)).toBe(true);
        }

        // Every hold's TTL passes and every alarm runs: the settles' claims are made, holds given back.
        now += 2 * RECONCILE_AFTER_MS;
        await setClock(ledger, now);
        for (
          let i = 0;
          i < 5 && ((await ledger.pendingDebitCount()) > 0 || (await ledger.heldReservationCount()) > 0);
          i++
        ) {
          await runDurableObjectAlarm(ledger);
          await setClock(ledger, (now += 2 * RECONCILE_AFTER_MS));
        }
        expect(await ledger.heldReservationCount()).toBe(0);
        expect(await ledger.pendingDebitCount()).toBe(0);
        let settled = new Decimal(0);
        const events: Claim[] = [];
        for (const k of keys) {
          const r = await ledger.reservation(owner, k);
          if (r.status !== 'OK' || r.reservation.status !== 'SETTLED') {
            continue;
          }
          settled = settled.plus(r.reservation.settledAmount!);
          events.push(usage(owner, r.reservation.eventId!, r.reservation.settledAmount!));
        }
        expect(await balance(ledger, owner)).toBe(new Decimal(GRANT).minus(settled).toFixed());
        const claimed = await claimEvents(env, owner.tenantId, events, SHARDS);
        expect(claimed.map((c) => c.status)).toEqual(events.map(() => 'duplicate'));
      }),
      { numRuns: 8, endOnFailure: true },
    );
  }, 120_000);
});
