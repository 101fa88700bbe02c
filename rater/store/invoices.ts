import { sql } from 'drizzle-orm';
import type { InvoiceLine, Money } from '../../shared/invoice/invoice-lines';
import type { StoredInvoice } from '../../shared/invoice/togai-invoice';
import type { Queryable } from '../db/connect';
import { invoiceLines, invoiceNumbers, invoices } from '../db/schema';

/** An invoice's instant as ISO text, as the API shows it (whatever the driver makes of timestamptz). */
const iso = (column: string) =>
  sql.raw(`to_char(i.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`);

/**
 * Invoices are only ever inserted here: a FINAL invoice and its lines are never updated or deleted
 * (migration 0023's triggers refuse it, whatever code tries).
 */

/** One freezing of an account's invoices at a time (the freeze pass, run twice or concurrently). */
export async function lockAccountInvoicing(tx: Queryable, tenantId: string, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invoices/${tenantId}/${accountId}`}, 0))`);
}

/**
 * The tenant's next invoice number. The counter row stays locked until the transaction ends, and
 * goes back with it if the transaction rolls back: numbers are consecutive, without gaps, however
 * many freezes run at once (they queue here, so take it last).
 */
export async function nextInvoiceNumber(tx: Queryable, tenantId: string): Promise<number> {
  const n = invoiceNumbers;
  const { rows } = await tx.execute<{ last_number: number }>(sql`
    INSERT INTO ${n} (tenant_id, last_number) VALUES (${tenantId}, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET last_number = ${n}.last_number + 1
    RETURNING last_number`);
  const [row] = rows;
  if (!row) {
    throw new Error(`invoice numbers of tenant ${tenantId}: the counter's upsert returned no row`);
  }
  return Number(row.last_number);
}

/** Where the account's invoiced cycles end, the latest; null before its first invoice. */
export async function lastInvoicedCycleEnd(db: Queryable, tenantId: string, accountId: string): Promise<number | null> {
  const { rows } = await db.execute<{ cycle_end: string | null }>(sql`
    SELECT (extract(epoch FROM max(cycle_end)) * 1000)::bigint::text AS cycle_end FROM ${invoices}
     WHERE tenant_id = ${tenantId} AND account_id = ${accountId}`);
  const end = rows[0]?.cycle_end;
  return end ? Number(end) : null;
}

export interface BilledCycle {
  invoiceId: string;
  cycleStart: string;
  cycleEnd: string;
  /**
   * What has been billed for the cycle, one entry per line: its invoice's own lines (not the
   * adjustments of earlier cycles it carries) and the adjustments for it on later invoices.
   */
  billed: Money[];
}

/** Every invoiced cycle of the account, oldest first, with what has been billed for it so far. */
export async function billedCycles(db: Queryable, tenantId: string, accountId: string): Promise<BilledCycle[]> {
  const { rows } = await db.execute<{ id: string; cycle_start: string; cycle_end: string; billed: Money[] }>(sql`
    SELECT i.id, ${iso('cycle_start')}, ${iso('cycle_end')},
           coalesce((SELECT jsonb_agg(jsonb_build_object('currency', l.currency, 'amount', l.amount::text) ORDER BY l.invoice_id, l.position)
                       FROM ${invoiceLines} l JOIN ${invoices} carrier ON carrier.tenant_id = l.tenant_id AND carrier.id = l.invoice_id
                      WHERE l.tenant_id = i.tenant_id AND carrier.account_id = i.account_id
                        AND ((l.invoice_id = i.id AND l.kind <> 'ADJUSTMENT') OR (l.kind = 'ADJUSTMENT' AND l.adjusts_cycle_start = i.cycle_start))),
                    '[]'::jsonb) AS billed
      FROM ${invoices} i
     WHERE i.tenant_id = ${tenantId} AND i.account_id = ${accountId}
     ORDER BY i.cycle_start`);
  return rows.map((row) => ({
    invoiceId: row.id,
    cycleStart: row.cycle_start,
    cycleEnd: row.cycle_end,
    billed: row.billed,
  }));
}

export interface NewInvoice {
  id: string;
  number: number;
  accountId: string;
  customerId: string | null;
  netTermDays: number;
  cycleStart: string;
  cycleEnd: string;
  pricePlanId: string | null;
  totals: Money[];
  frozenAt: string;
  lines: InvoiceLine[];
}

export async function insertInvoice(tx: Queryable, tenantId: string, invoice: NewInvoice): Promise<void> {
  await tx.insert(invoices).values({
    tenantId,
    id: invoice.id,
    number: invoice.number,
    accountId: invoice.accountId,
    customerId: invoice.customerId,
    netTermDays: invoice.netTermDays,
    cycleStart: new Date(invoice.cycleStart),
    cycleEnd: new Date(invoice.cycleEnd),
    status: 'FINAL',
    pricePlanId: invoice.pricePlanId,
    totals: invoice.totals,
    frozenAt: new Date(invoice.frozenAt),
  });
  if (invoice.lines.length === 0) {
    return;
  }
  await tx.insert(invoiceLines).values(
    invoice.lines.map((line, position) => ({
      tenantId,
      invoiceId: invoice.id,
      position,
      kind: line.kind,
      currency: line.currency,
      amount: line.amount,
      adjustsCycleStart: line.kind === 'ADJUSTMENT' ? new Date(line.adjustsCycleStart) : null,
      line,
    })),
  );
}

interface InvoiceRow extends Record<string, unknown> {
  id: string;
  number: number;
  account_id: string;
  customer_id: string | null;
  net_term_days: number;
  cycle_start: string;
  cycle_end: string;
  status: 'FINAL';
  price_plan_id: string | null;
  totals: Money[];
  frozen_at: string;
  lines: InvoiceLine[];
}

function toStoredInvoice(row: InvoiceRow): StoredInvoice {
  return {
    id: row.id,
    number: Number(row.number),
    accountId: row.account_id,
    customerId: row.customer_id,
    netTermDays: row.net_term_days,
    cycleStart: new Date(row.cycle_start).toISOString(),
    cycleEnd: new Date(row.cycle_end).toISOString(),
    status: row.status,
    pricePlanId: row.price_plan_id,
    totals: row.totals,
    frozenAt: new Date(row.frozen_at).toISOString(),
    lines: row.lines,
  };
}

const selectInvoices = (withLines: boolean) => sql`
  SELECT i.id, i.number, i.account_id, i.customer_id, i.net_term_days, ${iso('cycle_start')}, ${iso('cycle_end')}, i.status,
         i.price_plan_id, i.totals, ${iso('frozen_at')},
         ${
           withLines
             ? sql`coalesce((SELECT jsonb_agg(l.line ORDER BY l.position) FROM ${invoiceLines} l WHERE l.tenant_id = i.tenant_id AND l.invoice_id = i.id), '[]'::jsonb)`
             : sql`'[]'::jsonb`
         } AS lines
    FROM ${invoices} i`;

export async function findInvoice(db: Queryable, tenantId: string, id: string): Promise<StoredInvoice | null> {
  const { rows } = await db.execute<InvoiceRow>(
    sql`${selectInvoices(true)} WHERE i.tenant_id = ${tenantId} AND i.id = ${id}`,
  );
  return rows[0] ? toStoredInvoice(rows[0]) : null;
}

export interface InvoiceFilters {
  status?: 'FINAL';
  accountId?: string;
  customerId?: string;
  /** Cycles ending after this instant (epoch ms). */
  from?: number;
  /** Cycles starting before this instant (epoch ms). */
  to?: number;
}

/** A page of the tenant's invoices in number order, after the number `after`; lines left out. */
export async function listInvoices(
  db: Queryable,
  tenantId: string,
  filters: InvoiceFilters,
  page: { after?: number; limit: number },
): Promise<StoredInvoice[]> {
  const conditions = [
    sql`i.tenant_id = ${tenantId}`,
    filters.status ? sql`i.status = ${filters.status}` : undefined,
    filters.accountId !== undefined ? sql`i.account_id = ${filters.accountId}` : undefined,
    filters.customerId !== undefined ? sql`i.customer_id = ${filters.customerId}` : undefined,
    filters.from !== undefined ? sql`i.cycle_end > ${new Date(filters.from).toISOString()}::timestamptz` : undefined,
    filters.to !== undefined ? sql`i.cycle_start < ${new Date(filters.to).toISOString()}::timestamptz` : undefined,
    page.after !== undefined ? sql`i.number > ${page.after}` : undefined,
  ].filter((c) => c !== undefined);
  const { rows } = await db.execute<InvoiceRow>(
    sql`${selectInvoices(false)} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY i.number LIMIT ${page.limit}`,
  );
  return rows.map(toStoredInvoice);
}

/** Whether the tenant has an invoice with this number (a page token carries one). */
export async function invoiceNumberExists(db: Queryable, tenantId: string, number: string): Promise<boolean> {
  if (!/^\d{1,9}$/.test(number)) {
    return false;
  }
  const { rows } = await db.execute(
    sql`SELECT 1 FROM ${invoices} WHERE tenant_id = ${tenantId} AND number = ${Number(number)}`,
  );
  return rows.length > 0;
}
