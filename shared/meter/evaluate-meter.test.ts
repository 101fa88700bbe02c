import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import type { AcceptedEvent } from '../event/accepted-event';
import { evaluateMeter } from './evaluate-meter';
import type { Computation, UsageMeter } from './usage-meter';

type Meter = Parameters<typeof evaluateMeter>[0];

function paymentEvent(
  attributes: Record<string, string>,
  dimensions: Record<string, string> = {},
  id = 'evt',
): AcceptedEvent {
  return {
    id,
    schemaName: 'payment',
    schemaVersion: 1,
    timestamp: '2026-02-01T10:00:00.000Z',
    accountId: 'acme',
    attributes,
    units: {},
    dimensions,
    acceptedAt: '2026-02-01T10:00:01.000Z',
  };
}

function meter(
  aggregation: UsageMeter['aggregation'],
  computations: Computation[] = [],
  filters: Meter['filters'] = [],
): Meter {
  return { eventSchemaName: 'payment', aggregation, filters, computations };
}

const amount: Computation = { computation: '{"var":"attributes.transaction_amount"}', order: 1 };

describe('evaluateMeter', () => {
  it.each([
    ['COUNT without computations counts every event', meter('COUNT'), { matched: true, value: '1' }],
    [
      'COUNT with a holding matcher counts 1, whatever the computation says',
      meter('COUNT', [{ matcher: '{">":[{"var":"attributes.transaction_amount"},10]}', computation: '5', order: 1 }]),
      { matched: true, value: '1' },
    ],
    [
      'COUNT with no holding matcher does not count',
      meter('COUNT', [{ matcher: '{">":[{"var":"attributes.transaction_amount"},1000]}', computation: '1', order: 1 }]),
      { matched: false, reason: 'no_computation_matched' },
    ],
    ['SUM without computations has nothing to add', meter('SUM'), { matched: false, reason: 'no_computation_matched' }],
    ['SUM with a constant computation', meter('SUM', [{ computation: '3', order: 1 }]), { matched: true, value: '3' }],
    [
      'SUM of a formula, cut back from float noise',
      meter('SUM', [{ computation: '{"+":[{"var":"attributes.fee"},{"var":"attributes.tax"}]}', order: 1 }]),
      { matched: true, value: '0.3' },
    ],
    ['MAX reads the attribute the same way', meter('MAX', [amount]), { matched: true, value: '42.5' }],
    [
      'SUM of an absent attribute',
      meter('SUM', [{ computation: '{"var":"attributes.refund"}', order: 1 }]),
      { matched: false, reason: 'value_not_numeric' },
    ],
    [
      'SUM of a dimension',
      meter('SUM', [{ computation: '{"var":"dimensions.payment_mode"}', order: 1 }]),
      { matched: false, reason: 'value_not_numeric' },
    ],
    [
      'a falsy matcher',
      meter('SUM', [{ matcher: '0', computation: '1', order: 1 }]),
      { matched: false, reason: 'no_computation_matched' },
    ],
    [
      'an empty-array matcher (falsy in JsonLogic)',
      meter('SUM', [{ matcher: '[]', computation: '1', order: 1 }]),
      { matched: false, reason: 'no_computation_matched' },
    ],
  ])('%s', (_, rule, expected) => {
    const event = paymentEvent({ transaction_amount: '42.5', fee: '0.1', tax: '0.2' }, { payment_mode: 'card' });
    expect(evaluateMeter(rule, event)).toEqual(expected);
  });

  it.each([
    ['0.1'],
    ['12345678901234567890.123456789'],
    ['-0.000000000000000000000000001'],
    ['99999999999999999999999999999999999999'],
  ])('SUM reads attribute %s exactly, never through a float', (value) => {
    const event = paymentEvent({ transaction_amount: value });
    expect(evaluateMeter(meter('SUM', [amount]), event)).toEqual({ matched: true, value });
    const arrayForm = { computation: '{"var":["attributes.transaction_amount"]}', order: 1 };
    expect(evaluateMeter(meter('SUM', [arrayForm]), event)).toEqual({ matched: true, value });
  });

  it('an event of another schema never matches', () => {
    const event = { ...paymentEvent({ transaction_amount: '1' }), schemaName: 'refund' };
    expect(evaluateMeter(meter('COUNT'), event)).toEqual({ matched: false, reason: 'other_schema' });
  });

  it.each([
    ['a bare dimension name, equal', [{ field: 'payment_mode', value: 'card' }], true],
    ['a qualified dimension name, equal', [{ field: 'dimensions.payment_mode', value: 'card' }], true],
    ['a bare dimension name, different', [{ field: 'payment_mode', value: 'bank' }], false],
    ['a qualified dimension name, different', [{ field: 'dimensions.payment_mode', value: 'bank' }], false],
    ['a dimension the event lacks', [{ field: 'country', value: 'DE' }], false],
    ['a value differing only in case', [{ field: 'payment_mode', value: 'Card' }], false],
    [
      'two filters, both holding',
      [
        { field: 'payment_mode', value: 'card' },
        { field: 'country', value: 'IN' },
      ],
      true,
    ],
    [
      'two filters, one failing',
      [
        { field: 'payment_mode', value: 'card' },
        { field: 'country', value: 'DE' },
      ],
      false,
    ],
  ])('filter on %s', (_, filters, passes) => {
    const event = paymentEvent({ transaction_amount: '7' }, { payment_mode: 'card', country: 'IN' });
    expect(evaluateMeter(meter('SUM', [amount], filters), event)).toEqual(
      passes ? { matched: true, value: '7' } : { matched: false, reason: 'filtered_out' },
    );
  });

  describe('picks the first computation whose matcher holds, by order rather than array position', () => {
    const computations: Computation[] = [
      { computation: '{"var":"attributes.fallback"}', order: 3 },
      {
        matcher: '{">":[{"var":"attributes.transaction_amount"},100]}',
        computation: '{"var":"attributes.transaction_amount"}',
        order: 1,
      },
      { matcher: '{"==":[{"var":"dimensions.payment_mode"},"card"]}', computation: '2', order: 2 },
    ];
    it.each([
      ['order 1 holds', { transaction_amount: '150', fallback: '9' }, { payment_mode: 'card' }, '150'],
      ['only order 2 holds', { transaction_amount: '50', fallback: '9' }, { payment_mode: 'card' }, '2'],
      [
        'only the matcher-less order 3 holds',
        { transaction_amount: '50', fallback: '9' },
        { payment_mode: 'bank' },
        '9',
      ],
    ])('%s', (_, attributes, dimensions, value) => {
      expect(evaluateMeter(meter('SUM', computations), paymentEvent(attributes, dimensions))).toEqual({
        matched: true,
        value,
      });
    });
  });
});

describe("docs/design.md's Stripe example: 2.9% + 30¢ per successful card charge", () => {
  const card = [{ field: 'payment_mode', value: 'card' }];
  const meters: Record<string, Meter> = {
    card_amount: meter('SUM', [amount], card),
    card_count: meter('COUNT', [], card),
    all_amount: meter('SUM', [amount]),
    all_count: meter('COUNT'),
  };
  const events = [
    paymentEvent({ transaction_amount: '100.50' }, { payment_mode: 'card' }, 'p1'),
    paymentEvent({ transaction_amount: '2000' }, { payment_mode: 'bank_transfer' }, 'p2'),
    paymentEvent({ transaction_amount: '0.30' }, { payment_mode: 'card' }, 'p3'),
    paymentEvent({ transaction_amount: '5' }, {}, 'p4'),
    paymentEvent({}, { payment_mode: 'card' }, 'p5'),
  ];

  function matches(event: AcceptedEvent): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, rule] of Object.entries(meters)) {
      const outcome = evaluateMeter(rule, event);
      if (outcome.matched) {
        out[name] = outcome.value;
      }
    }
    return out;
  }

  it.each([
    ['p1', { card_amount: '100.5', card_count: '1', all_amount: '100.5', all_count: '1' }],
    ['p2', { all_amount: '2000', all_count: '1' }],
    ['p3', { card_amount: '0.3', card_count: '1', all_amount: '0.3', all_count: '1' }],
    ['p4', { all_amount: '5', all_count: '1' }],
    // A card event without an amount is still a charge: it counts, but adds nothing to a SUM.
    ['p5', { card_count: '1', all_count: '1' }],
  ])('event %s matches %j', (id, expected) => {
    expect(matches(events.find((e) => e.id === id)!)).toEqual(expected);
  });

  it('prices the card charges exactly', () => {
    const totals = { amount: new Decimal(0), count: new Decimal(0) };
    for (const event of events) {
      const m = matches(event);
      if (m.card_amount) {
        totals.amount = totals.amount.plus(m.card_amount);
      }
      if (m.card_count) {
        totals.count = totals.count.plus(m.card_count);
      }
    }
    expect(totals.amount.toFixed()).toBe('100.8');
    expect(totals.count.toFixed()).toBe('3');
    expect(totals.amount.times('0.029').plus(totals.count.times('0.30')).toFixed()).toBe('3.8232');
  });
});

describe('evaluateMeter: UNIQUE_COUNT', () => {
  const byCard = meter('UNIQUE_COUNT', [{ computation: '{"var":"dimensions.card_id"}', order: 1 }]);
  const byAmount = meter('UNIQUE_COUNT', [amount]);

  it.each([
    ['a dimension, as text', byCard, paymentEvent({}, { card_id: '007' }), '007'],
    ['an attribute, normalised as a number', byAmount, paymentEvent({ transaction_amount: '1.50' }), '1.5'],
    [
      'a formula giving a number',
      meter('UNIQUE_COUNT', [{ computation: '{"*":[{"var":"attributes.n"},2]}', order: 1 }]),
      paymentEvent({ n: '2' }),
      '4',
    ],
  ])('counts %s', (_, rule, event, value) => {
    expect(evaluateMeter(rule, event)).toEqual({ matched: true, value });
  });

  it.each([
    ['the dimension is absent', byCard, paymentEvent({})],
    ['the dimension is empty', meter('UNIQUE_COUNT', [{ computation: '""', order: 1 }]), paymentEvent({})],
    [
      'the formula gives an object',
      meter('UNIQUE_COUNT', [{ computation: '{"merge":[[1]]}', order: 1 }]),
      paymentEvent({}),
    ],
  ])('does not count an event when %s', (_, rule, event) => {
    expect(evaluateMeter(rule, event)).toEqual({ matched: false, reason: 'value_missing' });
  });
});
