import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { AppError } from '../errors/app-error';
import type { CreditEntry } from './credit-entry';
import {
  changedEntry,
  checkRegrant,
  grantedEntry,
  planGrantChanges,
  type PlanGrantChanges,
  type PlanGrantLine,
} from './credit-rules';
import { planChecked, planForced, type DebitPlan } from './ledger-math';

const NOW = Date.parse('2026-11-15T00:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function apply(entries: CreditEntry[], changes: PlanGrantChanges): CreditEntry[] {
  const byId = new Map(entries.map((e) => [e.id, { ...e }]));
  for (const id of changes.voids) {
    byId.get(id)!.status = 'VOIDED';
  }
  for (const { id, granted, effectiveUntil } of changes.updates) {
    Object.assign(byId.get(id)!, { granted, effectiveUntil });
  }
  for (const entry of changes.inserts) {
    expect(byId.has(entry.id), `insert reuses id ${entry.id}`).toBe(false);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

/** Cycles of one association: ids `a#<cycle>`, a cycle a 30-day period around NOW. */
const cycleArb = fc.integer({ min: -3, max: 3 });
const grantArb = fc.record({ cycle: cycleArb, granted: fc.integer({ min: 0, max: 500 }), shortened: fc.boolean() });
const entryArb = fc.record({
  cycle: cycleArb,
  granted: fc.integer({ min: 0, max: 500 }),
  usedPart: fc.integer({ min: 0, max: 100 }),
  voided: fc.boolean(),
});

const line = (g: { cycle: number; granted: number; shortened: boolean }): PlanGrantLine => ({
  id: `a#${g.cycle}`,
  featureId: 'f',
  granted: String(g.granted),
  effectiveFrom: iso(NOW + g.cycle * 30 * DAY),
  effectiveUntil: iso(NOW + g.cycle * 30 * DAY + (g.shortened ? 10 : 30) * DAY),
  source: 'PRICE_PLAN',
});

const stored = (e: { cycle: number; granted: number; usedPart: number; voided: boolean }): CreditEntry => ({
  id: `a#${e.cycle}`,
  featureId: 'f',
  source: 'PRICE_PLAN',
  status: e.voided ? 'VOIDED' : 'ACTIVE',
  granted: String(e.granted),
  used: e.cycle * 30 * DAY > 0 ? '0' : new Decimal(e.granted).times(e.usedPart).dividedBy(100).toFixed(),
  effectiveFrom: NOW + e.cycle * 30 * DAY,
  effectiveUntil: NOW + (e.cycle + 1) * 30 * DAY,
  createdAt: NOW - 90 * DAY,
});

const uniqueBy =
  <T>(key: (t: T) => unknown) =>
  (items: T[]) => [...new Map(items.map((i) => [key(i), i])).values()];

describe("a plan association's entries follow what it grants", () => {
  it('for any entries and grants: every wanted grant has one entry, none below its use, begun ones never voided, voids kept — and a second pass changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 7 }).map(uniqueBy((e) => e.cycle)),
        fc.array(grantArb, { maxLength: 7 }).map(uniqueBy((g) => g.cycle)),
        (entrySpecs, grantSpecs) => {
          const entries = entrySpecs.map(stored);
          const grants = grantSpecs.map(line);
          const after = apply(entries, planGrantChanges(entries, grants, NOW));
          for (const grant of grants) {
            const entry = after.find((e) => e.id === grant.id)!;
            expect(entry, grant.id).toBeDefined();
            const before = entries.find((e) => e.id === grant.id);
            if (before?.status === 'VOIDED') {
              expect(entry, 'a voided grant stays as it was').toEqual(before);
              continue;
            }
            expect(entry.effectiveUntil).toBe(Date.parse(grant.effectiveUntil));
            expect(new Decimal(entry.granted).eq(Decimal.max(grant.granted, entry.used))).toBe(true);
          }
          for (const before of entries) {
            const entry = after.find((e) => e.id === before.id)!;
            expect(entry.used, 'used credits stay used').toBe(before.used);
            if (before.status === 'ACTIVE' && entry.status === 'VOIDED') {
              expect(before.effectiveFrom > NOW, 'only an entry not yet begun is voided').toBe(true);
              expect(grants.some((g) => g.id === before.id)).toBe(false);
            }
          }
          expect(planGrantChanges(after, grants, NOW)).toEqual({ voids: [], updates: [], inserts: [] });
        },
      ),
    );
  });
});

describe('a debit and its refund', () => {
  const liveEntryArb = fc.record({
    granted: fc.integer({ min: 0, max: 300 }),
    used: fc.integer({ min: 0, max: 300 }),
    ends: fc.integer({ min: 1, max: 5 }),
  });

  function useOf(entries: CreditEntry[], plan: DebitPlan, sign: 1 | -1): CreditEntry[] {
    return entries.map((e) => {
      const moved = plan.allocations
        .filter((a) => a.entryId === e.id)
        .reduce((t, a) => t.plus(a.amount), new Decimal(0));
      return { ...e, used: new Decimal(e.used).plus(moved.times(sign)).toFixed() };
    });
  }

  it('allocations plus overage equal the debit, no entry gives more than it has, and a refund restores the entries exactly', () => {
    fc.assert(
      fc.property(
        fc.array(liveEntryArb, { maxLength: 6 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.option(fc.integer({ min: 0, max: 500 })),
        (specs, amount, limit) => {
          const entries: CreditEntry[] = specs.map((s, i) => ({
            id: `e${i}`,
            featureId: 'f',
            source: 'ENTITLEMENT',
            status: 'ACTIVE',
            granted: String(s.granted),
            used: String(Math.min(s.used, s.granted)),
            effectiveFrom: NOW - DAY,
            effectiveUntil: NOW + s.ends * DAY,
            createdAt: NOW - DAY,
          }));
          const account = { overageLimit: limit === null ? null : String(limit), usedOverage: '0' };
          const checked = planChecked(entries, account, String(amount), NOW);
          for (const plan of checked.ok
            ? [checked, planForced(entries, String(amount), NOW)]
            : [planForced(entries, String(amount), NOW)]) {
            const total = plan.allocations.reduce((t, a) => t.plus(a.amount), new Decimal(plan.overage));
            expect(total.eq(amount), 'allocations + overage = debit').toBe(true);
            const debited = useOf(entries, plan, 1);
            for (const e of debited) {
              expect(new Decimal(e.used).lte(e.granted), `${e.id} overspent`).toBe(true);
            }
            expect(useOf(debited, plan, -1).map((e) => new Decimal(e.used).toFixed())).toEqual(
              entries.map((e) => new Decimal(e.used).toFixed()),
            );
          }
          if (checked.ok && limit !== null) {
            expect(new Decimal(checked.overage).lte(limit)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('grants and changes of one entry', () => {
  const request = { granted: '100', source: 'ENTITLEMENT' as const };

  it('a grant sent again is the same grant unless a value it gives differs', () => {
    const first = grantedEntry('e1', 'f', { ...request, effectiveUntil: iso(NOW + DAY) }, NOW);
    expect(() =>
      checkRegrant(first, grantedEntry('e1', 'f', { ...request, effectiveUntil: iso(NOW + DAY) }, NOW + 5), request),
    ).not.toThrow();
    expect(() => checkRegrant(first, grantedEntry('e1', 'f', { ...request, granted: '99' }, NOW), request)).toThrow(
      AppError,
    );
  });

  it('refuses an entry ending before it begins, granting less than was used, and ending in the past — naming the field', () => {
    const fieldOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as AppError).errors[0]?.path;
      }
      return undefined;
    };
    expect(
      fieldOf(() => grantedEntry('e', 'f', { ...request, effectiveFrom: iso(NOW), effectiveUntil: iso(NOW) }, NOW)),
    ).toBe('effectiveUntil');
    const used = { ...grantedEntry('e', 'f', request, NOW - DAY), used: '40' };
    expect(fieldOf(() => changedEntry(used, { granted: '39' }, NOW))).toBe('granted');
    expect(fieldOf(() => changedEntry(used, { effectiveUntil: iso(NOW - 1) }, NOW))).toBe('effectiveUntil');
    expect(changedEntry(used, { granted: '40' }, NOW)).toEqual({ granted: '40', effectiveUntil: null });
  });
});
