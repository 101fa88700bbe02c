import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchema } from './event-wire';
import { parseWireEvent } from './parse-wire-event';

const good = {
  id: 'evt-1',
  schemaName: 'payment',
  timestamp: '2026-02-01T10:00:00.000Z',
  accountId: 'acme',
  attributes: [{ name: 'transaction_amount', value: '12.5', unit: 'USD' }],
  dimensions: { payment_mode: 'card', '': 'empty key', constructor: 'x' },
};

/** The fast path may only agree with zod: same verdict, same value, zod's own issues. */
function expectSameAsZod(raw: unknown): boolean {
  const zod = eventSchema.safeParse(raw);
  const ours = parseWireEvent(raw);
  expect(ours.success).toBe(zod.success);
  if (zod.success && ours.success) {
    expect(ours.data).toEqual(zod.data);
  }
  if (!zod.success && !ours.success) {
    expect(ours.error.issues).toEqual(zod.error.issues);
  }
  return zod.success;
}

describe('parseWireEvent (eventSchema.safeParse with a fast path)', () => {
  it.each<[string, unknown]>([
    ['a plain event', good],
    ['no id, attributes or dimensions', { schemaName: 'a', timestamp: '2026-02-01T10:00:00.000Z', accountId: 'x' }],
    ['a JSON number as value (zod turns it into text)', { ...good, attributes: [{ name: 'a', value: 12.5 }] }],
    ['a timestamp without zone', { ...good, timestamp: '2026-02-01T10:00:00' }],
    ['a timestamp with offset', { ...good, timestamp: '2026-02-01T10:00:00+05:30' }],
    ['an impossible date', { ...good, timestamp: '2026-02-30T10:00:00.000Z' }],
    ['hour 24', { ...good, timestamp: '2026-02-01T24:00:00.000Z' }],
    ['an unknown key', { ...good, extra: 1 }],
    ['a null id', { ...good, id: null }],
    ['an empty id', { ...good, id: '' }],
    ['an id of 513 characters', { ...good, id: 'x'.repeat(513) }],
    ['an id with NUL', { ...good, id: 'a\u0000b' }],
    ['a lone surrogate in the account', { ...good, accountId: '\ud800' }],
    ['a bad schema name', { ...good, schemaName: ' lead' }],
    ['__proto__ as schema name', { ...good, schemaName: '__proto__' }],
    [
      'eleven attributes',
      { ...good, attributes: Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, value: '1' })) },
    ],
    ['a decimal with exponent', { ...good, attributes: [{ name: 'a', value: '1e3' }] }],
    ['an empty unit', { ...good, attributes: [{ name: 'a', value: '1', unit: '' }] }],
    ['an attribute key too many', { ...good, attributes: [{ name: 'a', value: '1', x: 1 }] }],
    ['dimensions as an array', { ...good, dimensions: ['a'] }],
    ['an empty dimension value', { ...good, dimensions: { a: '' } }],
    ['a numeric dimension value', { ...good, dimensions: { a: 1 } }],
    [
      '__proto__ as dimension',
      JSON.parse(
        '{"schemaName":"a","timestamp":"2026-02-01T10:00:00.000Z","accountId":"x","dimensions":{"__proto__":"v"}}',
      ),
    ],
    ['not an object', 'event'],
    ['an array', [good]],
  ])('agrees with zod on %s', (_, raw) => void expectSameAsZod(raw));

  it('agrees with zod on arbitrary events', () => {
    const text = fc.oneof(
      fc.constantFrom('a', 'payment_mode', 'b-2'),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('', 'a', 'x'.repeat(201), 'a\u0000', '\udc00', 'payment mode'),
    );
    const value = fc.oneof(
      fc.constantFrom('1', '-0.5', '42', '12.', '.5', '1e3', '007'),
      fc.integer(),
      fc.double(),
      fc.constant(null),
    );
    const timestamp = fc.oneof(
      fc
        .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(
        '2026-02-29T00:00:00.000Z',
        '2024-02-29T00:00:00.000Z',
        '2026-01-01T00:00:60.000Z',
        '2026-1-01T00:00:00.000Z',
      ),
    );
    const event = fc.record(
      {
        id: text,
        schemaName: text,
        timestamp,
        accountId: text,
        attributes: fc.array(fc.record({ name: text, value, unit: text }, { requiredKeys: ['name', 'value'] }), {
          maxLength: 3,
        }),
        dimensions: fc.dictionary(text, fc.oneof(text, fc.integer()), { maxKeys: 3 }),
      },
      { requiredKeys: ['schemaName', 'timestamp', 'accountId'] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(event, (raw) => void (accepted += expectSameAsZod(raw) ? 1 : 0)),
      { numRuns: 1000, seed: 15 },
    );
    expect(accepted).toBeGreaterThan(20); // both verdicts are exercised (a fixed seed: not flaky)
  });
});
