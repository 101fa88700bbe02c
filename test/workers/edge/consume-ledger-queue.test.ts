import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AccountLedger } from '../../../edge/ledger/account-ledger';
import { consumeLedgerQueue } from '../../../edge/ledger/consume-ledger-queue';
import { KEY_BUCKET_MS } from '../../../edge/ledger/debit-records';
import { ledgerFor, SETTLED_KEY_WINDOW_MS, unwrap } from '../../../edge/ledger/ledger-protocol';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';
import type { LedgerMessage } from '../../../shared/queue/ledger-message';

/**
 * The ledger queue's consumer when the rater cannot answer: in this suite the rater binding is a
 * stand-in that refuses every call, as during a Postgres outage. Nothing may be acked then — not
 * a debit the ledger recorded but the rater could not strike from its outbox, not a message to
 * park — so nothing is lost; and a redelivery must not debit twice.
 */
const FEATURE = 'feat.calls';
const NOW = Date.now();

async function consume(queue: string, bodies: unknown[], attempts = 1, rater = env.RATER) {
  const batch = createMessageBatch<unknown>(
    queue,
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await consumeLedgerQueue(batch, { ...env, RATER: rater });
  return getQueueResult(batch, ctx);
}

describe('ledger queue consumer, rater unreachable', () => {
  it('debits the ledger once but retries the message until the rater has settled the debit', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    unwrap(
      await ledger.grant(owner, FEATURE, {
        granted: '10',
        source: 'ENTITLEMENT',
        effectiveFrom: new Date(NOW - 3_600_000).toISOString(),
      }),
    );
    const message: LedgerMessage = {
      kind: 'debits',
      ...owner,
      debits: [{ eventId: 'e1', at: NOW, lines: [{ featureId: FEATURE, amount: '3' }] }],
    };

    for (const attempt of [1, 2, 3]) {
      const result = await consume('meterline-ledger', [message], attempt);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: 'm0' })]);
    }
    expect((await ledger.credits(owner, FEATURE)).balance).toBe('7');
  });

  it('records each event’s spend once, with or without feature lines, however often the message comes', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    unwrap(
      await ledger.grant(owner, FEATURE, {
        granted: '10',
        source: 'ENTITLEMENT',
        effectiveFrom: new Date(NOW - 3_600_000).toISOString(),
      }),
    );
    await ledger.setSpendLimit(owner, { amount: '100', currency: 'USD' }, 1);
    const cycle = { currency: 'USD', cycleStart: NOW - 3_600_000, cycleEnd: NOW + 30 * 86_400_000 };
    const message: LedgerMessage = {
      kind: 'debits',
      ...owner,
      debits: [
        {
          eventId: 'metered',
          at: NOW,
          lines: [{ featureId: FEATURE, amount: '3' }],
          spend: { amount: '1.25', ...cycle },
        },
        // Debited at the edge (/entitled, a settled reservation): only its spend travels.
        { eventId: 'entitled', at: NOW, lines: [], spend: { amount: '0.5', ...cycle } },
      ],
    };

    for (const attempt of [1, 2, 3]) {
      const result = await consume('meterline-ledger', [message], attempt);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: 'm0' })]);
    }
    expect((await ledger.credits(owner, FEATURE)).balance).toBe('7');
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '1.75', available: '98.25' });
  });

  it('acks a spend limit once the ledger kept it, and a late older one changes nothing', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const limit = (amount: string | null, version: number): LedgerMessage => ({
      kind: 'spend-limit',
      ...owner,
      limit: amount === null ? null : { amount, currency: 'USD' },
      version,
    });
    // Version 2 is the removal: version 1 (a set made before it) arrives after it, in the same batch and again.
    const result = await consume('meterline-ledger', [limit('50', 1), limit(null, 2)]);
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1']);
    await consume('meterline-ledger', [limit('50', 1)]);
    expect((await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).spendOf(owner)).limit).toBeNull();
    await consume('meterline-ledger', [limit('60', 3)]);
    expect((await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).spendOf(owner)).limit).toEqual({
      amount: '60',
      currency: 'USD',
    });
  });

  it('records what a limit carries of the cycle’s spend before it keeps the limit', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const cycle = { currency: 'USD', cycleStart: NOW - 86_400_000, cycleEnd: NOW + 86_400_000 };
    const opening = { id: '41', amount: '3.5', ...cycle };
    const push: LedgerMessage = {
      kind: 'spend-limit',
      ...owner,
      limit: { amount: '10', currency: 'USD' },
      version: 1,
      adjustments: [opening],
    };
    const result = await consume('meterline-ledger', [push]);
    expect(result.explicitAcks).toEqual(['m0']);
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '3.5', available: '6.5' });
    // The same adjustment on its own (it is sent both ways) counts nothing more.
    await consume('meterline-ledger', [{ kind: 'spend-adjustments', ...owner, adjustments: [opening] }]);
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '3.5' });
  });

  it('takes a debit that carries neither lines nor spend as malformed', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const result = await consume('meterline-ledger', [
      { kind: 'debits', ...owner, debits: [{ eventId: 'empty', at: NOW, lines: [] }] },
    ]);
    // Malformed: to be parked, which the unreachable rater refuses, so it is retried, never acked.
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: 'm0' })]);
    expect((await ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT).spendOf(owner)).spent).toBe('0');
  });

  it('records each spend adjustment once, taking back as well as adding, and retries until the rater settled it', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await ledger.setSpendLimit(owner, { amount: '100', currency: 'USD' }, 1);
    const cycle = { currency: 'USD', cycleStart: NOW - 86_400_000, cycleEnd: NOW + 86_400_000 };
    await ledger.recordSpend(owner, [{ key: 'e1', eventId: 'e1', amount: '3', ...cycle }]);
    const message: LedgerMessage = {
      kind: 'spend-adjustments',
      ...owner,
      adjustments: [
        { id: '7', amount: '-3', ...cycle },
        { id: '8', amount: '4.5', ...cycle },
        // An ended cycle's: recorded, counting nothing now.
        { id: '9', amount: '50', ...cycle, cycleStart: NOW - 3 * 86_400_000, cycleEnd: NOW - 2 * 86_400_000 },
      ],
    };
    for (const attempt of [1, 2, 3]) {
      const result = await consume('meterline-ledger', [message], attempt);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: 'm0' })]);
    }
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '4.5', available: '95.5' });
  });

  it('gives back a correction once but retries its message until the rater has settled it', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    unwrap(
      await ledger.grant(owner, FEATURE, {
        granted: '10',
        source: 'ENTITLEMENT',
        effectiveFrom: new Date(NOW - 3_600_000).toISOString(),
      }),
    );
    await ledger.consume(owner, [{ eventId: 'e1', at: NOW, lines: [{ featureId: FEATURE, amount: '3' }] }]);
    const message: LedgerMessage = {
      kind: 'corrections',
      ...owner,
      corrections: [{ eventId: 'e1', seq: 1, effect: 'REFUND', at: NOW, lines: [{ featureId: FEATURE, amount: '3' }] }],
    };

    for (const attempt of [1, 2, 3]) {
      const result = await consume('meterline-ledger', [message], attempt);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: 'm0' })]);
    }
    expect((await ledger.credits(owner, FEATURE)).balance).toBe('10');
  });

  it('retries a malformed message until it can be parked, never dropping it', async () => {
    const result = await consume('meterline-ledger', [{ kind: 'debits', tenantId: 't' }, 'not even an object']);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId).sort()).toEqual(['m0', 'm1']);
  });

  it('retries dead letters until they can be parked', async () => {
    const result = await consume(
      'meterline-ledger-dlq',
      [{ kind: 'debits', tenantId: 't', accountId: 'a', debits: [] }],
      7,
    );
    expect(result.explicitAcks).toEqual([]);
    expect(result.ackAll).toBe(false);
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: 'm0' })]);
  });
});

describe('ledger queue consumer, rater reachable', () => {
  /** A fixed start at a key bucket's boundary (2038), so the ledger's clock, not the date, decides. */
  const T0 = 150_000 * KEY_BUCKET_MS;
  /** Past this, the key bucket T0 falls in may be dropped. */
  const EXPIRED = T0 + KEY_BUCKET_MS + SETTLED_KEY_WINDOW_MS + 1;

  /** A rater that strikes whatever it is asked to from its outboxes, recording what it was asked. */
  function settlingRater() {
    const settled: string[] = [];
    const rater = {
      async settleLedgerDebits(_tenantId: string, ids: string[]) {
        settled.push(...ids.map((id) => `debit:${id}`));
        return ids.length;
      },
      async settleSpendAdjustments(_tenantId: string, ids: string[]) {
        settled.push(...ids.map((id) => `adjustment:${id}`));
        return ids.length;
      },
    };
    return { settled, rater: rater as unknown as typeof env.RATER };
  }

  it('confirms spend-only debits and spend adjustments once the rater settled them, so their keys go after the window', async () => {
    const owner = { tenantId: 'ledger-consumer', accountId: `acct-${crypto.randomUUID()}` };
    const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
    await runInDurableObject(ledger, (instance) => void ((instance as unknown as AccountLedger).clock = () => T0));
    await ledger.setSpendLimit(owner, { amount: '100', currency: 'USD' }, 1);
    const cycle = { currency: 'USD', cycleStart: T0 - 86_400_000, cycleEnd: T0 + 30 * 86_400_000 };
    const { settled, rater } = settlingRater();
    const messages: LedgerMessage[] = [
      {
        kind: 'debits',
        ...owner,
        debits: [{ eventId: 'entitled', at: T0, lines: [], spend: { amount: '2', ...cycle } }],
      },
      {
        kind: 'spend-adjustments',
        ...owner,
        adjustments: [
          { id: '7', amount: '-0.5', ...cycle },
          { id: '8', amount: '1', ...cycle },
        ],
      },
    ];
    const result = await consume('meterline-ledger', messages, 1, rater);
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1']);
    expect(settled.sort()).toEqual(['adjustment:7', 'adjustment:8', 'debit:entitled']);
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '2.5' });
    // Confirmed: once the window has passed over their bucket, no key of them is kept.
    await runInDurableObject(ledger, (instance) => void ((instance as unknown as AccountLedger).clock = () => EXPIRED));
    await runDurableObjectAlarm(ledger);
    expect(await ledger.spendKeyStats()).toMatchObject({ unconfirmedKept: 0 });
    expect((await ledger.spendKeyStats()).buckets).not.toContain(T0 / KEY_BUCKET_MS);
    expect(await ledger.spendOf(owner)).toMatchObject({ spent: '2.5' });
  });
});
