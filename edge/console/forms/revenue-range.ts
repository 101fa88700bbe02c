export const revenueWindows = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export type RevenueWindow = (typeof revenueWindows)[number];

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type RevenueRange =
  | { ok: true; fromDate: string; toDate: string; from: string; to: string; window: RevenueWindow }
  | { ok: false; fromDate: string; toDate: string; field: string; message: string };

/**
 * The revenue page's range: whole UTC days from `fromDate` through `toDate` (both included), by
 * default the 30 days ending today. The window is the one asked for, or one that gives a readable
 * chart: hours for up to two days, days up to 120, months beyond. Refusals name the field.
 */
export function revenueRange(
  input: { from?: string | undefined; to?: string | undefined; window?: string | undefined },
  now: number,
): RevenueRange {
  const today = new Date(Math.floor(now / DAY) * DAY).toISOString().slice(0, 10);
  const toDate = input.to?.trim() || today;
  const fromDate =
    input.from?.trim() || new Date(Date.parse(`${toDate}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10);
  const start = parseDate(fromDate);
  const end = parseDate(toDate);
  if (start === undefined) {
    return { ok: false, fromDate, toDate, field: 'from', message: 'must be a date (YYYY-MM-DD)' };
  }
  if (end === undefined) {
    return { ok: false, fromDate, toDate, field: 'to', message: 'must be a date (YYYY-MM-DD)' };
  }
  if (end < start) {
    return { ok: false, fromDate, toDate, field: 'to', message: 'must not be before from' };
  }
  const days = (end - start) / DAY + 1;
  const asked = (revenueWindows as readonly string[]).includes(input.window ?? '')
    ? (input.window as RevenueWindow)
    : undefined;
  const window = asked ?? (days <= 2 ? 'HOUR' : days <= 120 ? 'DAY' : 'MONTH');
  return {
    ok: true,
    fromDate,
    toDate,
    from: new Date(start).toISOString(),
    to: new Date(end + DAY).toISOString(),
    window,
  };
}

function parseDate(text: string): number | undefined {
  if (!DATE.test(text)) {
    return undefined;
  }
  const ms = Date.parse(`${text}T00:00:00Z`);
  // 2026-02-30 parses in some engines as 2 March: a date must come back as written.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? undefined : ms;
}
