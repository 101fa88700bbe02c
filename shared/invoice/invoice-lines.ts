import { Decimal } from '../decimal/decimal';
import { roundMoney } from '../pricing/currency';
import type { SlabCharge } from '../pricing/price';
import type { Statement } from '../pricing/statement';

export interface Money {
  currency: string;
  amount: string;
}

/** A usage rate card's charge: the usage, the slabs that priced it, the rounded amount. */
export interface UsageInvoiceLine {
  kind: 'USAGE';
  currency: string;
  pricePlanId: string;
  usageMeterId: string;
  pricingModel: string;
  quantity: string;
  slabs: SlabCharge[];
  amount: string;
}

export interface FixedFeeInvoiceLine {
  kind: 'FIXED_FEE';
  currency: string;
  pricePlanId: string;
  name: string;
  amount: string;
}

/**
 * What an earlier, frozen cycle's statement says now beyond what was billed for it: a correction
 * or a late event changed it after its invoice was frozen. Signed; never zero.
 */
export interface AdjustmentInvoiceLine {
  kind: 'ADJUSTMENT';
  currency: string;
  adjustsInvoiceId: string;
  adjustsCycleStart: string;
  adjustsCycleEnd: string;
  description: string;
  amount: string;
}

export type InvoiceLine = UsageInvoiceLine | FixedFeeInvoiceLine | AdjustmentInvoiceLine;

/** An earlier cycle of the account that has an invoice: its statement now, and what was billed for it so far. */
export interface InvoicedCycle {
  invoiceId: string;
  cycleStart: string;
  cycleEnd: string;
  /** The cycle's statement totals as they are now. */
  current: Money[];
  /** Its invoice's own lines (not the adjustments it carries) plus every adjustment for it on later invoices. */
  billed: Money[];
}

export interface InvoiceContent {
  lines: InvoiceLine[];
  /** Per currency: the statement's totals plus the adjustments. */
  totals: Money[];
}

/**
 * An invoice's lines (docs/design.md §15): the cycle's statement as it stands — a line per usage
 * rate card with its slabs, a line per fixed fee — and, for each earlier invoiced cycle whose
 * statement no longer equals what was billed for it, an adjustment line per currency for the
 * difference. Money already billed is never restated: the difference is billed once, here, and
 * counts as billed from then on (the caller adds this invoice's adjustments to `billed`).
 */
export function invoiceContent(statement: Statement, earlier: InvoicedCycle[]): InvoiceContent {
  const lines: InvoiceLine[] = [];
  for (const plan of statement.plans) {
    for (const usage of plan.usageLines) {
      lines.push({
        kind: 'USAGE',
        currency: plan.currency,
        pricePlanId: plan.pricePlanId,
        usageMeterId: usage.usageMeterId,
        pricingModel: usage.pricingModel,
        quantity: usage.usage,
        slabs: usage.slabs,
        amount: usage.amount,
      });
    }
    for (const fee of plan.fixedFees) {
      lines.push({
        kind: 'FIXED_FEE',
        currency: plan.currency,
        pricePlanId: plan.pricePlanId,
        name: fee.name,
        amount: fee.amount,
      });
    }
  }
  const ordered = [...earlier].sort((a, b) => Date.parse(a.cycleStart) - Date.parse(b.cycleStart));
  for (const cycle of ordered) {
    lines.push(...adjustmentLines(cycle));
  }

  const totals = new Map<string, Decimal>(statement.totals.map((t) => [t.currency, new Decimal(t.amount)]));
  for (const line of lines) {
    if (line.kind === 'ADJUSTMENT') {
      totals.set(line.currency, (totals.get(line.currency) ?? new Decimal(0)).plus(line.amount));
    }
  }
  return {
    lines,
    totals: [...totals].map(([currency, amount]) => ({ currency, amount: roundMoney(amount, currency) })),
  };
}

/** One line per currency in which the cycle's statement now differs from what was billed for it. */
export function adjustmentLines(cycle: InvoicedCycle): AdjustmentInvoiceLine[] {
  const differences = new Map<string, Decimal>();
  for (const { currency, amount } of cycle.current) {
    differences.set(currency, (differences.get(currency) ?? new Decimal(0)).plus(amount));
  }
  for (const { currency, amount } of cycle.billed) {
    differences.set(currency, (differences.get(currency) ?? new Decimal(0)).minus(amount));
  }
  return [...differences]
    .filter(([, difference]) => !difference.isZero())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, difference]) => {
      const amount = roundMoney(difference, currency);
      const signed = difference.isNegative() ? `−${amount.slice(1)}` : `+${amount}`;
      return {
        kind: 'ADJUSTMENT',
        currency,
        adjustsInvoiceId: cycle.invoiceId,
        adjustsCycleStart: cycle.cycleStart,
        adjustsCycleEnd: cycle.cycleEnd,
        description: `Adjustment for cycle ${cycle.cycleStart} – ${cycle.cycleEnd} (invoice ${cycle.invoiceId}): ${signed} ${currency}`,
        amount,
      };
    });
}
