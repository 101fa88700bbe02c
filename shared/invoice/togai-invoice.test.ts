import { describe, expect, it } from 'vitest';
import type { StoredInvoice } from './togai-invoice';
import { toTogaiInvoice, toTogaiInvoiceSummary } from './togai-invoice';

// Node has no JSON.rawJSON: amounts are checked as the exact text they would be written as.
const text = (decimal: string) => `#${decimal}` as unknown as number;

const invoice: StoredInvoice = {
  id: 'inv.1',
  number: 7,
  accountId: 'acme',
  customerId: 'cust.1',
  netTermDays: 15,
  cycleStart: '2026-03-01T00:00:00.000Z',
  cycleEnd: '2026-04-01T00:00:00.000Z',
  status: 'FINAL',
  pricePlanId: 'pp.a',
  totals: [{ currency: 'USD', amount: '28.75' }],
  frozenAt: '2026-04-04T03:17:00.000Z',
  lines: [
    {
      kind: 'USAGE',
      currency: 'USD',
      pricePlanId: 'pp.a',
      usageMeterId: 'um.calls',
      pricingModel: 'TIERED',
      quantity: '250',
      amount: '2.25',
      slabs: [
        { slab: 0, startAfter: '0', units: '100', rate: '0', priceType: 'PER_UNIT', amount: '0' },
        { slab: 1, startAfter: '100', units: '150', rate: '0.015', priceType: 'PER_UNIT', amount: '2.25' },
      ],
    },
    { kind: 'FIXED_FEE', currency: 'USD', pricePlanId: 'pp.a', name: 'Platform fee', amount: '25.00' },
    {
      kind: 'ADJUSTMENT',
      currency: 'USD',
      adjustsInvoiceId: 'inv.0',
      adjustsCycleStart: '2026-02-01T00:00:00.000Z',
      adjustsCycleEnd: '2026-03-01T00:00:00.000Z',
      description: 'Adjustment for cycle …: +1.50 USD',
      amount: '1.50',
    },
  ],
};

describe("Togai's Invoice", () => {
  it('is DUE and FINALIZED, numbered, due after the net term, with its total and Meterline’s fields under `meterline`', () => {
    expect(toTogaiInvoiceSummary(invoice, text)).toEqual({
      id: 'inv.1',
      customerId: 'cust.1',
      ownerId: 'acme',
      pricePlanId: 'pp.a',
      status: 'DUE',
      finalizingStatus: 'FINALIZED',
      invoiceClass: 'INVOICE',
      invoiceType: 'STANDARD',
      startDate: '2026-03-01T00:00:00.000Z',
      endDate: '2026-04-01T00:00:00.000Z',
      endDateInclusive: '2026-03-31T23:59:59.999Z',
      invoiceDate: '2026-04-04T03:17:00.000Z',
      dueDate: '2026-04-19T03:17:00.000Z',
      generatedAt: '2026-04-04T03:17:00.000Z',
      updatedAt: '2026-04-04T03:17:00.000Z',
      sequenceId: '7',
      totalAmount: '#28.75',
      paidAmount: 0,
      netTermDays: 15,
      meterline: {
        status: 'FINAL',
        number: 7,
        accountId: 'acme',
        cycleStart: '2026-03-01T00:00:00.000Z',
        cycleEnd: '2026-04-01T00:00:00.000Z',
        currency: 'USD',
        totals: [{ currency: 'USD', amount: '#28.75' }],
      },
    });
  });

  it('lists usage, and a revenue tree of rate cards with their slabs, fixed fees and the adjustment stated as such', () => {
    const full = toTogaiInvoice(invoice, text);
    expect(full.usageInfo).toEqual([
      expect.objectContaining({ type: 'USAGE_METER_USAGE', description: 'um.calls', quantity: '#250', lineItems: [] }),
    ]);
    expect(full.revenueInfo).toMatchObject({ type: 'TOTAL_AMOUNT', value: '#28.75' });
    expect(full.revenueInfo.lineItems.map((i) => [i.type, i.value])).toEqual([
      ['USAGE_RATE_CARD_AMOUNT', '#2.25'],
      ['FIXED_FEE_RATE_CARD_AMOUNT', '#25.00'],
      ['CYCLE_ADJUSTMENT_AMOUNT', '#1.50'],
    ]);
    expect(
      full.revenueInfo.lineItems[0]!.lineItems.map((i) => [i.type, i.quantity, i.valuePerQuantity, i.value]),
    ).toEqual([
      ['USAGE_RATE_CARD_SLAB_AMOUNT', '#100', '#0', '#0'],
      ['USAGE_RATE_CARD_SLAB_AMOUNT', '#150', '#0.015', '#2.25'],
    ]);
    expect(full.revenueInfo.lineItems[2]).toMatchObject({
      description: 'Adjustment for cycle …: +1.50 USD',
      metadata: { adjustsInvoiceId: 'inv.0', adjustsCycleStart: '2026-02-01T00:00:00.000Z' },
    });
  });

  it('leaves out a customer and a plan it does not have, and totals an adjustments-only invoice in their currency', () => {
    const bare = toTogaiInvoiceSummary(
      {
        ...invoice,
        customerId: null,
        pricePlanId: null,
        netTermDays: 0,
        lines: [invoice.lines[2]!],
        totals: [{ currency: 'USD', amount: '1.50' }],
      },
      text,
    );
    expect(bare).not.toHaveProperty('customerId');
    expect(bare).not.toHaveProperty('pricePlanId');
    expect(bare).toMatchObject({ dueDate: bare.invoiceDate, totalAmount: '#1.50', meterline: { currency: 'USD' } });
  });
});
