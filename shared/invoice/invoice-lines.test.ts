import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import type { Statement } from '../pricing/statement';
import { pricePlanDefinitionSchema } from '../pricing/price-plan';
import { buildStatement } from '../pricing/statement';
import { adjustmentLines, invoiceContent, type InvoiceContent, type InvoicedCycle } from './invoice-lines';

const at = (s: string) => Date.parse(s);
const march = { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') };
const plan = pricePlanDefinitionSchema.parse({
  currency: 'USD',
  pricingCycle: { interval: 'MONTHLY', gracePeriod: 3 },
  usageRateCards: [
    {
      usageMeterId: 'um.calls',
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '0' },
        { startAfter: '100', rate: '0.015' },
      ],
    },
  ],
  fixedFees: [{ name: 'Platform fee', amount: '25' }],
});
const association = {
  id: 'a',
  accountId: 'acme',
  pricePlanId: 'pp.a',
  pricePlanVersion: 1,
  effectiveFrom: at('2026-01-01T00:00:00Z'),
  effectiveUntil: null,
  definition: plan,
};
const statement = buildStatement(
  'acme',
  march,
  [{ association, usage: new Map([['um.calls', '250']]) }],
  at('2026-04-05T00:00:00Z'),
);

function cycle(
  current: [string, string][],
  billed: [string, string][],
  start = '2026-02-01T00:00:00.000Z',
): InvoicedCycle {
  return {
    invoiceId: 'inv.feb',
    cycleStart: start,
    cycleEnd: '2026-03-01T00:00:00.000Z',
    current: current.map(([currency, amount]) => ({ currency, amount })),
    billed: billed.map(([currency, amount]) => ({ currency, amount })),
  };
}

describe('invoiceContent', () => {
  it('turns a statement into a usage line with its slabs and a fixed-fee line, totalled per currency', () => {
    const content = invoiceContent(statement, []);
    expect(content.lines).toEqual([
      {
        kind: 'USAGE',
        currency: 'USD',
        pricePlanId: 'pp.a',
        usageMeterId: 'um.calls',
        pricingModel: 'TIERED',
        quantity: '250',
        amount: '2.25',
        slabs: [
          expect.objectContaining({ slab: 0, units: '100', amount: '0' }),
          expect.objectContaining({ slab: 1, units: '150', amount: '2.25' }),
        ],
      },
      { kind: 'FIXED_FEE', currency: 'USD', pricePlanId: 'pp.a', name: 'Platform fee', amount: '25.00' },
    ]);
    expect(content.totals).toEqual([{ currency: 'USD', amount: '27.25' }]);
  });

  it('adds an adjustment for an earlier cycle whose statement grew or shrank since it was billed, and counts it in the total', () => {
    const grew = invoiceContent(statement, [cycle([['USD', '31.50']], [['USD', '30.00']])]);
    expect(grew.lines.at(-1)).toEqual({
      kind: 'ADJUSTMENT',
      currency: 'USD',
      adjustsInvoiceId: 'inv.feb',
      adjustsCycleStart: '2026-02-01T00:00:00.000Z',
      adjustsCycleEnd: '2026-03-01T00:00:00.000Z',
      description:
        'Adjustment for cycle 2026-02-01T00:00:00.000Z – 2026-03-01T00:00:00.000Z (invoice inv.feb): +1.50 USD',
      amount: '1.50',
    });
    expect(grew.totals).toEqual([{ currency: 'USD', amount: '28.75' }]);

    const shrank = invoiceContent(statement, [cycle([['USD', '29.00']], [['USD', '30.00']])]);
    expect(shrank.lines.at(-1)).toMatchObject({ amount: '-1.00', description: expect.stringContaining(': −1.00 USD') });
    expect(shrank.totals).toEqual([{ currency: 'USD', amount: '26.25' }]);
  });

  it('adds nothing for a cycle billed exactly as it stands, and nothing twice once an adjustment counts as billed', () => {
    expect(invoiceContent(statement, [cycle([['USD', '30.00']], [['USD', '30.00']])]).lines.map((l) => l.kind)).toEqual(
      ['USAGE', 'FIXED_FEE'],
    );
    // February was billed 30.00, then adjusted by +1.50 on March's invoice: billed is now 31.50.
    expect(
      adjustmentLines(
        cycle(
          [['USD', '31.50']],
          [
            ['USD', '30.00'],
            ['USD', '1.50'],
          ],
        ),
      ),
    ).toEqual([]);
  });

  it('states each currency apart, including one the cycle no longer charges in, and keeps cycles in date order', () => {
    const content = invoiceContent(statement, [
      cycle(
        [['USD', '5.00']],
        [
          ['USD', '5.00'],
          ['EUR', '2.00'],
        ],
        '2026-02-01T00:00:00.000Z',
      ),
      cycle([['USD', '1.00']], [], '2026-01-01T00:00:00.000Z'),
    ]);
    expect(
      content.lines.filter((l) => l.kind === 'ADJUSTMENT').map((l) => [l.adjustsCycleStart, l.currency, l.amount]),
    ).toEqual([
      ['2026-01-01T00:00:00.000Z', 'USD', '1.00'],
      ['2026-02-01T00:00:00.000Z', 'EUR', '-2.00'],
    ]);
    expect(content.totals).toEqual([
      { currency: 'USD', amount: '28.25' },
      { currency: 'EUR', amount: '-2.00' },
    ]);
  });

  it('states an adjustment in the currency minor unit', () => {
    expect(adjustmentLines(cycle([['JPY', '100']], [['JPY', '98']]))[0]).toMatchObject({ amount: '2' });
  });
});

/** A statement of one fee line: all the property below needs of one. */
function statementOf(cycle: number, cents: number): Statement {
  const amount = new Decimal(cents).div(100).toFixed(2);
  const start = new Date(Date.UTC(2026, cycle, 1)).toISOString();
  return {
    accountId: 'acme',
    cycleStart: start,
    cycleEnd: new Date(Date.UTC(2026, cycle + 1, 1)).toISOString(),
    status: 'FINAL',
    plans: [
      {
        pricePlanId: 'pp',
        pricePlanVersion: 1,
        associationId: 'a',
        effectiveFrom: start,
        currency: 'USD',
        usageLines: [],
        fixedFees: [{ name: 'usage', amount }],
        subtotal: amount,
      },
    ],
    totals: [{ currency: 'USD', amount }],
  };
}

describe('invoiceContent, over any history of changes to frozen cycles', () => {
  it('bills every cycle exactly what its statement says when the next invoice is made, and each change once', () => {
    // A step changes a cycle's statement by some cents, or freezes the next cycle.
    const step = fc.oneof(
      fc.record({ cycle: fc.nat({ max: 5 }), cents: fc.integer({ min: -500, max: 500 }) }),
      fc.constant('freeze' as const),
    );
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 5000 }), { minLength: 6, maxLength: 6 }),
        fc.array(step, { maxLength: 30 }),
        (initial, steps) => {
          const current = [...initial];
          const invoices: { cycle: number; content: InvoiceContent }[] = [];
          // What billedCycles reads: the cycle's own lines, and the adjustments for it on later invoices.
          const billed = (cycle: number) =>
            invoices.flatMap((invoice) =>
              invoice.content.lines.filter((l) =>
                l.kind === 'ADJUSTMENT'
                  ? Date.parse(l.adjustsCycleStart) === Date.UTC(2026, cycle, 1)
                  : invoice.cycle === cycle,
              ),
            );
          for (const s of steps) {
            if (s !== 'freeze') {
              current[s.cycle] = current[s.cycle]! + s.cents;
              continue;
            }
            const next = invoices.length;
            if (next === current.length) {
              continue;
            }
            const earlier = invoices.map(({ cycle }) => ({
              invoiceId: `inv.${cycle}`,
              cycleStart: statementOf(cycle, 0).cycleStart,
              cycleEnd: statementOf(cycle, 0).cycleEnd,
              current: statementOf(cycle, current[cycle]!).totals,
              billed: billed(cycle).map((l) => ({ currency: l.currency, amount: l.amount })),
            }));
            const content = invoiceContent(statementOf(next, current[next]!), earlier);
            invoices.push({ cycle: next, content });
            // Every cycle invoiced so far is now billed exactly what its statement says.
            for (let cycle = 0; cycle <= next; cycle++) {
              const sum = billed(cycle).reduce((total, l) => total.plus(l.amount), new Decimal(0));
              expect(sum.times(100).toNumber()).toBe(current[cycle]);
            }
            // And the invoice's total is its lines'.
            const lines = content.lines.reduce((total, l) => total.plus(l.amount), new Decimal(0));
            expect(content.totals).toEqual([{ currency: 'USD', amount: lines.toFixed(2) }]);
          }
        },
      ),
    );
  });
});
