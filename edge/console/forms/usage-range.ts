export const usageRanges = [
  { value: '24h', label: 'Last 24 hours', minutes: 24 * 60 },
  { value: '7d', label: 'Last 7 days', minutes: 7 * 24 * 60 },
  { value: '30d', label: 'Last 30 days', minutes: 30 * 24 * 60 },
] as const;
export const consoleWindows = ['HOUR', 'DAY', 'MONTH'] as const;
export type ConsoleWindow = (typeof consoleWindows)[number];

const windowMinutes: Record<ConsoleWindow, number> = { HOUR: 60, DAY: 1440, MONTH: 40320 };
/** POST /metrics answers at most 100 points a series (Togai's limit). */
const MAX_POINTS = 100;

/**
 * The usage page's range, on whole minutes ending at the next minute (so the current minute's
 * events count), and the window — made larger when a split by account (answered by /metrics)
 * would need more than its 100 points.
 */
export function usageRange(range: string, window: string, now: number, byAccount: boolean) {
  const chosen = usageRanges.find((r) => r.value === range) ?? usageRanges[0];
  let effective: ConsoleWindow = (consoleWindows as readonly string[]).includes(window)
    ? (window as ConsoleWindow)
    : 'HOUR';
  const widened = byAccount && Math.ceil(chosen.minutes / windowMinutes[effective]) + 1 > MAX_POINTS;
  if (widened) {
    effective = effective === 'HOUR' ? 'DAY' : 'MONTH';
  }
  const to = Math.ceil((now + 1) / 60_000) * 60_000;
  return {
    range: chosen.value,
    from: new Date(to - chosen.minutes * 60_000).toISOString(),
    to: new Date(to).toISOString(),
    window: effective,
    widened,
  };
}

/**
 * For the chart: every window of [from, to) in UTC, with the window's value or "0" where it had
 * no usage — right for COUNT and SUM, whose value of an empty window is 0 (not for MAX or LATEST,
 * whose empty windows have no value at all: leave those as they are).
 */
export function fillWindows(
  points: { from: string; value: string | null }[],
  from: string,
  to: string,
  window: ConsoleWindow,
) {
  const byStart = new Map(points.map((p) => [Date.parse(p.from), p.value]));
  const filled: { from: string; value: string | null }[] = [];
  for (let start = windowStart(Date.parse(from), window); start < Date.parse(to); start = nextWindow(start, window)) {
    filled.push({ from: new Date(start).toISOString(), value: byStart.get(start) ?? '0' });
  }
  return filled;
}

function windowStart(t: number, window: ConsoleWindow): number {
  const d = new Date(t);
  if (window === 'HOUR') {
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
  }
  if (window === 'DAY') {
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextWindow(start: number, window: ConsoleWindow): number {
  const d = new Date(start);
  if (window === 'HOUR') {
    return start + 3_600_000;
  }
  if (window === 'DAY') {
    return start + 86_400_000;
  }
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
