import { invoiceRoutes as routes } from '../../shared/api/invoice-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { notFound } from '../../shared/errors/app-error';
import { toTogaiInvoice, toTogaiInvoiceSummary } from '../../shared/invoice/togai-invoice';
import { findInvoice, invoiceNumberExists, listInvoices } from '../store/invoices';
import { createRouter } from './router';

/**
 * Togai's GET /invoices and GET /invoices/{id}: the invoices the freeze pass made
 * (pipeline/freeze-due-invoices.ts), each drawn only from its frozen rows, so it reads the same forever.
 */
export const invoiceRoutes = createRouter()
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize, status, ownerId, customerId, startTime, endTime } = c.req.valid('query');
    const after = await decodeOwnPageToken(nextToken, (n) =>
      invoiceNumberExists(db, principal.tenantId, n).then((found) => found || null),
    );
    // Every invoice Meterline makes is Togai's DUE; another status lists none.
    const rows =
      status !== undefined && status !== 'DUE'
        ? []
        : await listInvoices(
            db,
            principal.tenantId,
            { accountId: ownerId, customerId, from: startTime, to: endTime },
            { after: after === undefined ? undefined : Number(after), limit: pageSize + 1 },
          );
    const page = toPage(rows, pageSize, (row) => String(row.number));
    return c.json({ ...page, data: page.data.map((row) => toTogaiInvoiceSummary(row)) }, 200);
  })
  .openapi(routes.get, async (c) => {
    const { invoice_id: id } = c.req.valid('param');
    const invoice = await findInvoice(c.env.db, c.env.principal.tenantId, id);
    if (!invoice) {
      throw notFound('invoice', id);
    }
    return c.json(toTogaiInvoice(invoice), 200);
  });
