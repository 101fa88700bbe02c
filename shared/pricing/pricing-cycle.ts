import { intervalMonths, type PricingCycle } from './price-plan';

/** A billing cycle: [start, end) in milliseconds, UTC. */
export interface Cycle {
  start: number;
  end: number;
}

/**
 * The cycle of `config` that contains `at`. Cycles start at 00:00 UTC on the plan's day
 * (`dayOffset`, or the last day of the month; a day a month lacks becomes its last day) of every
 * `interval` months counted from `monthOffset` — or, for an anniversary cycle, from the day and
 * month of `anchor` (the account's association). Each start is computed from the anchor, never
 * from the previous cycle, so a cycle on the 31st comes back to the 31st after February.
 */
export function cycleContaining(config: PricingCycle, anchor: number, at: number): Cycle {
  const months = intervalMonths[config.interval];
  const anchorDate = new Date(anchor);
  const day = config.anniversaryCycle ? anchorDay(anchorDate) : config.startOffset.dayOffset;
  const firstMonth = config.anniversaryCycle ? anchorDate.getUTCMonth() : config.startOffset.monthOffset - 1;

  const atDate = new Date(at);
  const atIndex = atDate.getUTCFullYear() * 12 + atDate.getUTCMonth();
  // The latest month at or before `at`'s that is a cycle month: a cycle starts in it.
  let index = atIndex - mod(atIndex - firstMonth, months);
  let start = startIn(index, day);
  if (start > at) {
    index -= months;
    start = startIn(index, day);
  }
  return { start, end: startIn(index + months, day) };
}

function anchorDay(date: Date): number | 'LAST' {
  const day = date.getUTCDate();
  const endOfFebruary = date.getUTCMonth() === 1 && day === daysIn(date.getUTCFullYear(), 1);
  return day === 31 || endOfFebruary ? 'LAST' : day;
}

function startIn(monthIndex: number, day: number | 'LAST'): number {
  const year = Math.floor(monthIndex / 12);
  const month = mod(monthIndex, 12);
  const last = daysIn(year, month);
  return Date.UTC(year, month, day === 'LAST' ? last : Math.min(day, last));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
