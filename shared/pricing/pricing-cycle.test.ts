import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pricingCycleSchema } from './price-plan';
import { cycleContaining } from './pricing-cycle';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const at = (s: string) => Date.parse(s);
const cycle = (input: unknown) => pricingCycleSchema.parse(input);

describe('cycleContaining', () => {
  it('gives calendar months by default', () => {
    const c = cycleContaining(cycle({ interval: 'MONTHLY' }), 0, at('2026-02-14T10:00:00Z'));
    expect([iso(c.start), iso(c.end)]).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('starts exactly at 00:00 UTC of the start day: the instant before belongs to the cycle before', () => {
    const config = cycle({ interval: 'MONTHLY' });
    expect(iso(cycleContaining(config, 0, at('2026-03-01T00:00:00Z')).start)).toBe('2026-03-01');
    expect(iso(cycleContaining(config, 0, at('2026-02-28T23:59:59.999Z')).start)).toBe('2026-02-01');
  });

  it('clamps a day a month lacks to its last day, and comes back to the 31st', () => {
    const config = cycle({ interval: 'MONTHLY', startOffset: { dayOffset: 31 } });
    const feb = cycleContaining(config, 0, at('2026-03-10T00:00:00Z'));
    expect([iso(feb.start), iso(feb.end)]).toEqual(['2026-02-28', '2026-03-31']);
    const last = cycle({ interval: 'MONTHLY', startOffset: { dayOffset: 'LAST' } });
    expect(iso(cycleContaining(last, 0, at('2028-03-01T00:00:00Z')).start)).toBe('2028-02-29');
  });

  it('counts quarters from monthOffset', () => {
    const config = cycle({ interval: 'QUARTERLY', startOffset: { dayOffset: 15, monthOffset: 2 } });
    const c = cycleContaining(config, 0, at('2026-01-10T00:00:00Z'));
    expect([iso(c.start), iso(c.end)]).toEqual(['2025-11-15', '2026-02-15']);
  });

  it('follows the association date for an anniversary cycle', () => {
    const config = cycle({ interval: 'ANNUALLY', anniversaryCycle: true });
    const c = cycleContaining(config, at('2024-02-29T08:00:00Z'), at('2026-06-01T00:00:00Z'));
    expect([iso(c.start), iso(c.end)]).toEqual(['2026-02-28', '2027-02-28']);
    const monthly = cycle({ interval: 'MONTHLY', anniversaryCycle: true });
    const m = cycleContaining(monthly, at('2026-01-12T15:00:00Z'), at('2026-04-11T23:00:00Z'));
    expect([iso(m.start), iso(m.end)]).toEqual(['2026-03-12', '2026-04-12']);
  });

  it('always contains the instant and tiles time without gaps (property)', () => {
    const configs = fc.record({
      interval: fc.constantFrom('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUALLY'),
      startOffset: fc.record({
        dayOffset: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('LAST' as const)),
        monthOffset: fc.integer({ min: 1, max: 12 }),
      }),
      anniversaryCycle: fc.boolean(),
    });
    const instant = fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') });
    fc.assert(
      fc.property(configs, instant, instant, (raw, anchor, t) => {
        const config = cycle(raw);
        const c = cycleContaining(config, anchor, t);
        expect(c.start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(c.end);
        expect(cycleContaining(config, anchor, c.end).start).toBe(c.end);
        expect(cycleContaining(config, anchor, c.start - 1).end).toBe(c.start);
      }),
      { numRuns: 500 },
    );
  });
});
