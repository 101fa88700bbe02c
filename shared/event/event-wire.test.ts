import { describe, expect, it } from 'vitest';
import { issuesFromZod } from '../errors/zod-issues';
import { eventSchema, ingestEventRequest } from './event-wire';

const good = {
  id: 'evt-1',
  schemaName: 'payment',
  timestamp: '2026-02-01T10:00:00Z',
  accountId: 'acme',
  attributes: [{ name: 'transaction_amount', value: '12.5' }],
  dimensions: { payment_mode: 'card' },
};

/** The dotted paths of every issue, as a client sees them in problem+json. */
function paths(input: unknown): string[] {
  const result = ingestEventRequest.safeParse({ event: input });
  return result.success ? [] : issuesFromZod(result.error).map((i) => i.path);
}

describe('eventSchema (the wire shape of an event)', () => {
  it('accepts a Togai event and defaults attributes and dimensions', () => {
    expect(eventSchema.parse(good)).toEqual(good);
    const { attributes: _a, dimensions: _d, id: _i, ...bare } = good;
    expect(eventSchema.parse(bare)).toEqual({ ...bare, attributes: [], dimensions: {} });
  });

  it.each([
    ['a string', '12.5', '12.5'],
    ['a long exact string', '12345678901234567890.123456789', '12345678901234567890.123456789'],
    ['a negative string', '-3', '-3'],
    ['a JSON number', 12.5, '12.5'],
    ['an integer number', 3, '3'],
    // A number is written out in plain notation: "1e-7" would later fail as not a decimal.
    ['a tiny JSON number', 1e-7, '0.0000001'],
    ['a huge JSON number', 1e21, '1000000000000000000000'],
  ])('keeps attribute value given as %s as a decimal string', (_, value, expected) => {
    const parsed = eventSchema.parse({ ...good, attributes: [{ name: 'transaction_amount', value }] });
    expect(parsed.attributes[0]!.value).toBe(expected);
  });

  it.each([
    ['attribute value "1e5"', { attributes: [{ name: 'amount', value: '1e5' }] }, 'event.attributes.0.value'],
    ['attribute value "+1"', { attributes: [{ name: 'amount', value: '+1' }] }, 'event.attributes.0.value'],
    ['attribute value "abc"', { attributes: [{ name: 'amount', value: 'abc' }] }, 'event.attributes.0.value'],
    ['attribute value ".5"', { attributes: [{ name: 'amount', value: '.5' }] }, 'event.attributes.0.value'],
    ['attribute value true', { attributes: [{ name: 'amount', value: true }] }, 'event.attributes.0.value'],
    // Postgres' NUMERIC stops at 16 383 fractional digits: such an event could never be metered.
    [
      'attribute value with 513 fractional digits',
      { attributes: [{ name: 'amount', value: `0.${'1'.repeat(513)}` }] },
      'event.attributes.0.value',
    ],
    // Postgres text and jsonb cannot hold U+0000.
    ['a NUL in a dimension value', { dimensions: { colour: 'red\u0000' } }, 'event.dimensions.colour'],
    ['a NUL in the accountId', { accountId: 'ac\u0000me' }, 'event.accountId'],
    ['a NUL in the id', { id: '\u0000' }, 'event.id'],
    ['a NUL in a unit', { attributes: [{ name: 'amount', value: '1', unit: 'k\u0000g' }] }, 'event.attributes.0.unit'],
    [
      'an unknown key in an attribute',
      { attributes: [{ name: 'amount', value: '1', currency: 'EUR' }] },
      'event.attributes.0',
    ],
    ['an attribute name with a dot', { attributes: [{ name: 'a.b', value: '1' }] }, 'event.attributes.0.name'],
    ['an empty unit', { attributes: [{ name: 'amount', value: '1', unit: '' }] }, 'event.attributes.0.unit'],
    [
      '11 attributes',
      { attributes: Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, value: '1' })) },
      'event.attributes',
    ],
    ['an empty dimension value', { dimensions: { colour: '' } }, 'event.dimensions.colour'],
    ['a dimension value of 201 characters', { dimensions: { colour: 'x'.repeat(201) } }, 'event.dimensions.colour'],
    ['a dimension value that is a number', { dimensions: { colour: 5 } }, 'event.dimensions.colour'],
    ['an id of 513 characters', { id: 'x'.repeat(513) }, 'event.id'],
    ['an empty id', { id: '' }, 'event.id'],
    ['an accountId of 513 characters', { accountId: 'x'.repeat(513) }, 'event.accountId'],
    ['a missing accountId', { accountId: undefined }, 'event.accountId'],
    ['a missing schemaName', { schemaName: undefined }, 'event.schemaName'],
    ['a date without a time', { timestamp: '2026-02-01' }, 'event.timestamp'],
    ['an epoch number as timestamp', { timestamp: 1769940000 }, 'event.timestamp'],
    ['an unknown top-level key', { customer: 'acme' }, 'event'],
  ])('refuses %s at %s', (_, change, path) => {
    expect(paths({ ...good, ...change })).toEqual([path]);
  });

  it('accepts the limits themselves', () => {
    const atLimits = {
      ...good,
      id: 'x'.repeat(512),
      accountId: 'y'.repeat(512),
      attributes: Array.from({ length: 10 }, (_, i) => ({
        name: `a${i}`,
        value: `${'9'.repeat(512)}.${'1'.repeat(512)}`,
      })),
      dimensions: { colour: 'z'.repeat(200), size: 'S' },
    };
    expect(paths(atLimits)).toEqual([]);
  });

  it('names every bad field at once', () => {
    expect(paths({ ...good, accountId: '', dimensions: { colour: '' } }).sort()).toEqual([
      'event.accountId',
      'event.dimensions.colour',
    ]);
  });

  it('refuses an unknown key beside event', () => {
    const result = ingestEventRequest.safeParse({ event: good, extra: 1 });
    expect(result.success).toBe(false);
    expect(result.success || issuesFromZod(result.error).map((i) => i.path)).toEqual(['(body)']);
  });
});

describe('hostile dimension keys', () => {
  it('refuses a "__proto__" dimension instead of dropping it', () => {
    const parsed = eventSchema.safeParse(
      JSON.parse(
        '{"schemaName":"s","timestamp":"2026-01-01T00:00:00Z","accountId":"a","dimensions":{"__proto__":"x"}}',
      ),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['dimensions.__proto__']);
  });
});

describe('eventSchema timestamps', () => {
  it("reads a timestamp without a zone as UTC, as Togai's Python example sends datetime.utcnow()", () => {
    const parsed = eventSchema.parse({ ...good, timestamp: '2026-02-01T10:00:00.123456' });
    expect(parsed.timestamp).toBe('2026-02-01T10:00:00.123456Z');
    expect(new Date(parsed.timestamp).toISOString()).toBe('2026-02-01T10:00:00.123Z');
  });
});
