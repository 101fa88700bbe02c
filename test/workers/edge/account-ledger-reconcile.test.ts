import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { claimEvents } from '../../../edge/dedup/claim-events';
import { RECONCILE_AFTER_MS, type AccountLedger } from '../../../edge/ledger/account-ledger';
import { ledgerFor, unwrap, type EventDebit, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import type { ShardPlacement } from '../../../edge/placement/tenant-shards';
import { initialLayout } from '../../../shared/idempotency/dedup-layout';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import { claim } from './dedup-helpers';

/**
 * The alarm refunds a PENDING /entitled debit whose event its DedupShard never claimed. A retry of
 * the same /entitled call finds the debit PENDING and claims the event: the alarm must then not
 * refund it, whether the retry came while the alarm was asking the shard or just before it ran.
 * The real shard answers; only the moment its answer reaches the alarm is held.
 */
const FEATURE = 'feat.calls';
/** Ahead of the real clock: the alarms the ledger sets run only when a test runs them. */
const T0 = Date.now() + 30 * 86_400_000;
const DUE = T0 + RECONCILE_AFTER_MS + 1;
const TIMEOUT = 20_000;
/** Where the edge claims these events, told to the ledger with each call as the route does. */
const SHARDS: ShardPlacement = { layout: initialLayout(4), region: null, jurisdiction: null };

let accounts = 0;
async function granted(granted: string): Promise<{ owner: LedgerOwner; ledger: DurableObjectStub<AccountLedger> }> {
  // A tenant of its own: its DedupShards have claimed none of these event ids yet.
  const owner = { tenantId: `ledger-reconcile-${++accounts}-${crypto.randomUUID()}`, accountId: 'acct' };
  const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(ledger, T0);
  const day = 86_400_000;
  unwrap(
    await ledger.grant(owner, FEATURE, {
      granted,
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(T0 - day).toISOString(),
      effectiveUntil: new Date(T0 + day).toISOString(),
    }),
  );
  return { owner, ledger };
}

function inLedger<R>(stub: DurableObjectStub<AccountLedger>, fn: (instance: AccountLedger) => R | Promise<R>) {
  return runInDurableObject(stub, (instance) => fn(instance as unknown as AccountLedger));
}

const setClock = (ledger: DurableObjectStub<AccountLedger>, at: number) =>
  inLedger(ledger, (instance) => void (instance.clock = () => at));

function debit(eventId: string, amount: string): Omit<EventDebit, 'at'> {
  return { eventId, lines: [{ featureId: FEATURE, amount }] };
}

/** What the edge does after the ledger's answer: claims the event, marked as debited at the edge. */
async function claimEntitled(owner: LedgerOwner, eventId: string): Promise<string | undefined> {
  const c = claim(eventId);
  const [result] = await claimEvents(
    env,
    owner.tenantId,
    [{ ...c, event: { ...c.event, accountId: owner.accountId, debitedAtEdge: true } }],
    SHARDS,
  );
  return result?.status;
}

type ShardLookup = (eventIds: string[]) => Promise<Set<string>>;

/**
 * Holds the alarm at its await on the shards: they have answered (`answer`), the alarm has not
 * yet seen it. `release` lets it go on and puts the real lookup back.
 */
function holdShardAnswer(instance: AccountLedger): { answer: Promise<Set<string>>; release: () => void } {
  const seam = instance as unknown as { claimedInDedupShards: ShardLookup };
  const real = seam.claimedInDedupShards.bind(instance);
  let answered: (claimed: Set<string>) => void = () => {};
  const answer = new Promise<Set<string>>((resolve) => (answered = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  seam.claimedInDedupShards = async (eventIds) => {
    const claimed = await real(eventIds);
    answered(claimed);
    await released;
    return claimed;
  };
  return { answer, release: () => (release(), (seam.claimedInDedupShards = real)) };
}

describe('AccountLedger reconciling PENDING debits', () => {
  it(
    'does not refund a debit whose retry claimed its event while the alarm was asking the shard; refunds one never claimed',
    async () => {
      const { owner, ledger } = await granted('10');
      expect((await ledger.entitle(owner, debit('retried', '3'), SHARDS)).status).toBe('ENTITLED');
      expect((await ledger.entitle(owner, debit('lost', '4'), SHARDS)).status).toBe('ENTITLED');
      await setClock(ledger, DUE);

      await inLedger(ledger, async (instance) => {
        const held = holdShardAnswer(instance);
        const run = instance.alarm();
        // The shard has answered: neither event is claimed (the first call's claim failed).
        expect([...(await held.answer)]).toEqual([]);
        // Meanwhile the client retries: the debit is still PENDING, and the edge claims the event.
        const retry = await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).entitle(
          owner,
          debit('retried', '3'),
          SHARDS,
        );
        expect(retry.status).toBe('ALREADY_DEBITED');
        expect(await claimEntitled(owner, 'retried')).toBe('accepted');
        held.release();
        await run;
      });

      // The event was accepted and stays debited; 'lost' was never claimed and is refunded.
      expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '7' });
      expect(await ledger.pendingDebitCount()).toBe(1);
      // The next run asks the shard again, finds the claim and settles the debit.
      await setClock(ledger, DUE + RECONCILE_AFTER_MS + 1);
      expect(await runDurableObjectAlarm(ledger)).toBe(true);
      expect(await ledger.pendingDebitCount()).toBe(0);
      expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '7' });
    },
    TIMEOUT,
  );

  it(
    'does not refund a debit whose retry came just before the alarm ran and claimed its event after the shard answered',
    async () => {
      const { owner, ledger } = await granted('10');
      await ledger.entitle(owner, debit('retried', '3'), SHARDS);
      await ledger.entitle(owner, debit('lost', '4'), SHARDS);
      await setClock(ledger, DUE);
      // The retry's ledger call returns; its claim is still on its way to the shard when the alarm runs.
      expect((await ledger.entitle(owner, debit('retried', '3'), SHARDS)).status).toBe('ALREADY_DEBITED');
      expect(await runDurableObjectAlarm(ledger)).toBe(true);
      expect(await claimEntitled(owner, 'retried')).toBe('accepted');

      expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '7' });
      await setClock(ledger, DUE + RECONCILE_AFTER_MS + 1);
      expect(await runDurableObjectAlarm(ledger)).toBe(true);
      expect(await ledger.pendingDebitCount()).toBe(0);
      expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '7' });
    },
    TIMEOUT,
  );
});
