import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { consumeCredits, creditStatus, type CreditForUse, type CycleCharge } from './consume-credits';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const both = { usage: true, fixedFees: true };

function credit(id: string, amount: string, over: Partial<CreditForUse> = {}): CreditForUse {
  return { id, appliesTo: both, from: T0, until: null, amount, priority: 1, createdAt: T0, voided: null, ...over };
}
function cycle(month: number, usage: string, fixedFees = '0', final = true): CycleCharge {
  return { start: T0 + month * 31 * DAY, end: T0 + (month + 1) * 31 * DAY, final, usage, fixedFees };
}

describe('consumeCredits', () => {
  it('takes the lowest priority number first, then the credit that expires first', () => {
    const credits = [
      credit('late-expiry', '100', { priority: 2 }),
      credit('never', '100', { priority: 1 }),
      credit('soon', '100', { priority: 1, until: T0 + 300 * DAY }),
    ];
    const use = consumeCredits(credits, [cycle(0, '150')]);
    expect([...use].map(([id, u]) => [id, u.consumed])).toEqual([
      ['soon', '100'],
      ['never', '50'],
      ['late-expiry', '0'],
    ]);
  });

  it('carries what a credit has left from cycle to cycle, exactly', () => {
    const use = consumeCredits([credit('a', '100.005')], [cycle(0, '40.001'), cycle(1, '60.002'), cycle(2, '5')]);
    expect(use.get('a')).toMatchObject({ consumed: '100.005', held: '0', left: '0' });
    expect(use.get('a')!.debits.map((d) => d.amount)).toEqual(['40.001', '60.002', '0.002']);
  });

  it('holds what an OPEN cycle takes, apart from what FINAL cycles consumed', () => {
    const use = consumeCredits([credit('a', '100')], [cycle(0, '30'), cycle(1, '25', '0', false)]);
    expect(use.get('a')).toMatchObject({ consumed: '30', held: '25', left: '45' });
  });

  it('pays only cycles the credit is in effect during', () => {
    const use = consumeCredits(
      [credit('later', '100', { from: T0 + 31 * DAY }), credit('ended', '100', { until: T0 + 31 * DAY })],
      [cycle(0, '10'), cycle(1, '20')],
    );
    expect(use.get('ended')!.consumed).toBe('10');
    expect(use.get('later')!.consumed).toBe('20');
  });

  it('pays usage or fixed fees only, as the credit applies', () => {
    const use = consumeCredits(
      [
        credit('usage', '100', { appliesTo: { usage: true, fixedFees: false } }),
        credit('fees', '100', { priority: 2, appliesTo: { usage: false, fixedFees: true } }),
      ],
      [cycle(0, '12', '30')],
    );
    expect([use.get('usage')!.consumed, use.get('fees')!.consumed]).toEqual(['12', '30']);
  });

  it('lets a voided credit keep what it used when voided, and take nothing more', () => {
    const voided = credit('v', '100', { voided: { at: T0 + 40 * DAY, used: '30' } });
    const use = consumeCredits([voided, credit('b', '100', { priority: 2 })], [cycle(0, '30'), cycle(1, '50')]);
    expect([use.get('v')!.consumed, use.get('b')!.consumed]).toEqual(['30', '50']);
    expect(creditStatus(voided, use.get('v')!, T0)).toBe('VOIDED');
  });

  it('ignores negative charges (a cycle never pays credits back)', () => {
    expect(consumeCredits([credit('a', '10')], [cycle(0, '-5')]).get('a')!.consumed).toBe('0');
  });

  it('never takes more than a cycle charges or a credit holds, whatever the order credits are read in', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const credits = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) =>
        credit(`c${i}`, (random() * 100).toFixed(3), {
          priority: Math.floor(random() * 3),
          from: T0 + Math.floor(random() * 3) * 31 * DAY,
          until: random() < 0.5 ? null : T0 + Math.floor(1 + random() * 4) * 31 * DAY,
          appliesTo: random() < 0.7 ? both : { usage: true, fixedFees: false },
        }),
      );
      const cycles = Array.from({ length: 4 }, (_, m) =>
        cycle(m, (random() * 80).toFixed(2), (random() * 10).toFixed(2), m < 3),
      );
      const use = consumeCredits(credits, cycles);
      const reversed = consumeCredits([...credits].reverse(), [...cycles].reverse());
      for (const c of credits) {
        const u = use.get(c.id)!;
        expect(reversed.get(c.id)).toEqual(u);
        expect(new Decimal(u.left).gte(0)).toBe(true);
        expect(new Decimal(u.consumed).plus(u.held).plus(u.left).eq(c.amount)).toBe(true);
      }
      for (const cy of cycles) {
        const paid = [...use.values()]
          .flatMap((u) => u.debits)
          .filter((d) => d.cycleStart === cy.start)
          .reduce((s, d) => s.plus(d.amount), new Decimal(0));
        expect(paid.lte(new Decimal(cy.usage).plus(cy.fixedFees))).toBe(true);
      }
    }
  });
});

describe('creditStatus', () => {
  it('is CONSUMED when FINAL cycles took it all, EXPIRED after its end with some left, ACTIVE otherwise', () => {
    const c = credit('a', '10', { until: T0 + 31 * DAY });
    expect(creditStatus(c, consumeCredits([c], [cycle(0, '10')]).get('a')!, T0 + 40 * DAY)).toBe('CONSUMED');
    expect(creditStatus(c, consumeCredits([c], [cycle(0, '4')]).get('a')!, T0 + 40 * DAY)).toBe('EXPIRED');
    expect(creditStatus(c, consumeCredits([c], [cycle(0, '4')]).get('a')!, T0 + 10 * DAY)).toBe('ACTIVE');
  });
});
