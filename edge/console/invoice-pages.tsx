import type { FC } from 'hono/jsx';
import type { z } from 'zod';
import type { invoiceRoutes, invoiceSchema, invoiceSummarySchema } from '../../shared/api/invoice-routes';
import { invoiceStatusChoices, type InvoiceFilters } from './forms/invoice-filters';

export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;
export type Invoice = z.infer<typeof invoiceSchema>;
export type InvoicePage = z.infer<(typeof invoiceRoutes.list.responses)[200]['content']['application/json']['schema']>;
type RateCardItem = Invoice['revenueInfo']['lineItems'][number];

export const invoiceHref = (id: string) => `/console/invoices/${encodeURIComponent(id)}`;
const accountHref = (id: string) => `/console/accounts/${encodeURIComponent(id)}`;
/** An amount as the API wrote it: exact decimals arrive as numbers, or as strings where a double cannot hold them. */
const amount = (value: number | string | undefined) => (value === undefined ? '—' : String(value));
const day = (instant: string) => instant.slice(0, 10);
const cycle = (start: string, end: string) => `${day(start)} – ${day(end)}`;

/** A string in an item's metadata, or undefined. */
function meta(item: { metadata?: Record<string, unknown> | undefined }, key: string): string | undefined {
  const value = item.metadata?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Invoices, a page at a time in number order, filtered by the API on what GET /invoices offers. */
export const InvoiceList: FC<{
  filters: InvoiceFilters;
  invoices: InvoiceSummary[];
  nextToken?: string | undefined;
}> = ({ filters, invoices, nextToken }) => {
  const kept = Object.entries(filters).filter(([, v]) => v !== '');
  const filtered = kept.some(([name]) => name !== 'pageSize');
  return (
    <>
      <form class="filters" method="get" action="/console/invoices" role="search">
        <div>
          <label for="ownerId">Account id</label>
          <input id="ownerId" name="ownerId" value={filters.ownerId} size={20} />
        </div>
        <div>
          <label for="customerId">Customer id</label>
          <input id="customerId" name="customerId" value={filters.customerId} size={20} />
        </div>
        <div>
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">any</option>
            {invoiceStatusChoices.map((s) => (
              <option value={s} selected={s === filters.status}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="startTime">Cycle ends after (UTC day)</label>
          <input id="startTime" name="startTime" type="date" value={filters.startTime} />
        </div>
        <div>
          <label for="endTime">Cycle starts before (UTC day)</label>
          <input id="endTime" name="endTime" type="date" value={filters.endTime} />
        </div>
        <div>
          <label for="pageSize">Per page</label>
          <input
            id="pageSize"
            name="pageSize"
            type="number"
            min={1}
            max={50}
            value={filters.pageSize}
            placeholder="50"
          />
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <p class="hint">
        Invoices are made when a billing cycle’s grace period ends: FINAL, never changed after. Every invoice is DUE
        (payment is not tracked).
      </p>
      {invoices.length === 0 ? (
        <p>{filtered ? 'No invoice matches.' : 'No invoices yet.'}</p>
      ) : (
        <InvoiceTable caption="By invoice number" invoices={invoices} />
      )}
      {nextToken && (
        <p>
          <a href={`/console/invoices?${new URLSearchParams([...kept, ['nextToken', nextToken]])}`}>Next invoices</a>
        </p>
      )}
    </>
  );
};

/** Invoices as rows: number (linked to its page), account, cycle, status, total; the account page's too. */
export const InvoiceTable: FC<{ caption: string; invoices: InvoiceSummary[]; account?: boolean }> = ({
  caption,
  invoices,
  account = true,
}) => (
  <div class="scroll">
    <table>
      <caption class="hint">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          {account && <th scope="col">Account</th>}
          <th scope="col">Cycle</th>
          <th scope="col">Status</th>
          <th scope="col">Invoice date</th>
          <th scope="col" class="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr>
            <td>
              <a href={invoiceHref(i.id)}>{`#${i.meterline.number}`}</a>
            </td>
            {account && (
              <td>
                <a href={accountHref(i.ownerId)}>{i.ownerId}</a>
              </td>
            )}
            <td>{cycle(i.startDate, i.endDate)}</td>
            <td>
              <span class={`status ${i.meterline.status}`}>{i.meterline.status}</span>{' '}
              <span class="status">{i.status}</span>
            </td>
            <td>{day(i.invoiceDate)}</td>
            <td class="num">{i.meterline.totals.map((t) => `${amount(t.amount)} ${t.currency}`).join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** One invoice as frozen: its facts, its lines (usage with slabs, fees, adjustments of earlier cycles), its totals. */
export const InvoiceDetail: FC<{ invoice: Invoice }> = ({ invoice }) => {
  const ext = invoice.meterline;
  const lines = invoice.revenueInfo.lineItems;
  const charges = lines.filter((l) => l.type !== 'CYCLE_ADJUSTMENT_AMOUNT');
  const adjustments = lines.filter((l) => l.type === 'CYCLE_ADJUSTMENT_AMOUNT');
  return (
    <>
      <dl class="facts">
        <dt>Account</dt>
        <dd>
          <a href={accountHref(invoice.ownerId)}>{invoice.ownerId}</a>
        </dd>
        {invoice.customerId !== undefined && (
          <>
            <dt>Customer</dt>
            <dd>
              <a href={`/console/accounts?customer=${encodeURIComponent(invoice.customerId)}`}>{invoice.customerId}</a>
            </dd>
          </>
        )}
        <dt>Cycle</dt>
        <dd data-testid="invoice-cycle">{`${invoice.startDate} – ${invoice.endDate} (end excluded)`}</dd>
        <dt>Status</dt>
        <dd>
          <span class={`status ${ext.status}`}>{ext.status}</span> <span class="status">{invoice.status}</span>
        </dd>
        <dt>Invoice date</dt>
        <dd>{invoice.invoiceDate}</dd>
        <dt>Due date</dt>
        <dd>{`${invoice.dueDate} (net ${invoice.netTermDays} days)`}</dd>
        {invoice.pricePlanId !== undefined && (
          <>
            <dt>Price plan</dt>
            <dd>
              <a href={`/console/plans/${encodeURIComponent(invoice.pricePlanId)}`}>{invoice.pricePlanId}</a>
            </dd>
          </>
        )}
        <dt>Id</dt>
        <dd>{invoice.id}</dd>
      </dl>
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines of the cycle</h2>
        {charges.length === 0 ? (
          <p>No usage or fee was billed for this cycle.</p>
        ) : (
          <div class="scroll">
            <table id="invoice-lines">
              <caption class="hint">Usage and fees, as frozen</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Type</th>
                  <th scope="col" class="num">
                    Quantity
                  </th>
                  <th scope="col" class="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {charges.map((l) => (
                  <tr>
                    <td>{l.description}</td>
                    <td>{l.type === 'FIXED_FEE_RATE_CARD_AMOUNT' ? 'Fixed fee' : 'Usage'}</td>
                    <td class="num">{amount(l.quantity)}</td>
                    <td class="num">{`${amount(l.value)} ${meta(l, 'currency') ?? ''}`.trim()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {charges
          .filter((l) => l.lineItems.length > 0)
          .map((l) => (
            <Slabs line={l} />
          ))}
      </section>
      <section aria-labelledby="adjustments-heading">
        <h2 id="adjustments-heading">Adjustments of earlier cycles</h2>
        {adjustments.length === 0 ? (
          <p>None: no earlier cycle’s statement changed after its invoice.</p>
        ) : (
          <div class="scroll">
            <table id="invoice-adjustments">
              <caption class="hint">
                A frozen cycle’s statement changed after its invoice: the difference is billed here, once
              </caption>
              <thead>
                <tr>
                  <th scope="col">Adjustment</th>
                  <th scope="col">Cycle it corrects</th>
                  <th scope="col">Its invoice</th>
                  <th scope="col" class="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {adjustments.map((l) => {
                  const adjusts = meta(l, 'adjustsInvoiceId');
                  const start = meta(l, 'adjustsCycleStart');
                  const end = meta(l, 'adjustsCycleEnd');
                  return (
                    <tr>
                      <td>{l.description}</td>
                      <td>{start !== undefined && end !== undefined ? cycle(start, end) : '—'}</td>
                      <td>{adjusts !== undefined ? <a href={invoiceHref(adjusts)}>{adjusts}</a> : '—'}</td>
                      <td class="num">{`${amount(l.value)} ${meta(l, 'currency') ?? ''}`.trim()}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        <dl class="totals">
          {ext.totals.map((t) => (
            <>
              <dt>{t.currency}</dt>
              <dd data-testid={`invoice-total-${t.currency}`}>{amount(t.amount)}</dd>
            </>
          ))}
        </dl>
        <p class="hint">
          {`Per currency: the cycle’s lines plus the adjustments. The invoice’s amount (${ext.currency}): `}
          <span data-testid="invoice-total-amount">{amount(invoice.totalAmount)}</span>
          {`; paid: ${amount(invoice.paidAmount)}.`}
        </p>
      </section>
    </>
  );
};

/** A usage line's slabs: units, the rate, what each slab comes to. */
const Slabs: FC<{ line: RateCardItem }> = ({ line }) => (
  <div class="scroll">
    <table class="slabs">
      <caption>{`Slabs of ${line.description}`}</caption>
      <thead>
        <tr>
          <th scope="col">Slab</th>
          <th scope="col" class="num">
            Units
          </th>
          <th scope="col" class="num">
            Per unit
          </th>
          <th scope="col" class="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {line.lineItems.map((s) => (
          <tr>
            <td>{s.description}</td>
            <td class="num">{amount(s.quantity)}</td>
            <td class="num">{amount(s.valuePerQuantity)}</td>
            <td class="num">{amount(s.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
