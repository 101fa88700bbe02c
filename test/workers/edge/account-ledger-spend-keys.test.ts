import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AccountLedger } from '../../../edge/ledger/account-ledger';
import { KEY_BUCKET_MS } from '../../../edge/ledger/debit-records';
import { ledgerFor, SETTLED_KEY_WINDOW_MS, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import type { SpendRecordInput } from '../../../edge/ledger/ledger-spend';
import { spendAdjustmentKey } from '../../../shared/queue/ledger-message';
import type { ShardPlacement } from '../../../edge/placement/tenant-shards';
import { initialLayout } from '../../../shared/idempotency/dedup-layout';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import { claim } from './dedup-helpers';

/**
 * What an AccountLedger keeps to count each spend record once (edge/ledger/spend-keys.ts): a key
 * per record in time buckets, dropped whole once no copy of the record can still arrive — never
 * while the rater's outbox still owes it — while the cycle's sum stays exact; and the one-row-per-
 * record table of objects made before, read until its cycle ends. Every test moves the object's
 * clock itself: none depends on the date or on speed.
 */
/** A fixed start at a bucket boundary, so "the bucket closes" is a known instant. */
const T0 = 150_000 * KEY_BUCKET_MS; // 2038: later than any alarm of a real clock in a test run
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Past this, the bucket T0 falls in may be dropped. */
const EXPIRED = T0 + KEY_BUCKET_MS + SETTLED_KEY_WINDOW_MS + 1;
const CYCLE = { cycleStart: T0 - DAY, cycleEnd: T0 + 60 * DAY };
const SHARDS: ShardPlacement = { layout: initialLayout(4), region: null, jurisdiction: null };
type Ledger = DurableObjectStub<AccountLedger>;

let accounts = 0;
async function account(): Promise<{ owner: LedgerOwner; ledger: Ledger }> {
  const owner = { tenantId: 'spend-key-tests', accountId: `acct-${++accounts}-${crypto.randomUUID()}` };
  const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(ledger, T0);
  await ledger.setSpendLimit(owner, { amount: '1000000', currency: 'USD' }, 1);
  return { owner, ledger };
}

const revenue = (key: string, amount: string, cycle = CYCLE): SpendRecordInput => ({
  key,
  eventId: key,
  amount,
  currency: 'USD',
  ...cycle,
});

function inLedger<R>(stub: Ledger, fn: (instance: AccountLedger, state: DurableObjectState) => R | Promise<R>) {
  return runInDurableObject(stub, (instance, state) => fn(instance as unknown as AccountLedger, state));
}

const setClock = (ledger: Ledger, at: number) => inLedger(ledger, (instance) => void (instance.clock = () => at));

/** The spend key tables and the keys in them, read from the object's schema. */
const keyTables = (ledger: Ledger) =>
  inLedger(ledger, (_instance, state) => {
    const sql = state.storage.sql;
    const tables = sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'spend_keys_%'")
      .toArray()
      .map((r) => r.name);
    const keys = tables.reduce((n, t) => n + sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${t}`).one().n, 0);
    return { tables: tables.length, keys };
  });

describe('AccountLedger spend keys', () => {
  it('skips a record delivered again after confirmation, for as long as a queued copy can arrive', async () => {
    const { owner, ledger } = await account();
    const adjustment = spendAdjustmentKey('41');
    expect(await ledger.recordSpend(owner, [revenue('e1', '2.5'), revenue(adjustment, '-1')])).toEqual({
      recorded: 2,
      skipped: 0,
    });
    await ledger.confirm(['e1', adjustment]);
    // The window is measured from the end of the bucket the record was counted in.
    await setClock(ledger, T0 + KEY_BUCKET_MS + SETTLED_KEY_WINDOW_MS - 1);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.recordSpend(owner, [revenue('e1', '2.5'), revenue(adjustment, '-1')])).toEqual({
      recorded: 0,
      skipped: 2,
    });
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '1.5' });
    // The copies came again: owed again until confirmed again, then gone with their bucket.
    await setClock(ledger, EXPIRED);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.spendKeyStats()).toMatchObject({ unconfirmedKept: 2 });
    expect((await ledger.spendKeyStats()).buckets).not.toContain(T0 / KEY_BUCKET_MS);
    await ledger.confirm(['e1', adjustment]);
    expect(await ledger.spendKeyStats()).toMatchObject({ unconfirmedKept: 0 });
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '1.5' });
  });

  it('keeps a record the outbox still owes past the window, until it is confirmed', async () => {
    const { owner, ledger } = await account();
    await ledger.recordSpend(owner, [revenue('owed', '7'), revenue('confirmed', '2')]);
    await ledger.confirm(['confirmed']);
    await setClock(ledger, EXPIRED);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.spendKeyStats()).toMatchObject({ buckets: [], unconfirmedKept: 1 });
    // Weeks later, still in its cycle, the outbox sends the unconfirmed one again: skipped.
    await setClock(ledger, EXPIRED + 30 * DAY);
    expect(await ledger.recordSpend(owner, [revenue('owed', '7')])).toEqual({ recorded: 0, skipped: 1 });
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '9' });
  });

  it('refuses to settle a reservation with an event whose record is known, from the buckets', async () => {
    const { owner, ledger } = await account();
    await ledger.recordSpend(owner, [revenue('rated', '1')]);
    await ledger.confirm(['rated']);
    await ledger.reserveMoney(owner, { key: 'r', amount: '3', currency: 'USD', ttlMs: 60_000 });
    const c = claim('rated', 'rated:payload');
    const usage = { ...c, event: { ...c.event, accountId: owner.accountId, debitedAtEdge: true as const } };
    const outcome = await ledger.settleMoneyReservation(owner, 'r', usage, [], SHARDS);
    expect(outcome).toMatchObject({ status: 'REFUSED', code: 'event_already_debited' });
  });

  it('drops whole buckets as time passes, so the storage of a steady stream of records levels off, the sum exact', async () => {
    const { owner, ledger } = await account();
    const perBucket = 1_000;
    const window = Math.ceil(SETTLED_KEY_WINDOW_MS / KEY_BUCKET_MS) + 1;
    const sizes: number[] = [];
    const counts: { tables: number; keys: number }[] = [];
    // Twenty buckets of records, twice the window: each confirmed, as the consumer does.
    for (let b = 0; b < 20; b++) {
      await setClock(ledger, T0 + b * KEY_BUCKET_MS + HOUR);
      for (let i = 0; i < perBucket; i += 500) {
        const ids = Array.from({ length: 500 }, (_, j) => `b${b}-${i + j}`);
        await ledger.recordSpend(
          owner,
          ids.map((id) => revenue(id, '0.01')),
        );
        await ledger.confirm(ids);
      }
      await runDurableObjectAlarm(ledger);
      const stats = await ledger.spendKeyStats();
      expect(stats.buckets.length).toBeLessThanOrEqual(window);
      expect(stats.unconfirmedKept).toBe(0);
      sizes.push(stats.databaseBytes);
      counts.push(await keyTables(ledger));
    }
    // Past the window, tables and keys stop growing: at most `window` buckets of `perBucket` keys.
    for (const c of counts.slice(window)) {
      expect(c.tables).toBeLessThanOrEqual(window);
      expect(c.keys).toBeLessThanOrEqual(window * perBucket);
    }
    expect(counts.at(-1)?.keys).toBeLessThan(20 * perBucket);
    const steady = sizes.slice(12);
    const first = steady[0] ?? 0;
    expect(Math.max(...steady)).toBeLessThanOrEqual(first * 1.05);
    // Every record counted once, whatever was forgotten since.
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '200' });
    expect(await ledger.recordSpend(owner, [revenue('b19-7', '0.01')])).toEqual({ recorded: 0, skipped: 1 });
  }, 120_000);

  it("reads an old object's spend_records table until its cycle ends, then drops it; new records go to buckets", async () => {
    const { owner, ledger } = await account();
    const ending = { cycleStart: T0 - DAY, cycleEnd: T0 + 3 * DAY };
    // As an object deployed before the key buckets left it: a record and its cycle's sum.
    await inLedger(ledger, (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec(`CREATE TABLE spend_records (
          key TEXT PRIMARY KEY, event_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
          cycle_start INTEGER NOT NULL, cycle_end INTEGER NOT NULL);
        CREATE INDEX spend_records_cycle_end ON spend_records (cycle_end);`);
      sql.exec("INSERT INTO spend_records VALUES ('old', 'old', '4', 'USD', ?, ?)", ending.cycleStart, ending.cycleEnd);
      sql.exec("INSERT INTO spend_cycles VALUES (?, ?, 'USD', '4')", ending.cycleStart, ending.cycleEnd);
    });
    await abortAllDurableObjects();
    const restarted = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await setClock(restarted, T0);
    expect(await restarted.spendOf(owner)).toMatchObject({ spent: '4' });
    expect(await restarted.spendKeyStats()).toMatchObject({ legacyRecords: 1 });
    expect(await restarted.recordSpend(owner, [revenue('old', '4', ending), revenue('new', '1', ending)])).toEqual({
      recorded: 1,
      skipped: 1,
    });
    expect(await restarted.spendOf(owner)).toMatchObject({ spent: '5' });
    // Past the window, still in the cycle: the old row is still read.
    await restarted.confirm(['old', 'new']);
    await setClock(restarted, EXPIRED);
    await runDurableObjectAlarm(restarted);
    expect(await restarted.spendKeyStats()).toMatchObject({ buckets: [], legacyRecords: 1 });
    expect(await restarted.recordSpend(owner, [revenue('old', '4', ending)])).toEqual({ recorded: 0, skipped: 1 });
    // The cycle ends: its sum and the old table go; a copy now lands in an ended cycle and counts nothing.
    await restarted.confirm(['old']);
    await setClock(restarted, ending.cycleEnd + 1);
    await runDurableObjectAlarm(restarted);
    const tables = await inLedger(restarted, (_i, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'spend_records'").toArray(),
    );
    expect(tables).toEqual([]);
    expect(await restarted.spendKeyStats()).toMatchObject({ legacyRecords: 0 });
    await restarted.recordSpend(owner, [revenue('old', '4', ending)]);
    expect(await restarted.spendOf(owner)).toMatchObject({ spent: '0' });
  });

  it('takes the adjustments a limit carries as copies: a key already confirmed is not owed again', async () => {
    const { owner, ledger } = await account();
    const opening = { id: '9', amount: '5', currency: 'USD', ...CYCLE };
    // Its own message first: recorded, then confirmed once the rater settled it.
    await ledger.recordSpend(owner, [revenue(spendAdjustmentKey('9'), '5')]);
    await ledger.confirm([spendAdjustmentKey('9')]);
    // The push that carried it arrives after: counted once, and no confirmation will follow it.
    await ledger.setSpendLimit(owner, { amount: '100', currency: 'USD' }, 2, [opening]);
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '5' });
    await setClock(ledger, EXPIRED);
    await runDurableObjectAlarm(ledger);
    expect(await ledger.spendKeyStats()).toMatchObject({ unconfirmedKept: 0 });
  });

  it('sets its alarm when a record is of no cycle ([0, 0), an unrated event), and later ones still', async () => {
    const { owner, ledger } = await account();
    await ledger.recordSpend(owner, [revenue('unrated', '0', { cycleStart: 0, cycleEnd: 0 })]);
    // A money hold of 60 s: the alarm must come by its end, not hours later with the bucket's.
    await ledger.reserveMoney(owner, { key: 'hold', amount: '1', currency: 'USD', ttlMs: 60_000 });
    const alarm = await runInDurableObject(ledger, (_i, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm).toBeLessThanOrEqual(T0 + 60_000);
  });

  it('creates no spend_records table in a new object', async () => {
    const { owner, ledger } = await account();
    await ledger.recordSpend(owner, [revenue('e', '1')]);
    const tables = await inLedger(ledger, (_i, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'spend_records'").toArray(),
    );
    expect(tables).toEqual([]);
  });
});
