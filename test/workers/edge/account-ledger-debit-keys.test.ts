import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { RECONCILE_AFTER_MS, type AccountLedger } from '../../../edge/ledger/account-ledger';
import { KEY_BUCKET_MS, LEGACY_RETENTION_MS } from '../../../edge/ledger/debit-records';
import {
  ledgerFor,
  SETTLED_KEY_WINDOW_MS,
  unwrap,
  type EventDebit,
  type LedgerOwner,
} from '../../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';

/**
 * What an AccountLedger keeps of final debits (edge/ledger/debit-records.ts): a key per debit in
 * time buckets, dropped whole once no copy of the debit can still arrive — never while the rater's
 * outbox still owes it — and the old one-row-per-debit table of objects made before, carried over.
 * Every test moves the object's clock itself: none depends on the date or on speed.
 */
const FEATURE = 'feat.calls';
/** A fixed start at a bucket boundary, so "the bucket closes" is a known instant. */
const T0 = 150_000 * KEY_BUCKET_MS; // 2038: later than any alarm of a real clock in a test run
const HOUR = 3_600_000;
/** Past this, the bucket T0 falls in may be dropped. */
const EXPIRED = T0 + KEY_BUCKET_MS + SETTLED_KEY_WINDOW_MS + 1;

let accounts = 0;
function account(): { owner: LedgerOwner; ledger: DurableObjectStub<AccountLedger> } {
  const owner = { tenantId: 'ledger-key-tests', accountId: `acct-${++accounts}-${crypto.randomUUID()}` };
  return { owner, ledger: ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT) };
}

function debit(eventId: string, amount = '1'): EventDebit {
  return { eventId, at: T0, lines: [{ featureId: FEATURE, amount }] };
}

function inLedger<R>(
  stub: DurableObjectStub<AccountLedger>,
  fn: (instance: AccountLedger, state: DurableObjectState) => R | Promise<R>,
) {
  return runInDurableObject(stub, (instance, state) => fn(instance as unknown as AccountLedger, state));
}

const setClock = (ledger: DurableObjectStub<AccountLedger>, at: number) =>
  inLedger(ledger, (instance) => void (instance.clock = () => at));

async function granted(granted: string): Promise<{ owner: LedgerOwner; ledger: DurableObjectStub<AccountLedger> }> {
  const { owner, ledger } = account();
  await setClock(ledger, T0);
  unwrap(
    await ledger.grant(owner, FEATURE, {
      granted,
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(T0 - HOUR).toISOString(),
      effectiveUntil: new Date(T0 + 1000 * HOUR).toISOString(),
    }),
  );
  return { owner, ledger };
}

describe('AccountLedger debit keys', () => {
  it('skips a redelivery after settlement and confirmation, for as long as a queued copy can arrive', async () => {
    const { owner, ledger } = await granted('100');
    expect(await ledger.consume(owner, [debit('m1', '5')])).toEqual({ debited: 1, skipped: 0 });
    await ledger.confirm(['m1']);
    // The window is measured from the end of the bucket the debit was made in.
    await setClock(ledger, T0 + KEY_BUCKET_MS + SETTLED_KEY_WINDOW_MS - 1);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.consume(owner, [debit('m1', '5')])).toEqual({ debited: 0, skipped: 1 });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '95' });
  });

  it('keeps a debit the outbox still owes past the window, until it is confirmed', async () => {
    const { owner, ledger } = await granted('100');
    await ledger.consume(owner, [debit('owed', '7'), debit('confirmed', '2')]);
    await ledger.confirm(['confirmed']);
    await setClock(ledger, EXPIRED);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.debitKeyStats()).toMatchObject({ buckets: [], unconfirmedKept: 1 });
    // Weeks later the outbox sends the unconfirmed one again (say, Postgres was down): skipped.
    await setClock(ledger, EXPIRED + 30 * 24 * HOUR);
    expect(await ledger.consume(owner, [debit('owed', '7')])).toEqual({ debited: 0, skipped: 1 });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '91' });
    await ledger.confirm(['owed']);
    expect(await ledger.debitKeyStats()).toMatchObject({ unconfirmedKept: 0 });
  });

  it('owes a confirmed key again when the same debit is delivered again, until confirmed again', async () => {
    const { owner, ledger } = await granted('100');
    await ledger.consume(owner, [debit('again', '3')]);
    await ledger.confirm(['again']);
    // A second copy arrives and is skipped, but the consumer dies before confirming it.
    expect(await ledger.consume(owner, [debit('again', '3')])).toEqual({ debited: 0, skipped: 1 });
    await setClock(ledger, EXPIRED);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.debitKeyStats()).toMatchObject({ unconfirmedKept: 1 });
    expect(await ledger.consume(owner, [debit('again', '3')])).toEqual({ debited: 0, skipped: 1 });
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '97' });
  });

  it('refunds a PENDING /entitled debit whose event was never claimed, and answers a retry ALREADY_DEBITED until the key goes', async () => {
    const { owner, ledger } = await granted('10');
    expect(
      (await ledger.entitle(owner, { eventId: 'lost', lines: [{ featureId: FEATURE, amount: '4' }] })).status,
    ).toBe('ENTITLED');
    expect(
      (await ledger.entitle(owner, { eventId: 'lost', lines: [{ featureId: FEATURE, amount: '4' }] })).status,
    ).toBe('ALREADY_DEBITED');
    await setClock(ledger, T0 + RECONCILE_AFTER_MS + 1);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.pendingDebitCount()).toBe(0);
    expect(await ledger.credits(owner, FEATURE)).toMatchObject({ balance: '10' });
  });

  it('drops whole buckets as time passes, so the storage of a steady stream of debits levels off', async () => {
    const { owner, ledger } = await granted('1000000000');
    const perBucket = 1_000;
    const sizes: number[] = [];
    // Twenty buckets of debits, twice the window: each confirmed, as the consumer does.
    for (let b = 0; b < 20; b++) {
      const at = T0 + b * KEY_BUCKET_MS + HOUR;
      await setClock(ledger, at);
      for (let i = 0; i < perBucket; i += 500) {
        const ids = Array.from({ length: 500 }, (_, j) => `b${b}-${i + j}`);
        await ledger.consume(
          owner,
          ids.map((id) => debit(id)),
        );
        await ledger.confirm(ids);
      }
      await runDurableObjectAlarm(ledger);
      const stats = await ledger.debitKeyStats();
      expect(stats.buckets.length).toBeLessThanOrEqual(Math.ceil(SETTLED_KEY_WINDOW_MS / KEY_BUCKET_MS) + 1);
      sizes.push(stats.databaseBytes);
    }
    const steady = sizes.slice(12);
    // Once buckets are dropped as fast as they fill, freed pages are reused: no growth.
    expect(Math.max(...steady)).toBeLessThanOrEqual(steady[0]! * 1.05);
    expect(Math.max(...steady)).toBeLessThan(sizes[11]! * 2);
    // The newest debits are still known.
    expect(await ledger.consume(owner, [debit('b19-7')])).toEqual({ debited: 0, skipped: 1 });
  }, 120_000);

  it("carries over an old object's debits table: PENDING debits move, SETTLED ones are read until they age out", async () => {
    const { owner, ledger } = await granted('100');
    const oldLines = (amount: string) =>
      JSON.stringify([{ featureId: FEATURE, amount, allocations: [], overage: amount }]);
    // As an object deployed before the key buckets left it: two debits, one PENDING.
    await inLedger(ledger, (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec(`CREATE TABLE debits (event_id TEXT PRIMARY KEY, state TEXT NOT NULL, lines TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE INDEX debits_state ON debits (state, created_at);`);
      sql.exec(
        "INSERT INTO debits VALUES ('old-settled', 'SETTLED', ?, ?), ('old-pending', 'PENDING', ?, ?)",
        oldLines('6'),
        T0 - HOUR,
        oldLines('0'),
        T0 - HOUR,
      );
    });
    await abortAllDurableObjects();
    const restarted = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await setClock(restarted, T0);
    expect(await restarted.pendingDebitCount()).toBe(1);
    expect(
      (await restarted.entitle(owner, { eventId: 'old-settled', lines: [{ featureId: FEATURE, amount: '6' }] })).status,
    ).toBe('ALREADY_DEBITED');
    expect(await restarted.consume(owner, [debit('old-settled', '6'), debit('old-pending', '0')])).toEqual({
      debited: 0,
      skipped: 2,
    });
    // Past the old 60 days the old table is emptied and dropped; the key of 'old-pending' (settled just now) stays.
    await setClock(restarted, T0 + LEGACY_RETENTION_MS);
    await runDurableObjectAlarm(restarted);
    const tables = await inLedger(restarted, (_i, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'debits'").toArray(),
    );
    expect(tables).toEqual([]);
    expect(await restarted.consume(owner, [debit('old-pending', '0')])).toEqual({ debited: 0, skipped: 1 });
    expect(await restarted.consume(owner, [debit('old-settled', '6')])).toEqual({ debited: 1, skipped: 0 });
  });
});
