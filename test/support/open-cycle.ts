const DAY = 86_400_000;

/**
 * A monthly billing cycle that is open now and already three days old, on any day of the year:
 * it starts at 00:00 UTC three days ago (the plan's `dayOffset` is that day), so events of its
 * first 36 hours are in the past yet still rated in it. A cycle on the 1st would not do: on the
 * 1st or 2nd of a month it has barely begun, and the previous one is already closed.
 */
export function openMonthlyCycle(now = Date.now()) {
  const start = Math.floor(now / DAY) * DAY - 3 * DAY;
  const dayOffset = new Date(start).getUTCDate();
  return { start, pricingCycle: { interval: 'MONTHLY', startOffset: { dayOffset, monthOffset: 1 } } };
}
