import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import type { CreditEntry, FeatureAccount } from './credit-entry';
import { planChecked, sum, type DebitPlan } from './ledger-math';
import { mergePlans, parseReservationId, planTotal, reservationId, splitHold } from './reservation';

const plan = (allocations: [string, string][], overage = '0'): DebitPlan => ({
  allocations: allocations.map(([entryId, amount]) => ({ entryId, amount })),
  overage,
});

describe('splitHold', () => {
  it.each([
    [
      'less than held: the first entries are kept',
      plan(
        [
          ['a', '6'],
          ['b', '4'],
        ],
        '2',
      ),
      '7',
      plan([
        ['a', '6'],
        ['b', '1'],
      ]),
      plan([['b', '3']], '2'),
      '0',
    ],
    ['all of it', plan([['a', '6']], '2'), '8', plan([['a', '6']], '2'), plan([], '0'), '0'],
    ['nothing', plan([['a', '6']]), '0', plan([]), plan([['a', '6']]), '0'],
    [
      'more than held: the excess is left to debit',
      plan([['a', '0.5']]),
      '1.25',
      plan([['a', '0.5']]),
      plan([]),
      '0.75',
    ],
    ['into the held overage', plan([['a', '1']], '3'), '2.5', plan([['a', '1']], '1.5'), plan([], '1.5'), '0'],
  ])('%s', (_name, hold, actual, kept, released, excess) => {
    expect(splitHold(hold, actual)).toEqual({ kept, released, excess });
  });

  it('keeps min(actual, held), releases the rest, and never loses or makes a unit', () => {
    const amount = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(100).toFixed());
    const holds = fc.record({
      allocations: fc.array(fc.record({ entryId: fc.constantFrom('a', 'b', 'c'), amount }), { maxLength: 5 }),
      overage: amount,
    });
    fc.assert(
      fc.property(holds, amount, (hold, actual) => {
        const { kept, released, excess } = splitHold(hold, actual);
        const held = planTotal(hold);
        expect(planTotal(kept).toFixed()).toBe(Decimal.min(held, actual).toFixed());
        expect(planTotal(kept).plus(planTotal(released)).toFixed()).toBe(held.toFixed());
        expect(excess).toBe(Decimal.max(0, new Decimal(actual).minus(held)).toFixed());
        for (const part of [kept, released]) {
          expect(part.allocations.every((a) => new Decimal(a.amount).gt(0))).toBe(true);
        }
      }),
    );
  });
});

describe('reservation ids', () => {
  it('round-trip any account and key, and only the canonical spelling parses', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }),
        fc.string({ minLength: 1, maxLength: 50 }),
        (account, key) => {
          const id = reservationId(account, key);
          expect(id).toMatch(/^rsv_[A-Za-z0-9_-]+$/);
          expect(parseReservationId(id)).toEqual({ accountId: account, key });
        },
      ),
    );
    for (const bad of ['rsv_', 'rsv_!!', 'abc', 'rsv_WyJhIl0', `${reservationId('a', 'k')}=`]) {
      expect(parseReservationId(bad)).toBeNull();
    }
  });
});

/**
 * The ledger's reservation rules run against an in-memory account, in any order: holds, settles
 * (less or more than held), releases, expiries and /entitled debits. Whatever the order, what was
 * spent never exceeds what was granted plus the overage limit, and once every hold has ended the
 * credits used are exactly the settled amounts and the debits.
 */
describe('reservation rules, any interleaving', () => {
  type Op =
    | { op: 'reserve'; amount: number }
    | { op: 'settle'; which: number; actual: number }
    | { op: 'release'; which: number }
    | { op: 'debit'; amount: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('reserve' as const), amount: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant('settle' as const), which: fc.nat(20), actual: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ op: fc.constant('release' as const), which: fc.nat(20) }),
    fc.record({ op: fc.constant('debit' as const), amount: fc.integer({ min: 1, max: 10 }) }),
  );

  it('never spends past the grant and the overage limit; ended holds leave exactly what was settled', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 20 }),
        (ops, granted, limit) => {
          const entries: CreditEntry[] = [
            {
              id: 'e',
              featureId: 'f',
              source: 'ENTITLEMENT',
              status: 'ACTIVE',
              granted: String(granted),
              used: '0',
              effectiveFrom: 0,
              effectiveUntil: null,
              createdAt: 0,
            },
          ];
          let account: FeatureAccount = { overageLimit: String(limit), usedOverage: '0' };
          const apply = (p: DebitPlan, sign: 1 | -1) => {
            for (const a of p.allocations) {
              entries[0]!.used = new Decimal(entries[0]!.used).plus(new Decimal(a.amount).times(sign)).toFixed();
            }
            account = {
              ...account,
              usedOverage: new Decimal(account.usedOverage).plus(new Decimal(p.overage).times(sign)).toFixed(),
            };
          };
          const holds: { plan: DebitPlan; open: boolean }[] = [];
          let spent = new Decimal(0);
          for (const step of ops) {
            if (step.op === 'reserve' || step.op === 'debit') {
              const decided = planChecked(entries, account, String(step.amount), 1);
              if (!decided.ok) {
                continue;
              }
              apply(decided, 1);
              if (step.op === 'reserve') {
                holds.push({ plan: decided, open: true });
              } else {
                spent = spent.plus(step.amount);
              }
            } else {
              const hold = holds[step.which % Math.max(1, holds.length)];
              if (!hold?.open) {
                continue;
              }
              if (step.op === 'release') {
                apply(hold.plan, -1);
                hold.open = false;
                continue;
              }
              const { kept, released, excess } = splitHold(hold.plan, String(step.actual));
              let extra: DebitPlan = { allocations: [], overage: '0' };
              if (new Decimal(excess).gt(0)) {
                const decided = planChecked(entries, account, excess, 1);
                if (!decided.ok) {
                  continue; // refused: the hold stays as it was
                }
                extra = decided;
              }
              apply(released, -1);
              apply(extra, 1);
              hold.open = false;
              spent = spent.plus(planTotal(mergePlans(kept, extra)));
            }
            const used = new Decimal(entries[0]!.used).plus(account.usedOverage);
            expect(used.lte(granted + limit)).toBe(true);
            expect(new Decimal(entries[0]!.used).lte(granted)).toBe(true);
          }
          for (const hold of holds.filter((h) => h.open)) {
            apply(hold.plan, -1);
          }
          expect(sum([new Decimal(entries[0]!.used), new Decimal(account.usedOverage)]).toFixed()).toBe(
            spent.toFixed(),
          );
        },
      ),
    );
  });
});
