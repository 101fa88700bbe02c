import { describe, expect, it } from 'vitest';
import type { EventOutcome } from '../metering/meter-event';
import { pricePlanDefinitionSchema } from './price-plan';
import {
  associationAt,
  firstInstantUnderPlan,
  groupPricedUsage,
  rateCycleUsage,
  type RatingAssociation,
} from './rate-usage';

const at = (s: string) => Date.parse(s);

function plan(rate: string, gracePeriod = 0) {
  return pricePlanDefinitionSchema.parse({
    currency: 'USD',
    pricingCycle: { interval: 'MONTHLY', gracePeriod },
    usageRateCards: [
      { usageMeterId: 'um.calls', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate }] },
      {
        usageMeterId: 'um.bytes',
        pricingModel: 'VOLUME',
        slabs: [
          { startAfter: '0', rate: '1' },
          { startAfter: '10', rate: '0.5' },
        ],
      },
    ],
  });
}

function association(id: string, from: string, until: string | null, rate: string, gracePeriod = 0): RatingAssociation {
  return {
    id,
    accountId: 'acme',
    pricePlanId: 'pp.x',
    pricePlanVersion: 1,
    effectiveFrom: at(from),
    effectiveUntil: until ? at(until) : null,
    definition: plan(rate, gracePeriod),
  };
}

function outcome(
  id: string,
  timestamp: string,
  contributions: EventOutcome['contributions'],
  acceptedAt = timestamp,
): EventOutcome {
  return {
    event: {
      id,
      schemaName: 's',
      schemaVersion: 1,
      timestamp,
      accountId: 'acme',
      attributes: {},
      units: {},
      dimensions: {},
      acceptedAt,
    },
    status: 'METERED',
    contributions,
    detail: {},
  };
}

const calls = { meterId: 'um.calls', value: '7', aggregation: 'COUNT' as const };
const bytes = (value: string) => ({ meterId: 'um.bytes', value, aggregation: 'SUM' as const });

describe('groupPricedUsage', () => {
  it('rates each event under the plan in force at its timestamp: a plan change mid-cycle splits the cycle', () => {
    const associations = [
      association('pa.a', '2026-01-01T00:00:00Z', '2026-03-15T00:00:00Z', '0.10'),
      association('pa.b', '2026-03-15T00:00:00Z', null, '0.05'),
    ];
    const groups = groupPricedUsage(
      [
        outcome('e1', '2026-03-14T23:59:59Z', [calls]),
        outcome('e2', '2026-03-15T00:00:00Z', [calls]),
        outcome('e3', '2026-03-20T00:00:00Z', [calls]),
      ],
      associations,
    );
    expect(
      groups.map((g) => [
        g.associationId,
        new Date(g.cycleStart).toISOString(),
        g.quantity,
        g.usage.map((u) => u.eventId),
      ]),
    ).toEqual([
      ['pa.a', '2026-03-01T00:00:00.000Z', '1', ['e1']],
      ['pa.b', '2026-03-01T00:00:00.000Z', '2', ['e2', 'e3']],
    ]);
  });

  it('counts 1 per event on COUNT meters and the value on SUM meters, and skips unpriced meters and unplanned accounts', () => {
    const groups = groupPricedUsage(
      [
        outcome('e1', '2026-03-02T00:00:00Z', [
          calls,
          bytes('2.5'),
          { meterId: 'um.other', value: '1', aggregation: 'SUM' },
        ]),
        outcome('e0', '2025-12-31T00:00:00Z', [calls]),
      ],
      [association('pa.a', '2026-01-01T00:00:00Z', null, '0.10')],
    );
    expect(groups.map((g) => [g.meterId, g.quantity])).toEqual([
      ['um.calls', '1'],
      ['um.bytes', '2.5'],
    ]);
  });

  it('puts an event that arrives after its cycle closed (end + grace) into the cycle open on arrival', () => {
    const associations = [association('pa.a', '2026-01-01T00:00:00Z', null, '0.10', 2)];
    const inGrace = outcome('late-ok', '2026-02-28T12:00:00Z', [calls], '2026-03-02T23:00:00Z');
    const tooLate = outcome('too-late', '2026-02-28T12:00:00Z', [calls], '2026-03-03T00:00:00Z');
    const groups = groupPricedUsage([inGrace, tooLate], associations);
    expect(
      groups.map((g) => [new Date(g.cycleStart).toISOString().slice(0, 10), g.usage.map((u) => u.eventId)]),
    ).toEqual([
      ['2026-02-01', ['late-ok']],
      ['2026-03-01', ['too-late']],
    ]);
  });

  it.each([
    ['a year end, within a day of grace', '2026-12-31T23:59:59.999Z', '2027-01-01T23:59:59Z', 1, '2026-12-01'],
    ['a year end, past a day of grace', '2026-12-31T23:59:59.999Z', '2027-01-02T00:00:00Z', 1, '2027-01-01'],
    ['the first instant of a year', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 0, '2027-01-01'],
    ['a leap day arriving on 1 March, no grace', '2028-02-29T12:00:00Z', '2028-03-01T00:00:01Z', 0, '2028-03-01'],
    [
      'a leap day arriving on 2 March, two days of grace',
      '2028-02-29T12:00:00Z',
      '2028-03-02T23:00:00Z',
      2,
      '2028-02-01',
    ],
  ])('rates an event at %s in the right cycle', (_, timestamp, acceptedAt, grace, cycleStart) => {
    const [group] = groupPricedUsage(
      [outcome('e', timestamp, [calls], acceptedAt)],
      [association('pa.a', '2026-01-01T00:00:00Z', null, '0.10', grace)],
    );
    expect(new Date(group!.cycleStart).toISOString().slice(0, 10)).toBe(cycleStart);
  });

  it("keeps a late event in its plan's last cycle when the plan ended before it arrived", () => {
    const associations = [
      association('pa.a', '2026-01-01T00:00:00Z', '2026-03-10T00:00:00Z', '0.10'),
      association('pa.b', '2026-03-10T00:00:00Z', null, '0.20'),
    ];
    const [group] = groupPricedUsage(
      [outcome('late', '2026-02-27T00:00:00Z', [calls], '2026-04-02T00:00:00Z')],
      associations,
    );
    expect([group!.associationId, new Date(group!.cycleStart).toISOString().slice(0, 10)]).toEqual([
      'pa.a',
      '2026-03-01',
    ]);
  });
});

describe('rateCycleUsage', () => {
  it('gives each event the change it causes, in timestamp order, from the usage already there', () => {
    const [group] = groupPricedUsage(
      [outcome('b', '2026-03-03T00:00:00Z', [bytes('4')]), outcome('a', '2026-03-02T00:00:00Z', [bytes('4')])],
      [association('pa.a', '2026-01-01T00:00:00Z', null, '0.10')],
    );
    // 8 units were there (price 8); a: 8 → 12 crosses the volume break (12 × 0.5 = 6): −2; b: 12 → 16: +2.
    expect(rateCycleUsage(group!, '8').map((r) => [r.eventId, r.revenue.toFixed()])).toEqual([
      ['a', '-2'],
      ['b', '2'],
    ]);
  });
});

describe('associationAt', () => {
  it('is half-open: an association ends where the next begins', () => {
    const list = [
      association('pa.a', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', '1'),
      association('pa.b', '2026-02-01T00:00:00Z', null, '1'),
    ];
    expect(associationAt(list, 'acme', at('2026-01-31T23:59:59.999Z'))?.id).toBe('pa.a');
    expect(associationAt(list, 'acme', at('2026-02-01T00:00:00Z'))?.id).toBe('pa.b');
    expect(associationAt(list, 'other', at('2026-02-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('firstInstantUnderPlan', () => {
  const july = [at('2026-07-01T00:00:00Z'), at('2026-08-01T00:00:00Z')] as const;

  it('is the start of the range when a plan is in force there, else the first plan that begins inside it', () => {
    expect(firstInstantUnderPlan([association('pa.a', '2026-06-01T00:00:00Z', null, '1')], 'acme', ...july)).toBe(
      july[0],
    );
    const midJuly = [association('pa.a', '2026-07-15T00:00:00Z', null, '1')];
    expect(firstInstantUnderPlan(midJuly, 'acme', ...july)).toBe(at('2026-07-15T00:00:00Z'));
    const gap = [
      association('pa.a', '2026-06-01T00:00:00Z', '2026-06-20T00:00:00Z', '1'),
      association('pa.b', '2026-07-10T00:00:00Z', '2026-07-12T00:00:00Z', '1'),
      association('pa.c', '2026-07-05T00:00:00Z', '2026-07-06T00:00:00Z', '1'),
    ];
    expect(firstInstantUnderPlan(gap, 'acme', ...july)).toBe(at('2026-07-05T00:00:00Z'));
  });

  it('is undefined when no plan of the account is in force in the range: ended at its start, begun at its end, or another account’s', () => {
    const outside = [
      association('pa.a', '2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z', '1'),
      association('pa.b', '2026-08-01T00:00:00Z', null, '1'),
    ];
    expect(firstInstantUnderPlan(outside, 'acme', ...july)).toBeUndefined();
    expect(
      firstInstantUnderPlan([association('pa.a', '2026-06-01T00:00:00Z', null, '1')], 'other', ...july),
    ).toBeUndefined();
  });
});
