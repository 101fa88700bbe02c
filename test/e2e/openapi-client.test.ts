import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { generateClientTypes } from '../../cli/openapi';
import type { paths } from '../support/generated/meterline-api';
import { unique } from '../support/api-client';

const GENERATED = new URL('../support/generated/meterline-api.d.ts', import.meta.url);

/**
 * The OpenAPI document is the API's contract for other languages and tools. A third-party
 * generator (openapi-typescript) turns the running stack's document into types; a third-party
 * client (openapi-fetch) typed by them drives the stack — a type error fails `npm run typecheck`,
 * a wrong document fails here.
 */
describe('a client generated from /openapi.json', () => {
  it('is generated from exactly the document the running API serves (run `npm run openapi` after API changes)', async () => {
    const document = await (await fetch(`${inject('stackUrl')}/openapi.json`)).json();
    delete document.servers;
    expect(await generateClientTypes(document)).toBe(readFileSync(GENERATED, 'utf8'));
  });

  it('configures and uses the API end to end', async () => {
    const client = createClient<paths>({
      baseUrl: inject('stackUrl'),
      headers: { authorization: `Bearer ${inject('apiKey')}` },
    });
    const name = unique('typed');

    const created = await client.POST('/event_schema', {
      body: {
        name,
        attributes: [{ name: 'read_rate' }, { name: 'write_rate' }],
        dimensions: [{ name: 'region' }],
        enrichments: {
          fields: [
            {
              name: 'throughput',
              type: 'ATTRIBUTE',
              enrichmentType: 'JSON_LOGIC',
              order: 1,
              value: '{"+":[{"var":"attributes.read_rate"},{"var":"attributes.write_rate"}]}',
            },
          ],
        },
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.status).toBe('DRAFT');

    const activated = await client.POST('/event_schema/{name}/activate', { params: { path: { name } } });
    expect(activated.data?.status).toBe('ACTIVE');

    const listed = await client.GET('/event_schema', { params: { query: { pageSize: 200, status: 'ACTIVE' } } });
    expect(listed.data?.data.map((s) => s.name)).toContain(name);

    const grown = await client.PATCH('/event_schema/{name}', {
      params: { path: { name } },
      body: { dimensions: [{ name: 'region' }, { name: 'tier' }] },
    });
    expect(grown.data?.version).toBe(2);
    const versions = await client.GET('/event_schema/{name}/versions', { params: { path: { name } } });
    expect(versions.data?.data.map((v) => v.version)).toEqual([1, 2]);

    const ingested = await client.POST('/ingest', {
      body: {
        event: {
          id: unique('typed-evt'),
          schemaName: name,
          timestamp: new Date().toISOString(),
          accountId: 'acme',
          attributes: [
            { name: 'read_rate', value: '1.5' },
            { name: 'write_rate', value: '2' },
          ],
          dimensions: { tier: 'gold' },
        },
      },
    });
    expect(ingested.response.status).toBe(202);
    expect(ingested.data?.details.status).toBe('ACCEPTED');

    const meter = await client.POST('/usage_meters', {
      body: {
        name: unique('throughput'),
        aggregation: 'SUM',
        eventSchemaName: name,
        filters: [{ field: 'tier', value: 'gold' }],
        computations: [{ computation: '{"var":"attributes.throughput"}', order: 1 }],
      },
    });
    expect(meter.response.status).toBe(201);
    const meterId = meter.data!.id;
    expect((await client.POST('/usage_meters/{id}/activate', { params: { path: { id: meterId } } })).data?.status).toBe(
      'ACTIVE',
    );
    const meters = await client.GET('/usage_meters', { params: { query: { status: 'ACTIVE', pageSize: 200 } } });
    expect(meters.data?.data.map((m) => m.id)).toContain(meterId);

    const refused = await client.POST('/event_schema/{name}/deactivate', { params: { path: { name } } });
    expect(refused.response.status).toBe(409);
    expect(refused.error?.code).toBe('event_schema_in_use');
    await client.POST('/usage_meters/{id}/deactivate', { params: { path: { id: meterId } } });
    await client.POST('/event_schema/{name}/deactivate', { params: { path: { name } } });
    const archived = await client.POST('/event_schema/{name}/archive', { params: { path: { name } } });
    expect(archived.data?.status).toBe('ARCHIVED');
  });
});
