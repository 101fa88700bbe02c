import { describe, expect, it } from 'vitest';
import type { EventSchema } from '../event-schema/event-schema';
import { eventSchema, type WireEvent } from './event-wire';
import { defaultEventLimits, validateEvent } from './validate-event';

const now = new Date('2026-02-01T12:00:00.000Z');
const minute = 60_000;
const day = 24 * 60 * minute;

const schema: EventSchema = {
  name: 'payment',
  version: 3,
  status: 'ACTIVE',
  attributes: [{ name: 'transaction_amount', defaultUnit: 'USD' }, { name: 'fee' }],
  dimensions: [{ name: 'payment_mode' }, { name: 'country' }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** Builds a wire event the way the edge does: through the zod wire schema. */
function wire(over: Record<string, unknown> = {}): WireEvent {
  return eventSchema.parse({
    schemaName: 'payment',
    timestamp: '2026-02-01T11:59:00Z',
    accountId: 'acme',
    attributes: [{ name: 'transaction_amount', value: '12.5' }],
    dimensions: { payment_mode: 'card' },
    ...over,
  });
}

const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

describe('validateEvent', () => {
  it('accepts an event of its schema, normalising it', () => {
    const result = validateEvent(
      wire({
        id: 'evt-1',
        timestamp: '2026-02-01T17:29:30.250+05:30',
        attributes: [
          { name: 'transaction_amount', value: 12.5 },
          { name: 'fee', value: '0.30', unit: 'EUR' },
        ],
      }),
      schema,
      now,
    );
    expect(result).toEqual({
      ok: true,
      event: {
        id: 'evt-1',
        schemaName: 'payment',
        schemaVersion: 3,
        timestamp: '2026-02-01T11:59:30.250Z',
        accountId: 'acme',
        attributes: { transaction_amount: '12.5', fee: '0.30' },
        units: { transaction_amount: 'USD', fee: 'EUR' },
        dimensions: { payment_mode: 'card' },
      },
    });
  });

  it('leaves the id out when the client gave none, and allows absent attributes', () => {
    const result = validateEvent(wire({ attributes: [], dimensions: {} }), schema, now);
    expect(result).toEqual({ ok: true, event: expect.not.objectContaining({ id: expect.anything() }) });
    expect(result).toMatchObject({ ok: true, event: { attributes: {}, units: {}, dimensions: {} } });
  });

  it('applies the unit given over the default unit', () => {
    const result = validateEvent(
      wire({ attributes: [{ name: 'transaction_amount', value: '1', unit: 'INR' }] }),
      schema,
      now,
    );
    expect(result).toMatchObject({ ok: true, event: { units: { transaction_amount: 'INR' } } });
  });

  it.each([
    [
      'an unknown attribute',
      { attributes: [{ name: 'tip', value: '1' }] },
      'event.attributes.0.name',
      /no attribute 'tip'/,
    ],
    [
      'a repeated attribute',
      {
        attributes: [
          { name: 'fee', value: '1' },
          { name: 'fee', value: '2' },
        ],
      },
      'event.attributes.1.name',
      /more than once/,
    ],
    ['an unknown dimension', { dimensions: { colour: 'red' } }, 'event.dimensions.colour', /no dimension 'colour'/],
    ['a timestamp 5 minutes and 1 ms ahead', { timestamp: at(5 * minute + 1) }, 'event.timestamp', /in the future/],
    ['a timestamp a day ahead', { timestamp: at(day) }, 'event.timestamp', /in the future/],
    ['a timestamp 45 days and 1 ms old', { timestamp: at(-45 * day - 1) }, 'event.timestamp', /45-day grace window/],
    ['a timestamp a year old', { timestamp: '2025-01-01T00:00:00Z' }, 'event.timestamp', /45-day grace window/],
  ])('refuses %s at %s', (_, over, path, message) => {
    expect(validateEvent(wire(over), schema, now)).toEqual({
      ok: false,
      issues: [{ path, message: expect.stringMatching(message) }],
    });
  });

  it.each([
    ['exactly 5 minutes ahead', at(5 * minute)],
    ['exactly 45 days old', at(-45 * day)],
    ['now', at(0)],
  ])('accepts a timestamp %s', (_, timestamp) => {
    expect(validateEvent(wire({ timestamp }), schema, now).ok).toBe(true);
  });

  it.each([
    ['across a year end', '2027-01-01T00:10:00Z', '2026-11-17T00:10:00Z', '2026-11-17T00:09:59.999Z'],
    ['across a leap day', '2028-03-01T00:00:00Z', '2028-01-16T00:00:00Z', '2028-01-15T23:59:59.999Z'],
  ])('keeps the 45-day window exact %s', (_, clock, oldest, tooOld) => {
    const check = (timestamp: string) => validateEvent(wire({ timestamp }), schema, new Date(clock)).ok;
    expect([check(oldest), check(tooOld)]).toEqual([true, false]);
  });

  it('honours other limits and names them', () => {
    const limits = { graceMs: 2 * day, futureMs: 0 };
    expect(validateEvent(wire({ timestamp: at(-3 * day) }), schema, now, limits)).toEqual({
      ok: false,
      issues: [{ path: 'event.timestamp', message: 'is older than the 2-day grace window' }],
    });
    expect(validateEvent(wire({ timestamp: at(1) }), schema, now, limits).ok).toBe(false);
    expect(defaultEventLimits).toEqual({ graceMs: 45 * day, futureMs: 5 * minute });
  });

  it('reports every issue, under the path it is given', () => {
    const event = wire({
      attributes: [{ name: 'tip', value: '1' }],
      dimensions: { colour: 'red' },
      timestamp: at(day),
    });
    expect(validateEvent(event, schema, now, defaultEventLimits, 'events.7')).toEqual({
      ok: false,
      issues: [
        { path: 'events.7.attributes.0.name', message: expect.any(String) },
        { path: 'events.7.dimensions.colour', message: expect.any(String) },
        { path: 'events.7.timestamp', message: expect.any(String) },
      ],
    });
  });

  // Field names are free text; one that is also a property of every JS object is still a field.
  it.each(['constructor', 'toString', 'hasOwnProperty'])('accepts an attribute named %s once', (name) => {
    const withName: EventSchema = { ...schema, attributes: [{ name }] };
    const result = validateEvent(wire({ attributes: [{ name, value: '2' }] }), withName, now);
    expect(result).toMatchObject({ ok: true, event: { attributes: { [name]: '2' } } });
  });
});
