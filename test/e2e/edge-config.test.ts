import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { api, unique } from '../support/api-client';

/**
 * Configuration reaching the edge (README): a change forwarded through the edge is seen by the
 * next event at once — the forwarding isolate and the ConfigReplica forget what they held.
 */
describe('schema changes reach the edge', () => {
  it('refuses events of a DRAFT schema, accepts them right after activation, and follows later changes', async () => {
    const client = api();
    const name = unique('edge_cfg');
    const event = (attributes: { name: string; value: string }[]) => ({
      event: {
        id: unique('e'),
        schemaName: name,
        timestamp: new Date().toISOString(),
        accountId: 'acme',
        attributes,
        dimensions: {},
      },
    });
    await client.post('/event_schema', { name, attributes: [{ name: 'units' }] });

    const early = await client.post('/ingest', event([{ name: 'units', value: '1' }]));
    expect(early).toMatchObject({ status: 422, body: { errors: [{ path: 'event.schemaName' }] } });

    await client.post(`/event_schema/${name}/activate`);
    expect((await client.post('/ingest', event([{ name: 'units', value: '1' }]))).status).toBe(202);

    // A published change (a new attribute, version 2) is accepted by the very next event.
    const patched = await client.patch(`/event_schema/${name}`, {
      attributes: [{ name: 'units' }, { name: 'seconds' }],
    });
    expect(patched.body).toMatchObject({ version: 2 });
    expect((await client.post('/ingest', event([{ name: 'seconds', value: '3.5' }]))).status).toBe(202);

    await client.post(`/event_schema/${name}/deactivate`);
    const late = await client.post('/ingest', event([{ name: 'units', value: '1' }]));
    expect(late).toMatchObject({ status: 422, body: { errors: [{ path: 'event.schemaName' }] } });
  });
});

describe('GET /openapi.json', () => {
  it('serves the OpenAPI 3.1 document without a key, with the routes and shapes of the API', async () => {
    const response = await fetch(`${inject('stackUrl')}/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: inject('stackUrl') }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/ingest', '/event_schema', '/event_schema/{name}']),
    );
    expect(document.components.schemas.Event.example).toMatchObject({ schemaName: 'api_calls' });
    expect(document.paths['/ingest'].post.responses['422'].content).toHaveProperty(['application/problem+json']);
  });
});
