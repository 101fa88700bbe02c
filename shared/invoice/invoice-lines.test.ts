import { describe, expect, it } from 'vitest';
import { pricePlanDefinitionSchema } from '../pricing/price-plan';
import { buildStatement } from '../pricing/statement';
import { adjustmentLines, invoiceContent, type InvoicedCycle } from './invoice-lines';

const at = (s: string) => Date.parse(s);
const march = { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') };
const plan = pricePlanDefinitionSchema.parse({
  currency: 'USD',
  pricingCycle: { interval: 'MONTHLY', gracePeriod: 3 },
  usageRateCards: [{ usageMeterId: 'um.calls', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0' }, { startAfter: '100', rate: '0.015' }] }],
  fixedFees: [{ name: 'Platform fee', amount: '25' }],
});
const association = { id: 'a', accountId: 'acme', pricePlanId: 'pp.a', pricePlanVersion: 1, effectiveFrom: at('2026-01-01T00:00:00Z'), effectiveUntil: null, definition: plan };
const statement = buildStatement('acme', march, [{ association, usage: new Map([['um.calls', '250']]) }], at('2026-04-05T00:00:00Z'));

function cycle(current: [string, string][], billed: [string, string][], start = '2026-02-01T00:00:00.000Z'): InvoicedCycle {
  return {
    invoiceId: 'inv.feb',
    cycleStart: start,
    cycleEnd: '2026-03-01T00:00:00.000Z',
    current: current.map(([currency, amount]) => ({ currency, amount })),
    billed: billed.map(([currency, amount]) => ({ currency, amount })),
  };
}

describe('invoiceContent', () => {
  it("turns a statement into a usage line with its slabs and a fixed-fee line, totalled per currency", () => {
    const content = invoiceContent(statement, []);
    expect(content.lines).toEqual([
      {
        kind: 'USAGE', currency: 'USD', pricePlanId: 'pp.a', usageMeterId: 'um.calls', pricingModel: 'TIERED', quantity: '250', amount: '2.25',
        slabs: [expect.objectContaining({ slab: 0, units: '100', amount: '0' }), expect.objectContaining({ slab: 1, units: '150', amount: '2.25' })],
      },
      { kind: 'FIXED_FEE', currency: 'USD', pricePlanId: 'pp.a', name: 'Platform fee', amount: '25.00' },
    ]);
    expect(content.totals).toEqual([{ currency: 'USD', amount: '27.25' }]);
  });

  it('adds an adjustment for an earlier cycle whose statement grew or shrank since it was billed, and counts it in the total', () => {
    const grew = invoiceContent(statement, [cycle([['USD', '31.50']], [['USD', '30.00']])]);
    expect(grew.lines.at(-1)).toEqual({
      kind: 'ADJUSTMENT', currency: 'USD', adjustsInvoiceId: 'inv.feb', adjustsCycleStart: '2026-02-01T00:00:00.000Z', adjustsCycleEnd: '2026-03-01T00:00:00.000Z',
      description: 'Adjustment for cycle 2026-02-01T00:00:00.000Z – 2026-03-01T00:00:00.000Z (invoice inv.feb): +1.50 USD', amount: '1.50',
    });
    expect(grew.totals).toEqual([{ currency: 'USD', amount: '28.75' }]);

    const shrank = invoiceContent(statement, [cycle([['USD', '29.00']], [['USD', '30.00']])]);
    expect(shrank.lines.at(-1)).toMatchObject({ amount: '-1.00', description: expect.stringContaining(': −1.00 USD') });
    expect(shrank.totals).toEqual([{ currency: 'USD', amount: '26.25' }]);
  });

  it('adds nothing for a cycle billed exactly as it stands, and nothing twice once an adjustment counts as billed', () => {
    expect(invoiceContent(statement, [cycle([['USD', '30.00']], [['USD', '30.00']])]).lines.map((l) => l.kind)).toEqual(['USAGE', 'FIXED_FEE']);
    // February was billed 30.00, then adjusted by +1.50 on March's invoice: billed is now 31.50.
    expect(adjustmentLines(cycle([['USD', '31.50']], [['USD', '30.00'], ['USD', '1.50']]))).toEqual([]);
  });

  it('states each currency apart, including one the cycle no longer charges in, and keeps cycles in date order', () => {
    const content = invoiceContent(statement, [
      cycle([['USD', '5.00']], [['USD', '5.00'], ['EUR', '2.00']], '2026-02-01T00:00:00.000Z'),
      cycle([['USD', '1.00']], [], '2026-01-01T00:00:00.000Z'),
    ]);
    expect(content.lines.filter((l) => l.kind === 'ADJUSTMENT').map((l) => [l.adjustsCycleStart, l.currency, l.amount])).toEqual([
      ['2026-01-01T00:00:00.000Z', 'USD', '1.00'],
      ['2026-02-01T00:00:00.000Z', 'EUR', '-2.00'],
    ]);
    expect(content.totals).toEqual([{ currency: 'USD', amount: '28.25' }, { currency: 'EUR', amount: '-2.00' }]);
  });

  it('states an adjustment in the currency minor unit', () => {
    expect(adjustmentLines(cycle([['JPY', '100']], [['JPY', '98']]))[0]).toMatchObject({ amount: '2' });
  });
});
