import { togaiInvoiceStatuses } from '../../../shared/api/invoice-routes';

/** The invoice list's filters as typed: each is one of GET /invoices' own query parameters. */
export interface InvoiceFilters {
  ownerId: string;
  customerId: string;
  status: string;
  /** A UTC day (YYYY-MM-DD): only invoices whose cycle ends after its start. */
  startTime: string;
  /** A UTC day (YYYY-MM-DD): only invoices whose cycle starts before its start. */
  endTime: string;
  /** Invoices a page (the API's default when blank). */
  pageSize: string;
}

export const invoiceStatusChoices = togaiInvoiceStatuses;

/**
 * The query of GET /invoices for the filters: a day becomes its first instant in epoch
 * milliseconds; anything else is sent as typed, so the API, not the console, says what is wrong
 * with it (naming the field).
 */
export function invoiceListQuery(filters: InvoiceFilters, nextToken?: string): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['ownerId', 'customerId', 'status', 'pageSize'] as const) {
    const value = filters[name].trim();
    if (value !== '') {
      query.set(name, value);
    }
  }
  for (const name of ['startTime', 'endTime'] as const) {
    const value = filters[name].trim();
    if (value !== '') {
      query.set(name, epochMillisOfDay(value));
    }
  }
  if (nextToken) {
    query.set('nextToken', nextToken);
  }
  return query;
}

/** The filters a console URL carries, for the form to show them again and the next page to keep them. */
export function invoiceFilters(read: (name: string) => string | undefined): InvoiceFilters {
  return {
    ownerId: read('ownerId') ?? '',
    customerId: read('customerId') ?? '',
    status: read('status') ?? '',
    startTime: read('startTime') ?? '',
    endTime: read('endTime') ?? '',
    pageSize: read('pageSize') ?? '',
  };
}

/** "2026-11-05" → "1793836800000"; anything that is not a whole UTC day is left as it is. */
export function epochMillisOfDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return value;
  }
  const millis = Date.parse(`${value}T00:00:00Z`);
  // 2026-02-30 is no day: sent as typed, for the API to refuse.
  return Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== value ? value : String(millis);
}
