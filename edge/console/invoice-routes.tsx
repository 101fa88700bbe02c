import { failure, pathParam, seg, type ConsoleApp, type ConsoleKit } from './console-kit';
import { invoiceFilters, invoiceListQuery } from './forms/invoice-filters';
import { InvoiceDetail, InvoiceList, type Invoice, type InvoicePage } from './invoice-pages';

/** Invoices: the list (paged and filtered by the API), an invoice's page. Invoices are only read: the freeze pass makes them. */
export function registerInvoicePages(app: ConsoleApp, { call, page }: ConsoleKit) {
  app.get('/invoices', async (c) => {
    const filters = invoiceFilters((name) => c.req.query(name));
    const query = invoiceListQuery(filters, c.req.query('nextToken'));
    const list = await call<InvoicePage>(c, 'GET', `/invoices?${query}`);
    return page(
      c,
      'Invoices',
      'invoices',
      <InvoiceList filters={filters} invoices={list.ok ? list.body.data : []} nextToken={list.body?.nextToken} />,
      failure(list),
      list.ok ? 200 : 422,
    );
  });

  app.get('/invoices/:id', async (c) => {
    const invoice = await call<Invoice>(c, 'GET', `/invoices/${seg(pathParam(c, 'id'))}`);
    if (!invoice.ok) {
      return page(c, 'Invoice', 'invoices', <p>No such invoice.</p>, failure(invoice), 404);
    }
    return page(c, `Invoice #${invoice.body.meterline.number}`, 'invoices', <InvoiceDetail invoice={invoice.body} />);
  });
}
