import { describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '../event/accepted-event';
import type { EnrichmentField } from '../event-schema/event-schema';
import { enrichEvent } from './enrich-event';

const event: AcceptedEvent = {
  id: 'e1',
  schemaName: 'storage',
  schemaVersion: 1,
  timestamp: '2026-01-01T00:00:00.000Z',
  accountId: 'acme',
  attributes: { read_rate: '0.1', write_rate: '0.2' },
  units: {},
  dimensions: { region: 'eu' },
  acceptedAt: '2026-01-01T00:00:01.000Z',
};

function field(
  name: string,
  type: EnrichmentField['type'],
  value: string,
  order = 1,
  enrichmentType: EnrichmentField['enrichmentType'] = 'JSON_LOGIC',
): EnrichmentField {
  return { name, type, enrichmentType, value, order };
}

describe('enrichEvent', () => {
  it('computes fields in order, each seeing the ones before it', () => {
    const result = enrichEvent(event, [
      {
        name: 'doubled',
        type: 'ATTRIBUTE',
        enrichmentType: 'JSON_LOGIC',
        value: '{"*":[{"var":"attributes.throughput"},2]}',
        order: 2,
      },
      {
        name: 'throughput',
        type: 'ATTRIBUTE',
        enrichmentType: 'JSON_LOGIC',
        value: '{"+":[{"var":"attributes.read_rate"},{"var":"attributes.write_rate"}]}',
        order: 1,
      },
    ]);
    expect(result).toMatchObject({ ok: true, event: { attributes: { throughput: '0.3', doubled: '0.6' } } });
  });

  it('returns the event unchanged when the schema has no enrichments', () => {
    expect(enrichEvent(event)).toEqual({ ok: true, event });
    expect(enrichEvent(event, [])).toEqual({ ok: true, event });
  });

  it.each([
    ['an ATTRIBUTE constant', field('weight', 'ATTRIBUTE', '2.50', 1, 'VALUE'), { attributes: { weight: '2.5' } }],
    ['a negative ATTRIBUTE constant', field('credit', 'ATTRIBUTE', '-1', 1, 'VALUE'), { attributes: { credit: '-1' } }],
    ['a DIMENSION constant', field('tier', 'DIMENSION', 'gold', 1, 'VALUE'), { dimensions: { tier: 'gold' } }],
    [
      'a DIMENSION constant that looks like JSON, kept as text',
      field('tag', 'DIMENSION', '{"a":1}', 1, 'VALUE'),
      { dimensions: { tag: '{"a":1}' } },
    ],
    [
      'a DIMENSION from a formula',
      field('tier', 'DIMENSION', '{"if":[{">":[{"var":"attributes.write_rate"},0.15]},"hot","cold"]}'),
      { dimensions: { region: 'eu', tier: 'hot' } },
    ],
    [
      'a DIMENSION from a number, as text',
      field('bucket', 'DIMENSION', '{"*":[{"var":"attributes.write_rate"},10]}'),
      { dimensions: { bucket: '2' } },
    ],
    [
      'a DIMENSION copied from another',
      field('area', 'DIMENSION', '{"cat":[{"var":"dimensions.region"},"-",{"var":"accountId"}]}'),
      { dimensions: { area: 'eu-acme' } },
    ],
    [
      'an ATTRIBUTE from a comparison, as 1',
      field('is_big', 'ATTRIBUTE', '{">":[{"var":"attributes.write_rate"},0.15]}'),
      { attributes: { is_big: '1' } },
    ],
    ['an ATTRIBUTE from a numeric string', field('fixed', 'ATTRIBUTE', '"12.25"'), { attributes: { fixed: '12.25' } }],
  ])('enriches with %s', (_, enrichment, expected) => {
    expect(enrichEvent(event, [enrichment])).toMatchObject({ ok: true, event: expected });
  });

  it('cuts a computed dimension to 200 characters', () => {
    const result = enrichEvent(event, [
      field('long', 'DIMENSION', JSON.stringify({ cat: ['x'.repeat(150), 'y'.repeat(150)] })),
    ]);
    expect(result).toMatchObject({ ok: true, event: { dimensions: { long: 'x'.repeat(150) + 'y'.repeat(50) } } });
  });

  it('can overwrite a declared dimension, and leaves the input event untouched', () => {
    const result = enrichEvent(event, [field('region', 'DIMENSION', 'us', 1, 'VALUE')]);
    expect(result).toMatchObject({ ok: true, event: { dimensions: { region: 'us' } } });
    expect(event.dimensions).toEqual({ region: 'eu' });
    expect(event.attributes).toEqual({ read_rate: '0.1', write_rate: '0.2' });
  });

  it.each([
    [
      'a formula giving text for an ATTRIBUTE',
      field('bad', 'ATTRIBUTE', '{"var":"dimensions.region"}'),
      /"eu", not a number/,
    ],
    ['a formula giving an object for an ATTRIBUTE', field('bad', 'ATTRIBUTE', '{"merge":[[1],[2]]}'), /not a number/],
    [
      'a formula dividing by zero',
      field('bad', 'ATTRIBUTE', '{"/":[{"var":"attributes.read_rate"},0]}'),
      /not a number/,
    ],
    [
      'an ATTRIBUTE constant that is not a number',
      field('bad', 'ATTRIBUTE', 'lots', 1, 'VALUE'),
      /"lots", not a number/,
    ],
    ['a formula that is not JSON', field('bad', 'ATTRIBUTE', '{"+":[1,'), /^formula failed: /],
    ['an unknown JsonLogic operation', field('bad', 'ATTRIBUTE', '{"nope":[1]}'), /^formula failed: .*nope/],
  ])('fails the event on %s, naming the field', (_, enrichment, reason) => {
    const result = enrichEvent(event, [enrichment]);
    expect(result).toEqual({ ok: false, field: 'bad', reason: expect.stringMatching(reason) });
  });

  it.each([
    ['an ATTRIBUTE read from an absent attribute', field('f', 'ATTRIBUTE', '{"var":"attributes.missing"}')],
    ['a DIMENSION read from an absent dimension', field('f', 'DIMENSION', '{"var":"dimensions.missing"}')],
    ['a DIMENSION formula giving ""', field('f', 'DIMENSION', '""')],
  ])('leaves the field absent, and the event valid, for %s', (_, enrichment) => {
    const result = enrichEvent(event, [enrichment]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.event.attributes).not.toHaveProperty('f');
      expect(result.event.dimensions).not.toHaveProperty('f');
    }
  });

  it('names the first failing field by order and computes nothing after it', () => {
    const result = enrichEvent(event, [
      field('later', 'ATTRIBUTE', '{"nope":[1]}', 3),
      field('first_bad', 'ATTRIBUTE', '{"var":"dimensions.region"}', 2),
      field('good', 'ATTRIBUTE', '1', 1),
    ]);
    expect(result).toMatchObject({ ok: false, field: 'first_bad' });
  });
});
