import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { RECONCILE_AFTER_MS, type AccountLedger } from '../../../edge/ledger/account-ledger';
import { ledgerFor, unwrap, type EventDebit, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import { shardFor, shardName } from '../../../shared/idempotency/shard-for';
import { claim } from './dedup-helpers';
import { planGrantId } from '../../../shared/pricing/plan-grant-id';

const FEATURE = 'feat.calls';
const NOW = Date.now();

let accounts = 0;
/** A fresh account (its own ledger object) per test. */
function account(): { owner: LedgerOwner; ledger: DurableObjectStub<AccountLedger> } {
  const owner = { tenantId: 'ledger-tests', accountId: `acct-${++accounts}-${crypto.randomUUID()}` };
  return { owner, ledger: ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT) };
}

function debit(eventId: string, amount = '1', at = NOW): EventDebit {
  return { eventId, at, lines: [{ featureId: FEATURE, amount }] };
}

async function grant(
  ledger: DurableObjectStub<AccountLedger>,
  owner: LedgerOwner,
  granted: string,
  extra: { id?: string; effectiveFrom?: string; effectiveUntil?: string } = {},
) {
  // Effective from an hour before the events of these tests (a grant defaults to "now").
  return unwrap(
    await ledger.grant(owner, FEATURE, {
      granted,
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(NOW - 3_600_000).toISOString(),
      ...extra,
    }),
  );
}

function inLedger<R>(stub: DurableObjectStub<AccountLedger>, fn: (instance: AccountLedger) => R | Promise<R>) {
  return runInDurableObject(stub, (instance) => fn(instance as unknown as AccountLedger));
}

describe('AccountLedger', () => {
  it('allows exactly what the balance covers when 200 callers race for 100 units', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '100');
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => ledger.entitle(owner, debit(`race-${i}`))),
    );
    expect(outcomes.filter((o) => o.status === 'ENTITLED')).toHaveLength(100);
    const denied = outcomes.filter((o) => o.status === 'DENIED');
    expect(denied).toHaveLength(100);
    expect(
      denied.every((o) => o.status === 'DENIED' && o.reason === 'INSUFFICIENT_CREDITS' && o.available === '0'),
    ).toBe(true);
    expect(await ledger.credits(owner, FEATURE)).toEqual({
      accountId: owner.accountId,
      featureId: FEATURE,
      granted: '100',
      balance: '0',
      usedOverage: '0',
    });
  });

  it('debits an event id once, however often /entitled is retried', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '10');
    expect((await ledger.entitle(owner, debit('e1', '4'))).status).toBe('ENTITLED');
    const again = await ledger.entitle(owner, debit('e1', '4'));
    expect(again.status).toBe('ALREADY_DEBITED');
    expect(again.balances[0]?.balance).toBe('6');
  });

  it('debits metered usage whatever the balance, skips what /entitled debited, and settles it', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '3');
    await ledger.entitle(owner, debit('entitled', '2'));
    expect(await ledger.pendingDebitCount()).toBe(1);
    const counts = await ledger.consume(owner, [
      debit('entitled', '2'),
      debit('ingested', '5'),
      debit('ingested', '5'),
    ]);
    expect(counts).toEqual({ debited: 1, skipped: 2 });
    expect(await ledger.pendingDebitCount()).toBe(0);
    // 3 granted − 2 (entitled) − 1 (ingested, from the entry) = 0; 4 more as overage.
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '-4', usedOverage: '4' });
    // A redelivered message changes nothing.
    expect(await ledger.consume(owner, [debit('ingested', '5')])).toEqual({ debited: 0, skipped: 1 });
  });

  it('refuses with NO_GRANT when nothing was granted, and within the overage limit allows going below zero', async () => {
    const { owner, ledger } = account();
    expect(await ledger.entitle(owner, debit('n1'))).toMatchObject({ status: 'DENIED', reason: 'NO_GRANT' });
    await ledger.setOverageLimit(owner, FEATURE, '2');
    expect((await ledger.entitle(owner, debit('n2'))).status).toBe('ENTITLED');
    expect((await ledger.entitle(owner, debit('n3'))).status).toBe('ENTITLED');
    expect(await ledger.entitle(owner, debit('n4'))).toMatchObject({
      status: 'DENIED',
      reason: 'INSUFFICIENT_CREDITS',
      available: '0',
    });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '-2', overageLimit: '2', usedOverage: '2' });
    // A top-up settles the overage first: the balance is net, and the allowance is back.
    await grant(ledger, owner, '5');
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '5', balance: '3', usedOverage: '0' });
    for (const id of ['n5', 'n6', 'n7', 'n8', 'n9']) {
      expect((await ledger.entitle(owner, debit(id))).status).toBe('ENTITLED');
    }
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '-2', usedOverage: '2' });
  });

  it('checks /entitled against the credits live now: an entry expiring at T covers T − 1 ms, not T', async () => {
    const { owner, ledger } = account();
    const until = NOW + 60_000;
    await grant(ledger, owner, '10', { effectiveUntil: new Date(until).toISOString() });
    await inLedger(ledger, (instance) => (instance.clock = () => until - 1));
    expect((await ledger.entitle(owner, debit('before'))).status).toBe('ENTITLED');
    await inLedger(ledger, (instance) => (instance.clock = () => until));
    expect(await ledger.entitle(owner, debit('at'))).toMatchObject({ status: 'DENIED', reason: 'NO_GRANT' });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '0', balance: '0' });
  });

  it('debits metered usage from the credits live at its timestamp: a late event still finds an expired grant', async () => {
    const { owner, ledger } = account();
    const until = NOW + 60_000;
    await grant(ledger, owner, '10', { id: 'old', effectiveUntil: new Date(until).toISOString() });
    await grant(ledger, owner, '10', { id: 'new', effectiveFrom: new Date(until).toISOString() });
    await inLedger(ledger, (instance) => (instance.clock = () => until + 5_000));
    await ledger.consume(owner, [debit('late', '3', until - 1), debit('on-time', '2', until)]);
    const entries = await ledger.listEntries(FEATURE, undefined, 10);
    expect(entries.map((e) => [e.id, e.status, e.used])).toEqual([
      ['old', 'EXPIRED', '3'],
      ['new', 'ACTIVE', '2'],
    ]);
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '10', balance: '8' });
  });

  it('takes the oldest-expiring entry first', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '5', { id: 'never' });
    await grant(ledger, owner, '5', { id: 'soon', effectiveUntil: new Date(NOW + 3_600_000).toISOString() });
    await ledger.entitle(owner, debit('x', '6'));
    const entries = await ledger.listEntries(FEATURE, undefined, 10);
    expect(entries.map((e) => [e.id, e.used, e.balance])).toEqual([
      ['never', '1', '4'],
      ['soon', '5', '0'],
    ]);
  });

  it('voids an entry mid-stream: what is left is gone, what was used stays used', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '10', { id: 'a' });
    await grant(ledger, owner, '10', { id: 'b', effectiveUntil: new Date(NOW + 3_600_000).toISOString() });
    await Promise.all(Array.from({ length: 12 }, (_, i) => ledger.entitle(owner, debit(`v${i}`))));
    const voided = unwrap(await ledger.voidEntry(FEATURE, 'b'));
    expect(voided).toMatchObject({ status: 'VOIDED', used: '10', balance: '0' });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '10', balance: '8' });
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => ledger.entitle(owner, debit(`w${i}`))));
    expect(outcomes.filter((o) => o.status === 'ENTITLED')).toHaveLength(8);
    expect(unwrap(await ledger.voidEntry(FEATURE, 'b')).status).toBe('VOIDED');
  });

  it('keeps grants idempotent by id, refuses a different grant under the same id, and guards adjustments', async () => {
    const { owner, ledger } = account();
    const first = await ledger.grant(owner, FEATURE, {
      id: 'p1',
      granted: '10',
      source: 'REFUND',
      effectiveFrom: new Date(NOW - 1000).toISOString(),
    });
    // Sent again without effectiveFrom (its default, "now", has moved on): still the same grant.
    const again = await ledger.grant(owner, FEATURE, { id: 'p1', granted: '10.0', source: 'REFUND' });
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    expect(again).toMatchObject({ ok: true, value: { created: false } });
    expect(await ledger.grant(owner, FEATURE, { id: 'p1', granted: '11', source: 'REFUND' })).toMatchObject({
      ok: false,
      problem: { kind: 'conflict', code: 'entry_id_conflict', errors: [{ path: 'id' }] },
    });
    await ledger.entitle(owner, debit('u', '4'));
    expect(await ledger.updateEntry(FEATURE, 'p1', { granted: '3' })).toMatchObject({
      ok: false,
      problem: { kind: 'validation', errors: [{ path: 'granted' }] },
    });
    expect(
      await ledger.updateEntry(FEATURE, 'p1', { effectiveUntil: new Date(NOW - 1000).toISOString() }),
    ).toMatchObject({
      ok: false,
      problem: { errors: [{ path: 'effectiveUntil' }] },
    });
    expect(unwrap(await ledger.updateEntry(FEATURE, 'p1', { granted: '4' }))).toMatchObject({
      granted: '4',
      used: '4',
      balance: '0',
    });
    expect(await ledger.updateEntry(FEATURE, 'nope', { granted: '4' })).toMatchObject({
      ok: false,
      problem: { kind: 'not_found' },
    });
  });

  it('keeps balances exact across a restart of the object', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '50');
    await Promise.all(Array.from({ length: 30 }, (_, i) => ledger.entitle(owner, debit(`r${i}`))));
    await abortAllDurableObjects();
    const restarted = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    expect(await restarted.credits(owner, FEATURE)).toMatchObject({ granted: '50', balance: '20' });
    expect((await restarted.entitle(owner, debit('r0'))).status).toBe('ALREADY_DEBITED');
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => restarted.entitle(owner, debit(`s${i}`))));
    expect(outcomes.filter((o) => o.status === 'ENTITLED')).toHaveLength(20);
    expect(await restarted.credits(owner, FEATURE)).toMatchObject({ balance: '0' });
  });

  it('settles a PENDING debit whose event was claimed, and refunds one whose event never was', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '10');
    await ledger.entitle(owner, debit('claimed', '3'));
    await ledger.entitle(owner, debit('lost', '4'));
    // Only 'claimed' reaches its DedupShard (the edge failed before claiming 'lost').
    const shard = env.DEDUP_SHARD.get(
      env.DEDUP_SHARD.idFromName(shardName(owner.tenantId, shardFor(owner.tenantId, 'claimed', 16))),
    );
    await shard.claim(owner.tenantId, [
      { ...claim('claimed'), event: { ...claim('claimed').event, accountId: owner.accountId } },
    ]);
    await shard.settled();

    // Before RECONCILE_AFTER_MS nothing is decided.
    await runDurableObjectAlarm(ledger);
    expect(await ledger.pendingDebitCount()).toBe(2);

    await inLedger(ledger, (instance) => (instance.clock = () => Date.now() + RECONCILE_AFTER_MS + 1));
    await runDurableObjectAlarm(ledger);
    expect(await ledger.pendingDebitCount()).toBe(0);
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '7' });
    // The lost event may still be ingested later: then the rater's debit is the one that counts.
    expect(await ledger.consume(owner, [debit('lost', '4'), debit('claimed', '3')])).toEqual({
      debited: 1,
      skipped: 1,
    });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '3' });
  });

  it('refunds a PENDING debit at once when asked (its id belonged to another event)', async () => {
    const { owner, ledger } = account();
    await grant(ledger, owner, '10');
    await ledger.entitle(owner, debit('taken', '6'));
    await ledger.refund('taken');
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '10' });
    expect(await ledger.pendingDebitCount()).toBe(0);
    // A settled debit is never refunded.
    await ledger.consume(owner, [debit('metered', '2')]);
    await ledger.refund('metered');
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '8' });
  });

  it("brings a plan association's entries in line: adds them, cuts one when the plan ends early, voids one not begun", async () => {
    const { owner, ledger } = account();
    const iso = (t: number) => new Date(t).toISOString();
    const cycle = (start: number, feature: string, until = start + 3_600_000) => ({
      featureId: feature,
      id: planGrantId('pa.1', start, feature),
      granted: '100',
      effectiveFrom: iso(start),
      effectiveUntil: iso(until),
      source: 'PRICE_PLAN',
    });
    const current = NOW - 600_000;
    const next = current + 3_600_000;
    await ledger.syncPlanGrants(owner, 'pa.1', [
      cycle(current, FEATURE),
      cycle(current, 'feat.seats'),
      cycle(next, FEATURE),
      cycle(next, 'feat.seats'),
    ]);
    await ledger.syncPlanGrants(owner, 'pa.1', [
      cycle(current, FEATURE),
      cycle(current, 'feat.seats'),
      cycle(next, FEATURE),
      cycle(next, 'feat.seats'),
    ]);
    expect(await ledger.listEntries(FEATURE, undefined, 10)).toHaveLength(2);
    expect(await ledger.credits(owner, 'feat.seats')).toMatchObject({ granted: '100', balance: '100' });
    await ledger.entitle(owner, debit('used', '30'));

    // The plan ends now: this cycle's entries end here, next cycle's are voided; what was used stays.
    const end = NOW + 60_000;
    await ledger.syncPlanGrants(owner, 'pa.1', [cycle(current, FEATURE, end), cycle(current, 'feat.seats', end)]);
    const entries = await ledger.listEntries(FEATURE, undefined, 10);
    expect(entries.map((e) => [e.status, e.used, e.effectiveUntil])).toEqual([
      ['ACTIVE', '30', iso(end)],
      ['VOIDED', '0', iso(next + 3_600_000)],
    ]);
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '100', balance: '70' });
  });

  it('takes an entry granted under the first, long id form for the same grant: the cycle is never granted twice', async () => {
    const { owner, ledger } = account();
    const iso = (t: number) => new Date(t).toISOString();
    const start = NOW - 600_000;
    const grant = (id: string) => ({
      featureId: FEATURE,
      id,
      granted: '100',
      effectiveFrom: iso(start),
      effectiveUntil: iso(start + 3_600_000),
      source: 'PRICE_PLAN',
    });
    await ledger.syncPlanGrants(owner, 'pa.1', [grant(`pa.1#${iso(start)}#${FEATURE}$PRICE_PLAN`)]);
    await ledger.syncPlanGrants(owner, 'pa.1', [grant(planGrantId('pa.1', start, FEATURE))]);
    expect(await ledger.listEntries(FEATURE, undefined, 10)).toHaveLength(1);
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '100', balance: '100' });
  });

  it('keeps a plan grant someone voided voided when the plan grants it again (it used to fail the sync on the reused id)', async () => {
    const { owner, ledger } = account();
    const iso = (t: number) => new Date(t).toISOString();
    const start = NOW - 600_000;
    const grant = {
      featureId: FEATURE,
      id: planGrantId('pa.1', start, FEATURE),
      granted: '100',
      effectiveFrom: iso(start),
      effectiveUntil: iso(start + 3_600_000),
      source: 'PRICE_PLAN',
    };
    await ledger.syncPlanGrants(owner, 'pa.1', [grant]);
    expect(unwrap(await ledger.voidEntry(FEATURE, grant.id)).status).toBe('VOIDED');
    await ledger.syncPlanGrants(owner, 'pa.1', [grant]);
    expect((await ledger.listEntries(FEATURE, undefined, 10)).map((e) => [e.id, e.status])).toEqual([
      [grant.id, 'VOIDED'],
    ]);
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ granted: '0', balance: '0' });
  });

  it('keeps entitlement values per feature', async () => {
    const { ledger } = account();
    await ledger.setEntitlementValue('feat.sso', 'true');
    await ledger.setEntitlementValue('feat.seats', '10');
    await ledger.setEntitlementValue('feat.seats', '12');
    expect(await ledger.entitlementValues()).toEqual([
      { featureId: 'feat.seats', value: '12' },
      { featureId: 'feat.sso', value: 'true' },
    ]);
  });
});
