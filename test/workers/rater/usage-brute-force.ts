import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { compareCodePoints } from '../../../shared/meter/rollup';
import type { Aggregation } from '../../../shared/meter/usage-meter';

/**
 * The usage answer computed the slow, obvious way, straight from the raw events: the reference
 * the rater's rollups are checked against. Deliberately shares nothing with the rater but the
 * decimal type and the code-point order ties are broken by.
 */
export type Window = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export interface BruteQuery {
  from: string;
  to: string;
  accountId?: string | undefined;
  window: Window;
  timeZone: string;
  groupBy?: string[];
  /** dimension → accepted values */
  filters?: Map<string, string[]>;
}

/** What each meter reads from an event: `bytes` for the numeric ones, the user for UNIQUE_COUNT. */
function reading(event: AcceptedEvent, aggregation: Aggregation): string {
  return aggregation === 'UNIQUE_COUNT' ? event.dimensions.user! : event.attributes.bytes!;
}

export function bruteForceUsage(events: AcceptedEvent[], aggregation: Aggregation, query: BruteQuery) {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const inRange = events.filter((e) => {
    const minute = Math.floor(Date.parse(e.timestamp) / 60_000) * 60_000;
    const filtered = [...(query.filters ?? [])].every(([key, values]) => values.includes(e.dimensions[key]!));
    return (
      minute >= from && minute < to && (query.accountId === undefined || e.accountId === query.accountId) && filtered
    );
  });
  const groups = new Map<string, AcceptedEvent[]>();
  for (const event of inRange) {
    const key = JSON.stringify(Object.fromEntries((query.groupBy ?? []).map((k) => [k, event.dimensions[k] ?? null])));
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return {
    ...summarise(inRange, aggregation, query),
    groups: new Map([...groups].map(([key, group]) => [key, summarise(group, aggregation, query)])),
  };
}

function summarise(events: AcceptedEvent[], aggregation: Aggregation, query: BruteQuery) {
  const windows = new Map<string, AcceptedEvent[]>();
  for (const event of events) {
    const start = windowStart(Date.parse(event.timestamp), query.window, query.timeZone);
    windows.set(start, [...(windows.get(start) ?? []), event]);
  }
  return {
    value: aggregate(events, aggregation),
    data: new Map([...windows].map(([start, group]) => [start, aggregate(group, aggregation)])),
  };
}

function aggregate(events: AcceptedEvent[], aggregation: Aggregation): string | null {
  const values = events.map((e) => reading(e, aggregation));
  switch (aggregation) {
    case 'COUNT':
      return String(events.length);
    case 'SUM':
      return values.reduce((sum, v) => sum.plus(v), new Decimal(0)).toFixed();
    case 'MAX':
      return values.length ? Decimal.max(...values).toFixed() : null;
    case 'MIN':
      return values.length ? Decimal.min(...values).toFixed() : null;
    case 'UNIQUE_COUNT':
      return String(new Set(values).size);
    case 'LATEST': {
      const latest = [...events].sort(
        (a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || compareCodePoints(b.id, a.id),
      )[0];
      return latest ? new Decimal(latest.attributes.bytes!).toFixed() : null;
    }
  }
}

/** Start of the zone's calendar window holding `instant`, as an ISO instant. */
export function windowStart(instant: number, window: Window, timeZone: string): string {
  const local = new Date(instant + offsetMs(instant, timeZone));
  local.setUTCMinutes(0, 0, 0);
  if (window !== 'HOUR') {
    local.setUTCHours(0);
  }
  if (window === 'WEEK') {
    local.setUTCDate(local.getUTCDate() - ((local.getUTCDay() + 6) % 7)); // Monday
  }
  if (window === 'MONTH') {
    local.setUTCDate(1);
  }
  // Back to an instant: the offset in force at the window's start, found by iterating (DST).
  let utc = local.getTime() - offsetMs(instant, timeZone);
  utc = local.getTime() - offsetMs(utc, timeZone);
  return new Date(utc).toISOString();
}

/** How far the zone's wall clock is ahead of UTC at `instant` (an ISO offset such as +05:30, or IANA). */
function offsetMs(instant: number, timeZone: string): number {
  const iso = /^([+-])(\d{2}):(\d{2})$/.exec(timeZone);
  if (iso) {
    return (iso[1] === '+' ? 1 : -1) * (Number(iso[2]) * 60 + Number(iso[3])) * 60_000;
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
