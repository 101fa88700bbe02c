import { exactNumber } from '../api/exact-number';
import { Decimal } from '../decimal/decimal';
import type { InvoiceLine, Money } from './invoice-lines';

/** An invoice as stored: everything its Togai shape is drawn from, frozen with it. */
export interface StoredInvoice {
  id: string;
  /** The tenant's invoice number: 1, 2, 3, … without gaps. */
  number: number;
  accountId: string;
  customerId: string | null;
  netTermDays: number;
  cycleStart: string;
  cycleEnd: string;
  status: 'FINAL';
  pricePlanId: string | null;
  totals: Money[];
  frozenAt: string;
  lines: InvoiceLine[];
}

/** A Togai InvoiceLineItem (amounts as exact JSON numbers), with the items it is made of. */
export interface TogaiLineItem<Child = never> {
  description: string;
  type: string;
  quantity?: number;
  valuePerQuantity?: number;
  value: number;
  metadata?: Record<string, unknown>;
  lineItems: Child[];
}
type RateCardItem = TogaiLineItem<TogaiLineItem>;

/** Meterline's own fields, under one extension property. */
export interface InvoiceExtension {
  status: 'FINAL';
  number: number;
  accountId: string;
  cycleStart: string;
  cycleEnd: string;
  currency: string;
  totals: { currency: string; amount: number }[];
}

/**
 * The invoice's currency: its usage and fee lines' (a cycle is rated in one currency, fixed when
 * the plan was associated); for an invoice of adjustments only, their first currency.
 */
export function invoiceCurrency(invoice: Pick<StoredInvoice, 'lines' | 'totals'>): string {
  const charged = [...invoice.lines].reverse().find((line) => line.kind !== 'ADJUSTMENT');
  return charged?.currency ?? invoice.totals[0]?.currency ?? 'USD';
}

/**
 * Togai's InvoiceSummary (GET /invoices): a frozen invoice is Togai's DUE, FINALIZED invoice —
 * Meterline does not track payment, so paidAmount is 0. totalAmount is in the invoice's currency;
 * an invoice carrying an adjustment in another currency states every total under `meterline`.
 */
export function toTogaiInvoiceSummary(invoice: StoredInvoice, number: (decimal: string) => number = exactNumber) {
  const currency = invoiceCurrency(invoice);
  const total = invoice.totals.find((t) => t.currency === currency)?.amount ?? '0';
  const dueDate = new Date(Date.parse(invoice.frozenAt) + invoice.netTermDays * 86_400_000).toISOString();
  const meterline: InvoiceExtension = {
    status: invoice.status,
    number: invoice.number,
    accountId: invoice.accountId,
    cycleStart: invoice.cycleStart,
    cycleEnd: invoice.cycleEnd,
    currency,
    totals: invoice.totals.map((t) => ({ currency: t.currency, amount: number(t.amount) })),
  };
  return {
    id: invoice.id,
    ...(invoice.customerId !== null ? { customerId: invoice.customerId } : {}),
    ownerId: invoice.accountId,
    ...(invoice.pricePlanId !== null ? { pricePlanId: invoice.pricePlanId } : {}),
    status: 'DUE' as const,
    finalizingStatus: 'FINALIZED' as const,
    invoiceClass: 'INVOICE' as const,
    invoiceType: 'STANDARD' as const,
    startDate: invoice.cycleStart,
    endDate: invoice.cycleEnd,
    endDateInclusive: new Date(Date.parse(invoice.cycleEnd) - 1).toISOString(),
    invoiceDate: invoice.frozenAt,
    dueDate,
    generatedAt: invoice.frozenAt,
    updatedAt: invoice.frozenAt,
    sequenceId: String(invoice.number),
    totalAmount: number(total),
    paidAmount: 0,
    netTermDays: invoice.netTermDays,
    meterline,
  };
}

/**
 * Togai's Invoice (GET /invoices/{id}): the summary, with usageInfo (a USAGE_METER_USAGE item per
 * usage rate card) and revenueInfo, a TOTAL_AMOUNT tree of the lines — USAGE_RATE_CARD_AMOUNT with
 * its USAGE_RATE_CARD_SLAB_AMOUNT items, FIXED_FEE_RATE_CARD_AMOUNT, and Meterline's
 * CYCLE_ADJUSTMENT_AMOUNT for an earlier cycle's correction, its description saying so.
 */
export function toTogaiInvoice(invoice: StoredInvoice, number: (decimal: string) => number = exactNumber) {
  const summary = toTogaiInvoiceSummary(invoice, number);
  const exact = (decimal: string) => number(new Decimal(decimal).toFixed());
  const usageInfo: TogaiLineItem[] = [];
  const items: RateCardItem[] = [];
  for (const line of invoice.lines) {
    if (line.kind === 'USAGE') {
      const metadata = {
        currency: line.currency,
        pricePlanId: line.pricePlanId,
        usageMeterId: line.usageMeterId,
        pricingModel: line.pricingModel,
      };
      usageInfo.push({
        description: line.usageMeterId,
        type: 'USAGE_METER_USAGE',
        quantity: exact(line.quantity),
        value: exact(line.quantity),
        metadata,
        lineItems: [],
      });
      items.push({
        description: `${line.usageMeterId} (${line.pricingModel})`,
        type: 'USAGE_RATE_CARD_AMOUNT',
        quantity: exact(line.quantity),
        value: number(line.amount),
        metadata,
        lineItems: line.slabs.map((slab) => ({
          description: `Slab ${slab.slab + 1}: ${slab.priceType} ${slab.rate} after ${slab.startAfter}`,
          type: 'USAGE_RATE_CARD_SLAB_AMOUNT',
          quantity: exact(slab.units),
          ...(slab.priceType === 'PER_UNIT' ? { valuePerQuantity: exact(slab.rate) } : {}),
          value: exact(slab.amount),
          metadata: { slab: slab.slab, startAfter: slab.startAfter, priceType: slab.priceType, rate: slab.rate },
          lineItems: [],
        })),
      });
    } else if (line.kind === 'FIXED_FEE') {
      items.push({
        description: line.name,
        type: 'FIXED_FEE_RATE_CARD_AMOUNT',
        value: number(line.amount),
        metadata: { currency: line.currency, pricePlanId: line.pricePlanId },
        lineItems: [],
      });
    } else {
      items.push({
        description: line.description,
        type: 'CYCLE_ADJUSTMENT_AMOUNT',
        value: number(line.amount),
        metadata: {
          currency: line.currency,
          adjustsInvoiceId: line.adjustsInvoiceId,
          adjustsCycleStart: line.adjustsCycleStart,
          adjustsCycleEnd: line.adjustsCycleEnd,
        },
        lineItems: [],
      });
    }
  }
  const revenueInfo: TogaiLineItem<RateCardItem> = {
    description: 'Total amount',
    type: 'TOTAL_AMOUNT',
    value: summary.totalAmount,
    metadata: { currency: summary.meterline.currency },
    lineItems: items,
  };
  const { meterline, ...rest } = summary;
  return { ...rest, usageInfo, revenueInfo, meterline };
}
