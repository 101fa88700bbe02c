import { describe, expect, it } from 'vitest';
import type { CreditEntry, FeatureAccount } from './credit-entry';
import { NO_OVERAGE, untilMs } from './credit-entry';
import {
  consumptionOrder,
  entryView,
  featureBalance,
  isLive,
  planChecked,
  planForced,
  planSettlement,
} from './ledger-math';

const T = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

function entry(
  id: string,
  granted: string,
  from: number,
  until: number | null,
  extra: Partial<CreditEntry> = {},
): CreditEntry {
  return {
    id,
    featureId: 'f',
    source: 'API',
    status: 'ACTIVE',
    granted,
    used: '0',
    effectiveFrom: from,
    effectiveUntil: until,
    createdAt: from,
    ...extra,
  };
}

describe('isLive', () => {
  it('is live from effectiveFrom inclusive to effectiveUntil exclusive', () => {
    const e = entry('a', '10', T, T + DAY);
    expect(isLive(e, T - 1)).toBe(false);
    expect(isLive(e, T)).toBe(true);
    expect(isLive(e, T + DAY - 1)).toBe(true);
    expect(isLive(e, T + DAY)).toBe(false);
  });

  it('never expires without effectiveUntil, and a VOIDED entry is never live', () => {
    expect(isLive(entry('a', '10', T, null), T + 10_000 * DAY)).toBe(true);
    expect(isLive(entry('a', '10', T, null, { status: 'VOIDED' }), T)).toBe(false);
  });
});

describe('consumptionOrder', () => {
  it('takes the oldest-expiring first, never-expiring last, and skips used-up entries', () => {
    const entries = [
      entry('never', '5', T, null),
      entry('late', '5', T, T + 3 * DAY),
      entry('soon', '5', T, T + DAY),
      entry('spent', '5', T, T + DAY / 2, { used: '5' }),
      entry('future', '5', T + DAY, T + 2 * DAY),
    ];
    expect(consumptionOrder(entries, T + 1).map((e) => e.id)).toEqual(['soon', 'late', 'never']);
  });
});

describe('planChecked', () => {
  it('spreads a debit over entries in order, exactly', () => {
    const entries = [entry('soon', '0.1', T, T + DAY), entry('late', '0.2', T, T + 2 * DAY)];
    const plan = planChecked(entries, NO_OVERAGE, '0.3', T);
    expect(plan).toEqual({
      ok: true,
      allocations: [
        { entryId: 'soon', amount: '0.1' },
        { entryId: 'late', amount: '0.2' },
      ],
      overage: '0',
    });
  });

  it('refuses what the entries cannot cover, all or nothing, saying what is left', () => {
    const entries = [entry('a', '3', T, null, { used: '1' })];
    expect(planChecked(entries, NO_OVERAGE, '2', T)).toMatchObject({ ok: true });
    expect(planChecked(entries, NO_OVERAGE, '2.0001', T)).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_CREDITS',
      available: '2',
    });
  });

  it('says NO_GRANT when nothing is live and there is no overage allowance', () => {
    expect(planChecked([], NO_OVERAGE, '1', T)).toEqual({ ok: false, reason: 'NO_GRANT', available: '0' });
    const expired = [entry('a', '10', T - 2 * DAY, T)];
    expect(planChecked(expired, NO_OVERAGE, '1', T)).toEqual({ ok: false, reason: 'NO_GRANT', available: '0' });
    // An event before the expiry still finds the credits.
    expect(planChecked(expired, NO_OVERAGE, '1', T - 1)).toMatchObject({ ok: true });
  });

  it('goes into overage up to the limit, and no further', () => {
    const account: FeatureAccount = { overageLimit: '5', usedOverage: '2' };
    const entries = [entry('a', '1', T, null)];
    expect(planChecked(entries, account, '4', T)).toEqual({
      ok: true,
      allocations: [{ entryId: 'a', amount: '1' }],
      overage: '3',
    });
    expect(planChecked(entries, account, '4.5', T)).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_CREDITS',
      available: '4',
    });
    // An overage limit alone is a grant.
    expect(planChecked([], { overageLimit: '2', usedOverage: '0' }, '2', T)).toEqual({
      ok: true,
      allocations: [],
      overage: '2',
    });
  });

  it('counts an exact debit of everything left as covered', () => {
    const entries = [entry('a', '100', T, null, { used: '99' })];
    expect(planChecked(entries, NO_OVERAGE, '1', T)).toMatchObject({ ok: true });
    expect(planChecked(entries, NO_OVERAGE, '0', T)).toMatchObject({ ok: true, allocations: [] });
  });
});

describe('planForced', () => {
  it('takes what the entries give and puts the rest in overage, past any limit', () => {
    const entries = [entry('a', '2', T, null)];
    expect(planForced(entries, '5', T)).toEqual({ allocations: [{ entryId: 'a', amount: '2' }], overage: '3' });
    expect(planForced([], '5', T)).toEqual({ allocations: [], overage: '5' });
  });
});

describe('planSettlement', () => {
  it('pays unsettled overage from live credits first', () => {
    const entries = [entry('topup', '10', T, null)];
    expect(planSettlement(entries, { overageLimit: '5', usedOverage: '3' }, T)).toEqual({
      allocations: [{ entryId: 'topup', amount: '3' }],
      overage: '0',
    });
    expect(planSettlement([entry('small', '1', T, null)], { overageLimit: '5', usedOverage: '3' }, T)).toEqual({
      allocations: [{ entryId: 'small', amount: '1' }],
      overage: '2',
    });
    expect(planSettlement(entries, NO_OVERAGE, T)).toEqual({ allocations: [], overage: '0' });
  });
});

describe('featureBalance and entryView', () => {
  it('sums live entries, less unsettled overage', () => {
    const entries = [
      entry('a', '10', T, null, { used: '4' }),
      entry('old', '100', T - 2 * DAY, T - DAY),
      entry('v', '7', T, null, { status: 'VOIDED' }),
    ];
    expect(featureBalance(entries, { overageLimit: '3', usedOverage: '0' }, T)).toEqual({
      granted: '10',
      balance: '6',
      overageLimit: '3',
      usedOverage: '0',
    });
    expect(featureBalance([], { overageLimit: '3', usedOverage: '2' }, T)).toEqual({
      granted: '0',
      balance: '-2',
      overageLimit: '3',
      usedOverage: '2',
    });
    expect(featureBalance([], NO_OVERAGE, T)).toEqual({ granted: '0', balance: '0', usedOverage: '0' });
  });

  it("shows an entry in Togai's statuses, ACTIVE (from before it starts), EXPIRED or VOIDED, with a balance only while ACTIVE", () => {
    const e = entry('a', '10', T, T + DAY, { used: '4' });
    expect(entryView(e, T - 1)).toMatchObject({
      status: 'ACTIVE',
      balance: '6',
      effectiveFrom: new Date(T).toISOString(),
    });
    expect(entryView(e, T)).toMatchObject({
      status: 'ACTIVE',
      balance: '6',
      used: '4',
      effectiveUntil: '2026-11-02T00:00:00.000Z',
    });
    expect(entryView(e, T + DAY)).toMatchObject({ status: 'EXPIRED', balance: '0' });
    expect(entryView({ ...e, status: 'VOIDED' }, T)).toMatchObject({ status: 'VOIDED', balance: '0' });
  });

  it("shows credits that never expire until Togai's last instant, and a source outside Togai's as ENTITLEMENT", () => {
    expect(entryView(entry('n', '1', T, null), T)).toMatchObject({
      effectiveUntil: '9999-12-31T23:59:59Z',
      source: 'ENTITLEMENT',
    });
    expect(entryView(entry('p', '1', T, null, { source: 'PRICE_PLAN' }), T)).toMatchObject({ source: 'PRICE_PLAN' });
    expect([
      untilMs('9999-12-31T23:59:59Z'),
      untilMs('9999-12-31T23:59:59.999Z'),
      untilMs('2026-11-02T00:00:00Z'),
    ]).toEqual([null, null, T + DAY]);
  });
});
