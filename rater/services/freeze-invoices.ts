import { invoiceContent, type InvoicedCycle } from '../../shared/invoice/invoice-lines';
import { firstInstantUnderPlan } from '../../shared/pricing/rate-usage';
import type { Statement } from '../../shared/pricing/statement';
import type { Database, Queryable } from '../db/connect';
import { accountStatement } from '../queries/statement';
import { accountBillingTerms } from '../store/accounts';
import {
  billedCycles,
  insertInvoice,
  lastInvoicedCycleEnd,
  lockAccountInvoicing,
  nextInvoiceNumber,
} from '../store/invoices';
import { ratingAssociationsFor } from '../store/plan-associations';
import { newId } from '../store/write-guards';

/** Cycles one call freezes for one account at most: an account years behind catches up over a few runs. */
export const MAX_CYCLES_PER_CALL = 36;
/** Cycles skipped looking for the next one with a plan (gaps between plans, cycles that overlap). */
const MAX_SKIPPED_CYCLES = 1000;

/**
 * Freezes the account's cycles whose grace period has ended by `now` and that have no invoice
 * yet, oldest first, each into a FINAL invoice (docs/design.md §15). Idempotent: each cycle is
 * frozen in its own transaction under the account's invoicing lock, after checking which cycle is
 * next, so two passes at once, or one run twice, make one invoice per account and cycle.
 * Returns how many invoices it made.
 */
export async function freezeAccountInvoices(
  db: Database,
  tenantId: string,
  accountId: string,
  now: number,
): Promise<number> {
  let frozen = 0;
  while (frozen < MAX_CYCLES_PER_CALL && (await freezeNextCycle(db, tenantId, accountId, now))) {
    frozen++;
  }
  return frozen;
}

async function freezeNextCycle(db: Database, tenantId: string, accountId: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAccountInvoicing(tx, tenantId, accountId);
    const statement = await nextStatementToInvoice(tx, tenantId, accountId, now);
    if (!statement || statement.status !== 'FINAL') {
      return false;
    }

    // What each earlier cycle's statement says now, against what was billed for it: the
    // difference (a correction, a backdated event since) is billed here, never on its invoice.
    // Each read at the cycle's first instant under a plan: a plan that began mid-cycle has none at its start.
    const associations = await ratingAssociationsFor(tx, tenantId, [accountId]);
    const earlier: InvoicedCycle[] = [];
    for (const cycle of await billedCycles(tx, tenantId, accountId)) {
      const start = Date.parse(cycle.cycleStart);
      const at = firstInstantUnderPlan(associations, accountId, start, Date.parse(cycle.cycleEnd)) ?? start;
      const current = await accountStatement(tx, tenantId, accountId, at, now);
      earlier.push({ ...cycle, current: current.totals });
    }
    const { lines, totals } = invoiceContent(statement, earlier);
    const terms = await accountBillingTerms(tx, tenantId, accountId);
    // Taken last: the tenant's counter row is locked from here to the commit.
    const number = await nextInvoiceNumber(tx, tenantId);
    await insertInvoice(tx, tenantId, {
      id: newId('inv.'),
      number,
      accountId,
      customerId: terms?.customerId ?? null,
      netTermDays: terms?.netTermDays ?? 0,
      cycleStart: statement.cycleStart,
      cycleEnd: statement.cycleEnd,
      pricePlanId: statement.plans.at(-1)?.pricePlanId ?? null,
      totals,
      frozenAt: new Date(now).toISOString(),
      lines,
    });
    return true;
  });
}

/**
 * The statement of the account's first cycle after its last invoice (from its first plan, before
 * any): cycles follow one another, each starting where the previous one ended. A cycle in force
 * under no plan (a gap between plans) is passed over; so is one that starts before the last
 * invoiced cycle ended (a plan with a cycle of its own, changed mid-cycle): its usage is in that
 * invoiced cycle's statement already, so it reaches an invoice as that cycle's adjustment.
 * Null when no plan is left to bill.
 */
async function nextStatementToInvoice(
  tx: Queryable,
  tenantId: string,
  accountId: string,
  now: number,
): Promise<Statement | null> {
  const associations = await ratingAssociationsFor(tx, tenantId, [accountId]);
  if (associations.length === 0) {
    return null;
  }
  const invoicedUntil = await lastInvoicedCycleEnd(tx, tenantId, accountId);
  let at = invoicedUntil ?? Math.min(...associations.map((a) => a.effectiveFrom));
  for (let skipped = 0; skipped < MAX_SKIPPED_CYCLES; skipped++) {
    const statement = await accountStatement(tx, tenantId, accountId, at, now);
    const end = Date.parse(statement.cycleEnd);
    const overlaps = invoicedUntil !== null && Date.parse(statement.cycleStart) < invoicedUntil;
    if (statement.plans.length > 0 && !overlaps) {
      return statement;
    }
    if (statement.status !== 'FINAL') {
      return null;
    }
    if (statement.plans.length > 0) {
      at = end;
      continue;
    }
    const nextPlan = associations
      .map((a) => a.effectiveFrom)
      .filter((from) => from >= end)
      .sort((a, b) => a - b)[0];
    if (nextPlan === undefined) {
      return null;
    }
    at = nextPlan;
  }
  return null;
}
