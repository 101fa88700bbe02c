import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { SpendBook } from './spend-book';
import { checkSpendHold, spendAvailable } from './spend-limit';

const LIMIT = { amount: '10', currency: 'USD' };
const CYCLE = { start: 0, end: 1_000_000 };

describe('checkSpendHold', () => {
  it.each([
    ['fits exactly', { spent: '4', held: '3', pending: '1' }, '2', true],
    ['one cent over', { spent: '4', held: '3', pending: '1' }, '2.01', false],
    ['nothing committed', { spent: '0', held: '0', pending: '0' }, '10', true],
    [
      'spent past the limit leaves nothing, even for zero-something',
      { spent: '12', held: '0', pending: '0' },
      '0.01',
      false,
    ],
    ['a zero estimate fits while nothing is left', { spent: '12', held: '0', pending: '0' }, '0', true],
  ])('%s', (_name, totals, estimate, ok) => {
    expect(checkSpendHold(LIMIT, totals, estimate).ok).toBe(ok);
  });

  it('names the limit, what is committed and what was asked when it refuses', () => {
    expect(checkSpendHold(LIMIT, { spent: '4.50', held: '3', pending: '1' }, '2')).toEqual({
      ok: false,
      limit: '10',
      currency: 'USD',
      available: '1.5',
      requested: '2',
      spent: '4.5',
      held: '3',
      pending: '1',
    });
  });

  it('never leaves a negative amount available', () => {
    expect(spendAvailable(LIMIT, { spent: '11', held: '1', pending: '0' }).toFixed()).toBe('0');
  });
});

describe('SpendBook', () => {
  const book = () => {
    const b = new SpendBook();
    b.setLimit(LIMIT);
    return b;
  };

  it('refuses a hold when the account has no spend limit', () => {
    expect(new SpendBook().reserve('r', '1', 1000, 0)).toEqual({ status: 'REFUSED', code: 'no_spend_limit' });
  });

  it('a settled hold stays counted, pending, until its revenue replaces it', () => {
    const b = book();
    b.reserve('r', '6', 1000, 0);
    b.settle('r', 'e1', 10);
    expect(b.totals(10)).toEqual({ spent: '0', held: '0', pending: '6' });
    expect(b.reserve('s', '5', 1000, 10).status).toBe('DENIED');
    b.recordSpend({ key: 'e1', eventId: 'e1', amount: '2.5', cycle: CYCLE });
    expect(b.totals(10)).toEqual({ spent: '2.5', held: '0', pending: '0' });
    expect(b.reserve('s', '5', 1000, 10).status).toBe('HELD');
  });

  it('counts redelivered revenue once, and corrections under their own keys', () => {
    const b = book();
    const revenue = { key: 'e1', eventId: 'e1', amount: '3', cycle: CYCLE };
    expect(b.recordSpend(revenue)).toBe(true);
    expect(b.recordSpend(revenue)).toBe(false);
    b.recordSpend({ key: 'e1#1', eventId: 'e1', amount: '-3', cycle: CYCLE });
    expect(b.totals(0).spent).toBe('0');
  });

  it('counts only the revenue of the cycle that contains now', () => {
    const b = book();
    b.recordSpend({ key: 'old', eventId: 'old', amount: '9', cycle: { start: -100, end: 0 } });
    b.recordSpend({ key: 'new', eventId: 'new', amount: '1', cycle: CYCLE });
    expect(b.totals(0).spent).toBe('1');
    expect(b.totals(-1).spent).toBe('9');
  });

  it('a hold past its TTL stops counting, and cannot be settled', () => {
    const b = book();
    b.reserve('r', '10', 1000, 0);
    expect(b.reserve('s', '1', 1000, 999).status).toBe('DENIED');
    expect(b.totals(1000).held).toBe('0');
    expect(b.settle('r', 'e', 1000)).toEqual({ status: 'REFUSED', code: 'reservation_not_held' });
    expect(b.reserve('s', '1', 1000, 1000).status).toBe('HELD');
  });

  it('a retried settle with the same event is ALREADY_SETTLED; with another, refused', () => {
    const b = book();
    b.reserve('r', '1', 1000, 0);
    expect(b.settle('r', 'e', 1).status).toBe('SETTLED');
    expect(b.settle('r', 'e', 2).status).toBe('ALREADY_SETTLED');
    expect(b.settle('r', 'f', 2)).toEqual({ status: 'REFUSED', code: 'reservation_settled' });
    expect(b.totals(2).pending).toBe('1');
  });

  /**
   * Any interleaving of reserve, settle, release, expiry and (re)delivered revenue: what is
   * committed never passes the limit by more than what settled events cost beyond their estimates,
   * and once every hold has ended and every revenue arrived, nothing stays held or pending.
   */
  it('no interleaving commits more than the limit plus the settles’ overruns', () => {
    const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => new Decimal(n).div(100).toFixed());
    const step = fc.oneof(
      fc.record({ op: fc.constant('reserve' as const), key: fc.integer({ min: 0, max: 7 }), estimate: cents(600) }),
      fc.record({ op: fc.constant('settle' as const), key: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ op: fc.constant('release' as const), key: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ op: fc.constant('revenue' as const), key: fc.integer({ min: 0, max: 7 }), actual: cents(800) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const b = book();
        let now = 0;
        const estimates = new Map<string, string>();
        const rated = new Map<string, string>();
        let overrun = new Decimal(0);
        const check = () => {
          const totals = b.totals(now);
          const all = new Decimal(totals.spent).plus(totals.held).plus(totals.pending);
          expect(all.lte(new Decimal(LIMIT.amount).plus(overrun))).toBe(true);
        };
        for (const s of steps) {
          const key = 'key' in s ? `r${s.key}` : '';
          if (s.op === 'reserve') {
            const out = b.reserve(key, s.estimate, 500, now);
            if (out.status === 'HELD' && out.created) {
              estimates.set(key, s.estimate);
            }
          } else if (s.op === 'settle') {
            b.settle(key, `e.${key}`, now);
          } else if (s.op === 'release') {
            b.release(key, now);
          } else if (s.op === 'tick') {
            now += s.ms;
            b.expireDue(now);
          } else {
            // The rater rates only settled events; a redelivery carries the first amount again.
            const settled = b.hold(key)?.status === 'SETTLED';
            if (settled) {
              const actual = rated.get(key) ?? s.actual;
              if (b.recordSpend({ key: `e.${key}`, eventId: `e.${key}`, amount: actual, cycle: CYCLE })) {
                rated.set(key, actual);
                overrun = overrun.plus(Decimal.max(0, new Decimal(actual).minus(estimates.get(key) ?? '0')));
              }
            }
          }
          check();
        }
        // Every hold ends and every settled event is rated: only revenue stays committed.
        now += 10_000;
        b.expireDue(now);
        let revenue = new Decimal(0);
        for (const key of estimates.keys()) {
          if (b.hold(key)?.status === 'SETTLED') {
            const actual = rated.get(key) ?? '0';
            b.recordSpend({ key: `e.${key}`, eventId: `e.${key}`, amount: actual, cycle: CYCLE });
            revenue = revenue.plus(actual);
          }
        }
        expect(b.totals(now)).toEqual({ spent: revenue.toFixed(), held: '0', pending: '0' });
      }),
    );
  });
});
