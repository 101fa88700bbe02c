import { describe, expect, it } from 'vitest';
import { epochMillisOfDay, invoiceFilters, invoiceListQuery } from './invoice-filters';

const none = invoiceFilters(() => undefined);

describe('invoiceListQuery', () => {
  it('sends only the filters given, each under its API name, a day as its first instant', () => {
    expect(String(invoiceListQuery(none))).toBe('');
    const query = invoiceListQuery(
      { ...none, ownerId: ' acct_1 ', status: 'DUE', startTime: '2026-11-01', endTime: '2026-12-01', pageSize: '20' },
      'tok',
    );
    expect(Object.fromEntries(query)).toEqual({
      pageSize: '20',
      ownerId: 'acct_1',
      status: 'DUE',
      startTime: String(Date.parse('2026-11-01T00:00:00Z')),
      endTime: String(Date.parse('2026-12-01T00:00:00Z')),
      nextToken: 'tok',
    });
  });

  it('leaves what is not a day as typed, for the API to refuse by name', () => {
    expect(epochMillisOfDay('2026-02-30')).toBe('2026-02-30');
    expect(epochMillisOfDay('yesterday')).toBe('yesterday');
    expect(epochMillisOfDay('1793836800000')).toBe('1793836800000');
    expect(invoiceListQuery({ ...none, customerId: 'c', startTime: 'soon' }).get('startTime')).toBe('soon');
    expect(invoiceListQuery({ ...none, pageSize: '500' }).get('pageSize')).toBe('500');
  });
});
