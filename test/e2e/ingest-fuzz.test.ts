import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { unique } from '../support/api-client';

/**
 * Hostile input at the front door: malformed, oversized, wrongly typed and hostile payloads at
 * /ingest and /ingestBatch. Never a 5xx; every refusal is problem+json with a code; and nothing
 * is accepted unless it is a valid event of the schema (the only valid shape is built below).
 */
let schemaName = '';
const url = () => inject('stackUrl');
const key = () => inject('apiKey');

beforeAll(async () => {
  schemaName = unique('fuzz');
  const headers = { authorization: `Bearer ${key()}`, 'content-type': 'application/json' };
  await fetch(`${url()}/event_schema`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: schemaName, attributes: [{ name: 'n' }], dimensions: [{ name: 'd' }] }),
  });
  await fetch(`${url()}/event_schema/${schemaName}/activate`, { method: 'POST', headers });
});

/** Text Postgres cannot store as sent: lone UTF-16 surrogates (each alone or around others), NUL. */
const unstorableText = fc.oneof(
  fc.constantFrom('X\ud800', 'X\udc00', 'X\udbff', '\udfff', 'a\u0000b', '\u0000'),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 20 }))
    .map(([a, unit, b]) => a + String.fromCharCode(unit) + b),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'id\u0000', '🔥', 'd\ud800'),
  unstorableText,
);
const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 600 }),
  unstorableText,
  fc.constantFrom(null, true, -0, 1e308, -1e308, '1e5', '+1', 'NaN', '', '0x10', ' 1', '１'),
  fc.array(fc.jsonValue(), { maxLength: 20 }),
  fc.integer({ min: 1, max: 60 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
  fc.dictionary(hostileKey, fc.jsonValue(), { maxKeys: 4 }),
);

/** A valid event with one field replaced by something hostile, or extra hostile keys. */
const mutatedEvent = fc
  .record({
    field: fc.constantFrom(
      'id',
      'schemaName',
      'timestamp',
      'accountId',
      'attributes',
      'dimensions',
      'extra',
      'dimensionValue',
      'dimensionKey',
      'unit',
    ),
    value: hostileValue,
    extraKey: hostileKey,
  })
  .map(({ field, value, extraKey }) => {
    const event: Record<string, unknown> = {
      id: unique('f'),
      schemaName,
      timestamp: new Date().toISOString(),
      accountId: 'acme',
      attributes: [{ name: 'n', value: '1' }],
      dimensions: { d: 'x' },
    };
    if (field === 'extra') {
      Object.defineProperty(event, extraKey, { value, enumerable: true });
    } else if (field === 'dimensionValue') {
      event.dimensions = { d: value };
    } else if (field === 'dimensionKey') {
      event.dimensions = Object.defineProperty({}, extraKey, { value: 'x', enumerable: true });
    } else if (field === 'unit') {
      event.attributes = [{ name: 'n', value: '1', unit: value }];
    } else {
      event[field] = value;
    }
    return event;
  });

const body = fc.oneof(
  mutatedEvent.map((event) => JSON.stringify({ event })),
  hostileValue.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(JSON.stringify({ event: { schemaName, accountId: 'a'.repeat(80_000) } })),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
);

async function send(path: string, payload: string | Buffer, type: string) {
  const response = await fetch(`${url()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key()}`, ...(type ? { 'content-type': type } : {}) },
    body: typeof payload === 'string' ? payload : new Uint8Array(payload),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

function expectSafe(result: { status: number; type: string; text: string }) {
  expect(result.status, result.text).toBeLessThan(500);
  if (result.status >= 400) {
    expect(result.type).toBe('application/problem+json');
    const problem = JSON.parse(result.text);
    expect(problem).toMatchObject({ status: result.status, code: expect.any(String), detail: expect.any(String) });
  }
}

/**
 * An independent statement of what a valid event of the fuzz schema is (README's limits and the
 * schema's fields), so the property does not test the validator against itself.
 */
function storable(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

/** Whether the bytes are UTF-8: anything else must be refused, not read as U+FFFD. */
function isUtf8(payload: string | Buffer): boolean {
  if (typeof payload === 'string') {
    return storable(payload);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(payload);
    return true;
  } catch {
    return false;
  }
}

function isValidEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return false;
  }
  const e = event as Record<string, unknown>;
  const allowed = ['id', 'schemaName', 'timestamp', 'accountId', 'attributes', 'dimensions'];
  if (!Object.keys(e).every((k) => allowed.includes(k))) {
    return false;
  }
  const text = (v: unknown, max: number) => typeof v === 'string' && v.length >= 1 && v.length <= max && storable(v);
  if (e.id !== undefined && !text(e.id, 512)) {
    return false;
  }
  if (e.schemaName !== schemaName || !text(e.accountId, 512)) {
    return false;
  }
  const zoned = /(Z|[+-]\d{2}:\d{2})$/;
  if (
    typeof e.timestamp !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(e.timestamp)
  ) {
    return false;
  }
  // Without a zone the API reads UTC; Date.parse would read the machine's local time.
  const age = Date.now() - Date.parse(zoned.test(e.timestamp) ? e.timestamp : `${e.timestamp}Z`);
  if (!(age > -5 * 60_000 && age < 45 * 86_400_000)) {
    return false;
  }
  if (e.attributes !== undefined) {
    if (!Array.isArray(e.attributes) || e.attributes.length > 10) {
      return false;
    }
    const names = new Set<string>();
    for (const a of e.attributes as unknown[]) {
      if (typeof a !== 'object' || a === null || Array.isArray(a)) {
        return false;
      }
      const { name, value, unit, ...rest } = a as Record<string, unknown>;
      if (Object.keys(rest).length > 0 || name !== 'n' || names.has(name)) {
        return false;
      }
      names.add(name);
      const decimal =
        typeof value === 'string'
          ? /^-?\d{1,512}(\.\d+)?$/.test(value)
          : typeof value === 'number' && Number.isFinite(value);
      if (!decimal || (unit !== undefined && !text(unit, 50))) {
        return false;
      }
    }
  }
  if (e.dimensions !== undefined) {
    if (typeof e.dimensions !== 'object' || e.dimensions === null || Array.isArray(e.dimensions)) {
      return false;
    }
    for (const [k, v] of Object.entries(e.dimensions)) {
      if (k !== 'd' || !text(v, 200)) {
        return false;
      }
    }
  }
  return true;
}

describe('hostile payloads', () => {
  it('on /ingest: never a 5xx, always problem+json, never an invalid event accepted', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const result = await send('/ingest', payload, type);
        expectSafe(result);
        if (result.status < 300) {
          expect(isUtf8(payload), 'accepted bytes that are not UTF-8').toBe(true);
          expect(isValidEvent(JSON.parse(payload.toString()).event)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  }, 180_000);

  it('on /ingestBatch: never a 5xx, and each event judged alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(mutatedEvent, hostileValue), { minLength: 1, maxLength: 12 }),
        async (events) => {
          const result = await send('/ingestBatch', JSON.stringify({ events }), 'application/json');
          expectSafe(result);
          if (result.status < 300 || result.status === 207) {
            const outcome = JSON.parse(result.text).details.events as { index: number; status: string }[];
            expect(outcome).toHaveLength(events.length);
            for (const { index, status } of outcome) {
              if (status === 'ACCEPTED') {
                expect(isValidEvent(events[index])).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 180_000);
});
