import { describe, expect, it } from 'vitest';
import { pricingCycleSchema } from '../../shared/pricing/price-plan';
import { cycleContaining } from '../../shared/pricing/pricing-cycle';
import { openMonthlyCycle } from './open-cycle';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The e2e revenue suite rates its worked examples in openMonthlyCycle(): it must give, on every
 * hour of the calendar, a cycle that starts where it says, holds the suite's events (up to 36 h
 * after the start, all in the past) and stays open for the rest of the run.
 */
describe('openMonthlyCycle', () => {
  const hours: number[] = [];
  for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2029-01-01T00:00:00Z'); t += HOUR) {
    hours.push(t);
  }

  it('is a cycle open now that began three days ago, at every hour of 2026-2028 (leap day and year ends included)', () => {
    for (const now of hours) {
      const { start, pricingCycle } = openMonthlyCycle(now);
      const config = pricingCycleSchema.parse(pricingCycle);
      const cycle = cycleContaining(config, start - DAY, start + 36 * HOUR);
      expect(cycle.start).toBe(start);
      expect(start + 36 * HOUR).toBeLessThan(now);
      expect(cycle.end - now).toBeGreaterThan(20 * DAY);
    }
  }, 60_000); // 26 000 hours checked: seconds on a loaded machine

  it.each([
    '2026-12-01T00:00:30Z',
    '2026-12-02T23:59:59Z',
    '2026-12-31T23:59:59Z',
    '2027-01-01T00:00:00Z',
    '2028-02-29T12:00:00Z',
    '2028-03-01T01:00:00Z',
  ])('on %s starts on the day three days before', (now) => {
    const { start } = openMonthlyCycle(Date.parse(now));
    expect(new Date(start).toISOString().slice(0, 10)).toBe(
      new Date(Date.parse(now.slice(0, 10)) - 3 * DAY).toISOString().slice(0, 10),
    );
  });
});
