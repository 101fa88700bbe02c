import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import type { CreditEntry, FeatureAccount } from './credit-entry';
import { planForced } from './ledger-math';
import { planEntryRefund, refundableOverage } from './usage-refund';

const T = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;

function entry(id: string, granted: string, used: string, from: number, until: number | null): CreditEntry {
  return {
    id,
    featureId: 'f',
    source: 'ENTITLEMENT',
    status: 'ACTIVE',
    granted,
    used,
    effectiveFrom: from,
    effectiveUntil: until,
    createdAt: from,
  };
}

describe('refundableOverage', () => {
  it.each([
    { name: 'unsettled overage first', usedOverage: '5', paid: [], amount: '3', want: '3' },
    { name: 'no more than the overage there is', usedOverage: '2', paid: [], amount: '9', want: '2' },
    {
      name: 'overage later grants paid counts too',
      usedOverage: '1',
      paid: [{ entryId: 'g', amount: '4' }],
      amount: '9',
      want: '5',
    },
    { name: 'none when there is no overage', usedOverage: '0', paid: [], amount: '9', want: '0' },
  ])('$name', ({ usedOverage, paid, amount, want }) => {
    expect(refundableOverage({ overageLimit: null, usedOverage }, paid, amount)).toBe(want);
  });
});

describe('planEntryRefund', () => {
  it('gives back latest-expiring first, each entry at most what it used', () => {
    const soon = entry('soon', '10', '10', T - HOUR, T + HOUR);
    const later = entry('later', '10', '4', T - HOUR, T + 10 * HOUR);
    expect(planEntryRefund([soon, later], '6', T)).toEqual([
      { entryId: 'later', amount: '4' },
      { entryId: 'soon', amount: '2' },
    ]);
  });

  it('skips entries not live at the event, voided ones and unused ones; what nothing used is not given back', () => {
    const notYet = entry('not-yet', '10', '10', T + HOUR, null);
    const voided = { ...entry('voided', '10', '10', T - HOUR, null), status: 'VOIDED' as const };
    const unused = entry('unused', '10', '0', T - HOUR, null);
    const live = entry('live', '10', '3', T - HOUR, null);
    expect(planEntryRefund([notYet, voided, unused, live], '8', T)).toEqual([{ entryId: 'live', amount: '3' }]);
  });

  it('is empty for nothing to give back', () => {
    expect(planEntryRefund([entry('a', '10', '10', T - HOUR, null)], '0', T)).toEqual([]);
  });
});

/** Applies a plan the way the ledger does (AccountLedger.apply), to one grant. */
function afterDebit(grant: CreditEntry, account: FeatureAccount, amount: string, at: number) {
  const plan = planForced([grant], amount, at);
  const used = plan.allocations.reduce((u, a) => u.plus(a.amount), new Decimal(grant.used));
  return {
    grant: { ...grant, used: used.toFixed() },
    account: { ...account, usedOverage: new Decimal(account.usedOverage).plus(plan.overage).toFixed() },
  };
}

function afterRefund(grant: CreditEntry, account: FeatureAccount, amount: string, at: number) {
  const overage = refundableOverage(account, [], amount);
  const rest = new Decimal(amount).minus(overage).toFixed();
  const back = planEntryRefund([grant], rest, at).reduce((u, a) => u.plus(a.amount), new Decimal(0));
  return {
    grant: { ...grant, used: new Decimal(grant.used).minus(back).toFixed() },
    account: { ...account, usedOverage: new Decimal(account.usedOverage).minus(overage).toFixed() },
  };
}

describe('a give-back runs a debit backwards', () => {
  it('leaves one grant as the other debits alone would have, whichever debit is given back', () => {
    const amount = fc.integer({ min: 0, max: 2_000 }).map((n) => new Decimal(n).div(100).toFixed());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }).map((n) => new Decimal(n).div(100).toFixed()),
        fc.array(amount, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (granted, debits, pick) => {
          const undone = pick % debits.length;
          let state = {
            grant: entry('g', granted, '0', T - HOUR, null),
            account: { overageLimit: null, usedOverage: '0' } as FeatureAccount,
          };
          for (const d of debits) {
            state = afterDebit(state.grant, state.account, d, T);
          }
          state = afterRefund(state.grant, state.account, debits[undone]!, T);

          const total = debits.filter((_, i) => i !== undone).reduce((t, d) => t.plus(d), new Decimal(0));
          expect(new Decimal(state.grant.used).toFixed()).toBe(Decimal.min(total, granted).toFixed());
          expect(new Decimal(state.account.usedOverage).toFixed()).toBe(Decimal.max(0, total.minus(granted)).toFixed());
        },
      ),
    );
  });
});
