import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import type { CreditEntry } from './credit-entry';
import { planSettlement, type Allocation } from './ledger-math';
import { planOverageRefund } from './overage-refund';

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

function withUsed(entries: CreditEntry[], moves: Allocation[], sign: 1 | -1): CreditEntry[] {
  return entries.map((e) => {
    const moved = moves.filter((m) => m.entryId === e.id).reduce((t, m) => t.plus(m.amount), new Decimal(0));
    return { ...e, used: new Decimal(e.used).plus(moved.times(sign)).toFixed() };
  });
}

describe('planOverageRefund', () => {
  it('gives settled overage back to the grant that paid it, not to an expired entry that did not (the review scenario)', () => {
    // E1: 10 granted, all used, expires at T+1h. G: granted at T+30m, paid a hold's overage of 20.
    const e1 = entry('E1', '10', '10', T - HOUR, T + HOUR);
    const g = entry('G', '50', '20', T + HOUR / 2, null);
    expect(planOverageRefund([{ entryId: 'G', amount: '20' }], [e1, g], '20', T + 2 * HOUR)).toEqual([
      { entryId: 'G', amount: '20' },
    ]);
  });

  it.each([
    { name: 'live before expired', at: T + 2 * HOUR, want: [{ entryId: 'live', amount: '5' }] },
    { name: 'latest-expiring first among live ones', at: T, want: [{ entryId: 'live', amount: '5' }] },
  ])('on a partial refund, $name', ({ at, want }) => {
    const entries = [entry('soon', '10', '10', T - HOUR, T + HOUR), entry('live', '10', '10', T - HOUR, T + 10 * HOUR)];
    const paid = [
      { entryId: 'soon', amount: '10' },
      { entryId: 'live', amount: '10' },
    ];
    expect(planOverageRefund(paid, entries, '5', at)).toEqual(want);
  });

  it('never gives back more than was recorded as paid, nor to an entry that paid nothing', () => {
    const entries = [entry('a', '10', '10', T, null), entry('b', '10', '10', T, null)];
    expect(planOverageRefund([{ entryId: 'a', amount: '3' }], entries, '8', T)).toEqual([
      { entryId: 'a', amount: '3' },
    ]);
    expect(planOverageRefund([], entries, '8', T)).toEqual([]);
  });

  it('restores every entry exactly when the overage a settlement paid is refunded, whenever that happens', () => {
    const amount = fc.integer({ min: 0, max: 2_000 }).map((n) => new Decimal(n).div(100).toFixed());
    const anEntry = fc.record({
      granted: amount,
      usedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      from: fc.integer({ min: -5, max: 5 }),
      until: fc.option(fc.integer({ min: 6, max: 20 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(anEntry, { maxLength: 5 }),
        amount,
        fc.integer({ min: 0, max: 30 }),
        (specs, usedOverage, laterHours) => {
          const before = specs.map((s, i) => {
            const used = new Decimal(s.granted)
              .times(Math.round(s.usedShare * 100))
              .div(100)
              .toFixed();
            return entry(`e${i}`, s.granted, used, T + s.from * HOUR, s.until === null ? null : T + s.until * HOUR);
          });
          const settlement = planSettlement(before, { overageLimit: '100', usedOverage }, T);
          const after = withUsed(before, settlement.allocations, 1);
          const settled = new Decimal(usedOverage).minus(settlement.overage).toFixed();
          const back = planOverageRefund(settlement.allocations, after, settled, T + laterHours * HOUR);
          expect(withUsed(after, back, -1).map((e) => new Decimal(e.used).toFixed())).toEqual(
            before.map((e) => new Decimal(e.used).toFixed()),
          );
        },
      ),
    );
  });
});
