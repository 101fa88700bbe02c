import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { createApiKey } from '../../rater/store/api-keys';
import { buildOpenApiDocument } from '../../shared/api/openapi-document';
import { api, eventually, unique } from '../support/api-client';

/**
 * Text and numbers a hostile tenant sends to change what is stored, or to make the service fail:
 * never a 5xx, always problem+json naming the field, and whatever is accepted is stored exactly
 * as sent (issue 14).
 */
const client = api();

/** Percent-encodings of what cannot be stored: NUL, an encoded surrogate, bytes that are not UTF-8. */
const HOSTILE_ESCAPES = ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80', '%FF', '%C0%80', '%E2%82', '%'];

type Operation = { parameters?: { name: string; in: string }[] };
const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
  Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

async function raw(method: string, path: string, body?: string) {
  const response = await fetch(inject('stackUrl') + path, {
    method,
    headers: {
      authorization: `Bearer ${inject('apiKey')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

function expectRefusedByName(result: { status: number; type: string; text: string }, name: RegExp) {
  expect(result.status, result.text).toBeGreaterThanOrEqual(400);
  expect(result.status, result.text).toBeLessThan(500);
  expect(result.type).toBe('application/problem+json');
  expect(result.text).toMatch(name);
}

describe('paths and query strings', () => {
  it('refuses NUL, surrogates and non-UTF-8 in every path parameter of every route, naming it', async () => {
    const withParams = routes.filter((r) => r.path.includes('{'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const { method, path } of withParams) {
      for (const escape of HOSTILE_ESCAPES) {
        const url = path.replace(/\{[^}]+\}/g, escape);
        const result = await raw(method, url, method === 'GET' || method === 'DELETE' ? undefined : '{}');
        expect(result.status, `${method} ${url}: ${result.text}`).toBeLessThan(500);
        expectRefusedByName(result, /path\.\d+/);
      }
    }
  }, 120_000);

  it('refuses them in every query parameter of every GET route, naming the parameter', async () => {
    const queried = routes.filter((r) => r.method === 'GET' && r.operation.parameters?.some((p) => p.in === 'query'));
    expect(queried.length).toBeGreaterThan(5);
    for (const { path, operation } of queried) {
      const concrete = path.replace(/\{[^}]+\}/g, 'x');
      for (const { name } of operation.parameters!.filter((p) => p.in === 'query')) {
        for (const escape of HOSTILE_ESCAPES) {
          const result = await raw('GET', `${concrete}?${name}=${escape}`);
          expect(result.status, `GET ${concrete}?${name}=${escape}: ${result.text}`).toBeLessThan(500);
          expectRefusedByName(result, new RegExp(`"path":"${name}"`));
        }
      }
    }
  }, 120_000);
});

describe('names', () => {
  it.each([' ', '\t', 'a\tb', 'a\nb', 'a\u00a0b', 'a\u2028b', '\ufeffa', ' a', 'a ', 'é'])(
    'refuses the schema name %j (422 naming it)',
    async (name) => {
      const response = await client.post('/event_schema', { name });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    },
  );

  it('accepts letters, digits, inner spaces, _ and -', async () => {
    const name = `${unique('ok')} Name-2`;
    expect((await client.post('/event_schema', { name })).status).toBe(201);
  });
});

describe('bodies', () => {
  it('refuses a lone surrogate or NUL anywhere in a configuration body, naming the field', async () => {
    const result = await raw('POST', '/event_schema', `{"name":"${unique('s')}","description":"x\\ud800"}`);
    expectRefusedByName(result, /"path":"description"/);
    const inKey = await raw(
      'POST',
      '/features',
      `{"name":"${unique('f')}","schemaAssociations":[{"schemaName":"a\\u0000"}]}`,
    );
    expectRefusedByName(inKey, /schemaAssociations\.0\.schemaName/);
  });

  it('refuses ids that differ only in a lone surrogate, instead of storing them as one', async () => {
    const schemaName = unique('text');
    await client.post('/event_schema', { name: schemaName });
    await client.post(`/event_schema/${schemaName}/activate`);
    const base = { schemaName, timestamp: new Date().toISOString(), accountId: 'acme' };
    const events = ['\\ud800', '\\udc00', '\\udbff'].map(
      (tail) => `{"id":"X${tail}","schemaName":"${schemaName}","timestamp":"${base.timestamp}","accountId":"acme"}`,
    );
    const result = await raw('POST', '/ingestBatch', `{"events":[${events.join(',')}]}`);
    expect(result.status, result.text).toBe(207);
    const outcome = JSON.parse(result.text).details.events as { status: string; errors?: { path: string }[] }[];
    expect(outcome.map((o) => o.status)).toEqual(['INVALID', 'INVALID', 'INVALID']);
    expect(outcome[0]!.errors).toEqual([expect.objectContaining({ path: 'events.0.id' })]);
  });

  it('stores JSON numbers exactly as written, whatever a double would make of them', async () => {
    const schemaName = unique('exact');
    await client.post('/event_schema', { name: schemaName, attributes: [{ name: 'n' }] });
    await client.post(`/event_schema/${schemaName}/activate`);
    const cases = [
      ['9007199254740993', '9007199254740993'],
      ['12345678901234567890.000000000000000001', '12345678901234567890.000000000000000001'],
      ['0.1', '0.1'],
      ['1e21', '1000000000000000000000'],
      ['2.50', '2.5'],
    ];
    for (const [i, [literal, exact]] of cases.entries()) {
      const id = unique(`n${i}`);
      const body = `{"event":{"id":"${id}","schemaName":"${schemaName}","timestamp":"${new Date().toISOString()}","accountId":"acme","attributes":[{"name":"n","value":${literal}}]}}`;
      const accepted = await raw('POST', '/ingest', body);
      expect(accepted.status, accepted.text).toBe(202);
      const stored = await eventually(
        () => client.get(`/events/${id}`),
        (r) => r.status === 200,
      );
      expect(stored.body.events[0].eventPayload.attributes, literal).toEqual([{ name: 'n', value: exact }]);
    }
  });

  it('refuses a number too far from 1 to write out, naming the field', async () => {
    const body = `{"event":{"schemaName":"x","timestamp":"${new Date().toISOString()}","accountId":"acme","attributes":[{"name":"n","value":1e99999}]}}`;
    expectRefusedByName(await raw('POST', '/ingest', body), /event\.attributes\.0\.value/);
  });
});

describe('scope before validation', () => {
  it('tells a key that may not call a route so (403), not what its body got wrong (422)', async () => {
    const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
    const keys: Record<string, string> = {};
    try {
      for (const scope of ['read', 'ingest'] as const) {
        keys[scope] = (await createApiKey(db, 'dev', { name: unique(scope), scopes: [scope] })).secret;
      }
    } finally {
      await close();
    }
    const cases: [string, string, string, string][] = [
      ['read', 'POST', '/ingest', '{"event":{"id":"\\u0000"}}'],
      ['read', 'POST', '/ingestBatch', '{"events":"nope"}'],
      ['read', 'POST', '/entitled', '{}'],
      ['ingest', 'POST', '/event_schema', '{"name":"\\t"}'],
      ['ingest', 'POST', '/accounts/acme/features/feat.x/entries', '{"granted":"-1"}'],
      ['read', 'PUT', '/accounts/acme/entitlements/feat.x', '{}'],
    ];
    for (const [scope, method, path, body] of cases) {
      const response = await fetch(inject('stackUrl') + path, {
        method,
        headers: { authorization: `Bearer ${keys[scope]}`, 'content-type': 'application/json' },
        body,
      });
      expect([scope, method, path, response.status]).toEqual([scope, method, path, 403]);
    }
  });
});

describe('formulas', () => {
  const nestedAll = (depth: number): unknown =>
    depth === 0 ? true : { all: [Array.from({ length: 30 }, () => 0), nestedAll(depth - 1)] };

  it('refuses, at definition, an enrichment or meter formula whose work could explode (issue 14: 729 M steps)', async () => {
    const formula = JSON.stringify(nestedAll(6));
    const schema = await client.post('/event_schema', {
      name: unique('bomb'),
      attributes: [{ name: 'n' }],
      enrichments: {
        fields: [{ name: 'x', type: 'ATTRIBUTE', enrichmentType: 'JSON_LOGIC', order: 1, value: formula }],
      },
    });
    expect(schema.status).toBe(422);
    expect(schema.body.errors).toEqual([
      expect.objectContaining({
        path: 'enrichments.fields.0.value',
        message: expect.stringContaining('evaluation steps'),
      }),
    ]);

    const name = unique('plain');
    await client.post('/event_schema', { name, attributes: [{ name: 'n' }] });
    await client.post(`/event_schema/${name}/activate`);
    const meter = await client.post('/usage_meters', {
      name: unique('m'),
      aggregation: 'SUM',
      eventSchemaName: name,
      computations: [{ matcher: formula, computation: '1', order: 1 }],
    });
    expect(meter.status).toBe(422);
    expect(meter.body.errors).toEqual([expect.objectContaining({ path: 'computations.0.matcher' })]);
  });
});
