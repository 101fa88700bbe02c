import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, payloadHash, toHex } from './payload-hash';

const event = {
  schemaName: 'payment',
  timestamp: '2026-02-01T10:00:00.000Z',
  accountId: 'acme',
  attributes: { transaction_amount: '12.5', fee: '0.3' },
  dimensions: { payment_mode: 'card', country: 'IN' },
};

describe('payloadHash', () => {
  it('is a SHA-256 of the canonical JSON, in hex', async () => {
    // sha256("{}"), a well-known digest.
    expect(await payloadHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('does not depend on key order, at any depth', async () => {
    const reordered = {
      dimensions: { country: 'IN', payment_mode: 'card' },
      attributes: { fee: '0.3', transaction_amount: '12.5' },
      accountId: 'acme',
      timestamp: '2026-02-01T10:00:00.000Z',
      schemaName: 'payment',
    };
    expect(await payloadHash(reordered)).toBe(await payloadHash(event));
  });

  it('ignores undefined properties, as JSON does', async () => {
    expect(await payloadHash({ ...event, id: undefined })).toBe(await payloadHash(event));
  });

  it.each([
    ['an attribute value', { ...event, attributes: { ...event.attributes, fee: '0.30' } }],
    ['a dimension value', { ...event, dimensions: { ...event.dimensions, country: 'DE' } }],
    ['a dimension added', { ...event, dimensions: { ...event.dimensions, tier: 'gold' } }],
    ['the account', { ...event, accountId: 'acme2' }],
    ['the timestamp', { ...event, timestamp: '2026-02-01T10:00:00.001Z' }],
    ['a string that became a number', { ...event, attributes: { ...event.attributes, fee: 0.3 } }],
    ['a value moved between keys', { ...event, attributes: { transaction_amount: '0.3', fee: '12.5' } }],
  ])('changes when %s changes', async (_, changed) => {
    expect(await payloadHash(changed)).not.toBe(await payloadHash(event));
  });

  it('keeps array order significant', async () => {
    expect(await payloadHash([1, 2])).not.toBe(await payloadHash([2, 1]));
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [{ d: null, c: 'x' }] }, '{"a":[{"c":"x","d":null}],"b":1}'],
    [{ é: 1, z: 2, A: 3 }, '{"A":3,"z":2,"é":1}'],
    [[undefined, 1], '[null,1]'],
    [undefined, 'null'],
    ['a"b', '"a\\"b"'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('toHex', () => {
  it('pads every byte to two digits', () => {
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
    const every = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect(toHex(every)).toBe(Array.from(every, (b) => b.toString(16).padStart(2, '0')).join(''));
  });
});

/** The form every stored payload hash was computed from: canonicalJson must keep writing exactly it. */
function canonicalJsonAsFirstWritten(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJsonAsFirstWritten).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJsonAsFirstWritten(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('canonicalJson', () => {
  it('writes exactly the text stored payload hashes were computed from, for any JSON value', () => {
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(withUndefined, (value) => {
        expect(canonicalJson(value)).toBe(canonicalJsonAsFirstWritten(value));
      }),
      { numRuns: 2000 },
    );
  });
});
