import { describe, expect, it } from 'vitest';
import { revenueRange } from './revenue-range';

const now = Date.parse('2026-11-23T10:15:30Z');

describe('revenueRange', () => {
  it('defaults to the 30 whole UTC days ending today, per day', () => {
    expect(revenueRange({}, now)).toEqual({
      ok: true,
      fromDate: '2026-10-25',
      toDate: '2026-11-23',
      from: '2026-10-25T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
      window: 'DAY',
    });
  });

  it('includes the last day, and picks a window that keeps the chart readable unless one is asked for', () => {
    expect(revenueRange({ from: '2026-11-01', to: '2026-11-01' }, now)).toMatchObject({
      to: '2026-11-02T00:00:00.000Z',
      window: 'HOUR',
    });
    expect(revenueRange({ from: '2025-01-01', to: '2026-11-01' }, now)).toMatchObject({ window: 'MONTH' });
    expect(revenueRange({ from: '2025-01-01', to: '2026-11-01', window: 'WEEK' }, now)).toMatchObject({
      window: 'WEEK',
    });
  });

  it.each([
    [{ from: '2026-02-30' }, 'from'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'to'],
  ])('refuses %j, naming the field', (input, field) => {
    expect(revenueRange(input, now)).toMatchObject({ ok: false, field });
  });
});
