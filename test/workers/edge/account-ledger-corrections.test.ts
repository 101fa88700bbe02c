import { abortAllDurableObjects, env, runInDurableObject } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountLedger } from '../../../edge/ledger/account-ledger';
import { ledgerFor, unwrap, type LedgerOwner } from '../../../edge/ledger/ledger-protocol';
import { Decimal } from '../../../shared/decimal/decimal';
import { creditChanges, type HeldCredits } from '../../../shared/entitlement/correction-credits';
import { correctionKey, type LedgerCorrection } from '../../../shared/queue/ledger-message';
import { DEFAULT_OBJECT_PLACEMENT } from '../../../shared/tenant/placement';

/**
 * Corrections of events in the AccountLedger (POST /events/correction): what a corrected event
 * consumed is given back, what its corrected payload consumes is debited, each correction once —
 * however often its message is delivered, and across restarts of the object.
 */
const FEATURE = 'feat.tokens';
/** Ahead of the real clock: no alarm the ledger sets runs unless a test runs it. */
const T0 = Date.now() + 30 * 86_400_000;
const DAY = 86_400_000;
/** The corrected events' timestamp. */
const AT = T0 - 3_600_000;
type Ledger = DurableObjectStub<AccountLedger>;

let accounts = 0;
async function account(): Promise<{ owner: LedgerOwner; ledger: Ledger }> {
  const owner = { tenantId: 'ledger-corrections', accountId: `acct-${++accounts}-${crypto.randomUUID()}` };
  const ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(ledger, T0);
  return { owner, ledger };
}

const setClock = (ledger: Ledger, at: number) =>
  runInDurableObject(ledger, (instance) => void ((instance as unknown as AccountLedger).clock = () => at));

async function grant(
  ledger: Ledger,
  owner: LedgerOwner,
  id: string,
  granted: string,
  effectiveUntil?: number,
  effectiveFrom = T0 - DAY,
) {
  unwrap(
    await ledger.grant(owner, FEATURE, {
      id,
      granted,
      source: 'ENTITLEMENT',
      effectiveFrom: new Date(effectiveFrom).toISOString(),
      ...(effectiveUntil ? { effectiveUntil: new Date(effectiveUntil).toISOString() } : {}),
    }),
  );
}

const debit = (eventId: string, amount: string) => ({ eventId, at: AT, lines: [{ featureId: FEATURE, amount }] });
const correction = (
  eventId: string,
  seq: number,
  effect: LedgerCorrection['effect'],
  amount: string,
): LedgerCorrection => ({ eventId, seq, effect, at: AT, lines: [{ featureId: FEATURE, amount }] });

async function standing(ledger: Ledger, owner: LedgerOwner) {
  const credits = await ledger.credits(owner, FEATURE);
  const entries = Object.fromEntries((await ledger.listEntries(FEATURE, undefined, 100)).map((e) => [e.id, e.used]));
  return { balance: credits.balance, usedOverage: credits.usedOverage, entries };
}

async function restart(ledger: Ledger, owner: LedgerOwner, now = T0): Promise<Ledger> {
  await abortAllDurableObjects();
  const restarted = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
  await setClock(restarted, now);
  return restarted;
}

describe('AccountLedger corrections', () => {
  it('UNDO gives back exactly what the event consumed, and the entries show it', async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'soon', '10', T0 + DAY);
    await grant(ledger, owner, 'never', '10');
    await ledger.consume(owner, [debit('e1', '12')]);
    expect(await standing(ledger, owner)).toEqual({
      balance: '8',
      usedOverage: '0',
      entries: { soon: '10', never: '2' },
    });

    expect(await ledger.correct(owner, [correction('e1', 1, 'REFUND', '12')])).toEqual({ applied: 1, skipped: 0 });
    expect(await standing(ledger, owner)).toEqual({
      balance: '20',
      usedOverage: '0',
      entries: { soon: '0', never: '0' },
    });
  });

  it("leaves the others' usage as if the undone event had never been sent", async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'soon', '10', T0 + DAY);
    await grant(ledger, owner, 'never', '10');
    await ledger.consume(owner, [debit('e1', '5'), debit('e2', '8')]);
    await ledger.correct(owner, [correction('e1', 1, 'REFUND', '5')]);
    // e2 alone: 8 from the entry expiring first.
    expect(await standing(ledger, owner)).toEqual({
      balance: '12',
      usedOverage: '0',
      entries: { soon: '8', never: '0' },
    });
  });

  it('applies a correction once: redelivered, after a restart, after its confirmation', async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'g', '10');
    await ledger.consume(owner, [debit('e1', '4')]);
    const undo = correction('e1', 1, 'REFUND', '4');
    await ledger.correct(owner, [undo]);
    expect(await ledger.correct(owner, [undo])).toEqual({ applied: 0, skipped: 1 });
    const restarted = await restart(ledger, owner);
    expect(await restarted.correct(owner, [undo])).toEqual({ applied: 0, skipped: 1 });
    await restarted.confirm([correctionKey(undo)]);
    expect(await restarted.correct(owner, [undo])).toEqual({ applied: 0, skipped: 1 });
    // And the event's own debit, redelivered, is still skipped: it was debited once.
    expect(await restarted.consume(owner, [debit('e1', '4')])).toEqual({ debited: 0, skipped: 1 });
    expect((await standing(restarted, owner)).balance).toBe('10');
  });

  it('UNDO then REDO debits again; a second UNDO (a correction of its own) gives back again', async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'g', '10');
    await ledger.consume(owner, [debit('e1', '4')]);
    await ledger.correct(owner, [correction('e1', 1, 'REFUND', '4')]);
    expect((await standing(ledger, owner)).balance).toBe('10');
    await ledger.correct(owner, [correction('e1', 2, 'DEBIT', '4')]);
    expect((await standing(ledger, owner)).balance).toBe('6');
    await ledger.correct(owner, [correction('e1', 3, 'REFUND', '4')]);
    expect((await standing(ledger, owner)).balance).toBe('10');
  });

  it('REDO_EVENT with another amount moves the balance by the difference, in one message', async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'g', '10');
    await ledger.consume(owner, [debit('e1', '4')]);
    expect(
      await ledger.correct(owner, [correction('e1', 1, 'REFUND', '4'), correction('e1', 2, 'DEBIT', '7')]),
    ).toEqual({ applied: 2, skipped: 0 });
    expect(await standing(ledger, owner)).toEqual({ balance: '3', usedOverage: '0', entries: { g: '7' } });
  });

  it('gives overage back first, and overage a later grant paid goes back to that grant', async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'first', '10');
    await ledger.consume(owner, [debit('e1', '15'), debit('e2', '3')]);
    expect(await standing(ledger, owner)).toEqual({ balance: '-8', usedOverage: '8', entries: { first: '10' } });
    // A top-up from now on pays the overage.
    await grant(ledger, owner, 'top-up', '6', undefined, T0);
    expect(await standing(ledger, owner)).toEqual({
      balance: '-2',
      usedOverage: '2',
      entries: { first: '10', 'top-up': '6' },
    });

    await ledger.correct(owner, [correction('e1', 1, 'REFUND', '15')]);
    // e2 alone: 3 of the first grant; the top-up untouched.
    expect(await standing(ledger, owner)).toEqual({
      balance: '13',
      usedOverage: '0',
      entries: { first: '3', 'top-up': '0' },
    });
  });

  it('cannot create credits: a give-back finds nothing used, gives nothing back', async () => {
    const { owner, ledger } = await account();
    await grant(ledger, owner, 'g', '10');
    await ledger.correct(owner, [correction('e1', 1, 'REFUND', '5')]);
    expect(await standing(ledger, owner)).toEqual({ balance: '10', usedOverage: '0', entries: { g: '0' } });
  });

  it("equals a brute force over the final events, however the rater's outbox delivers, repeats, and the object restarts", async () => {
    type Op =
      | { op: 'correct'; event: number; action: 'UNDO' | 'REDO' | 'REDO_EVENT'; amount: number }
      | { op: 'deliver'; event: number; again: boolean }
      | { op: 'restart' };
    const EVENTS = 4;
    const event = fc.nat(EVENTS - 1);
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constant('correct' as const),
          event,
          action: fc.constantFrom('UNDO' as const, 'REDO' as const, 'REDO_EVENT' as const),
          amount: fc.integer({ min: 1, max: 20 }),
        }),
      },
      { weight: 4, arbitrary: fc.record({ op: fc.constant('deliver' as const), event, again: fc.boolean() }) },
      { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
    );
    const plan = fc.record({
      amounts: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: EVENTS, maxLength: EVENTS }),
      ops: fc.array(op, { minLength: 5, maxLength: 25 }),
    });

    await fc.assert(
      fc.asyncProperty(plan, async ({ amounts, ops }) => {
        // Live when the events happened and over now; a top-up live now pays the overage beyond it.
        const GRANT = 30;
        const TOP_UP = 10;
        const { owner } = await account();
        let ledger = ledgerFor(env, owner, DEFAULT_OBJECT_PLACEMENT);
        await grant(ledger, owner, 'g', String(GRANT), T0 - 1);
        await grant(ledger, owner, 'top-up', String(TOP_UP), undefined, T0 - 1);
        const held = (amount: number): HeldCredits => ({
          accountId: owner.accountId,
          at: AT,
          lines: [{ featureId: FEATURE, amount: String(amount) }],
        });

        // The rater's side, as correctEvent and the outboxes keep it: what each event holds now,
        // its debit still owed or not, and its numbered credit changes not yet confirmed.
        const events = amounts.map((amount, i) => ({
          id: `e${i}`,
          /** What its debit, metered as first accepted, carries. */
          amount,
          payload: amount,
          holds: held(amount) as HeldCredits | null,
          debitOwed: true,
          lastSeq: 0,
          owed: [] as LedgerCorrection[],
          /** Every message of its corrections sent so far: a copy of any may arrive late. */
          sent: [] as LedgerCorrection[][],
        }));

        const deliver = async (e: (typeof events)[number], again: boolean) => {
          // The outbox sends the debit first; once it is confirmed, all the corrections still owed, in order.
          if (e.debitOwed) {
            await ledger.consume(owner, [debit(e.id, String(e.amount))]);
            if (!again) {
              await ledger.confirm([e.id]);
              e.debitOwed = false;
            }
            return;
          }
          if (e.owed.length > 0 && !again) {
            const message = [...e.owed];
            e.sent.push(message);
            await ledger.correct(owner, message);
            await ledger.confirm(message.map(correctionKey));
            e.owed = [];
            return;
          }
          // A late copy: the oldest message of its corrections, or its debit.
          if (e.sent.length > 0) {
            await ledger.correct(owner, e.sent[0]!);
          } else {
            await ledger.consume(owner, [debit(e.id, String(e.amount))]);
          }
        };

        for (const step of ops) {
          if (step.op === 'restart') {
            ledger = await restart(ledger, owner);
            continue;
          }
          const e = events[step.event]!;
          if (step.op === 'deliver') {
            await deliver(e, step.again);
            continue;
          }
          // REDO meters the event's payload again; REDO_EVENT replaces it.
          if (step.action === 'REDO_EVENT') {
            e.payload = step.amount;
          }
          const after = step.action === 'UNDO' ? null : held(e.payload);
          for (const change of creditChanges(e.holds, after)) {
            e.owed.push({ eventId: e.id, seq: ++e.lastSeq, effect: change.effect, at: change.at, lines: change.lines });
          }
          e.holds = after;
        }
        // Everything still owed arrives, in order, then a late copy of each.
        for (const e of events) {
          while (e.debitOwed || e.owed.length > 0) {
            await deliver(e, false);
          }
        }
        for (const e of events) {
          await deliver(e, true);
        }

        const total = events.reduce((sum, e) => sum.plus(e.holds ? e.holds.lines[0]!.amount : 0), new Decimal(0));
        // By brute force: the grant covers what it can, the top-up pays the overage beyond, the rest stays overage.
        const overage = Decimal.max(0, total.minus(GRANT));
        const { balance, usedOverage } = await ledger.credits(owner, FEATURE);
        expect(balance).toBe(new Decimal(TOP_UP).minus(overage).toFixed());
        expect(usedOverage).toBe(Decimal.max(0, overage.minus(TOP_UP)).toFixed());
        const used = Object.fromEntries((await ledger.listEntries(FEATURE, undefined, 10)).map((e) => [e.id, e.used]));
        expect(used).toEqual({
          g: Decimal.min(total, GRANT).toFixed(),
          'top-up': Decimal.min(overage, TOP_UP).toFixed(),
        });
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);
});
