import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { createApiKey, ensureTenant } from '../../rater/store/api-keys';
import type { Database } from '../../rater/db/connect';
import { generateApiKey, hashApiKey, type Scope } from '../../shared/auth/api-key';
import { createTenant as createOwnTenant } from '../support/tenants';
import { api, eventually, unique } from '../support/api-client';

const PROBLEM = 'application/problem+json';
/**
 * The edge's documented bound for a key revoked through the API (README): at once where it was
 * revoked, 5 s in every other isolate — plus slack for a loaded machine.
 */
const REVOCATION_BOUND_MS = 8_000;

interface CreatedKey {
  id: string;
  name: string;
  scopes: Scope[];
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
  key: string;
}

const revoke = (key: string, id: string) => api(key).delete(`/api_keys/${id}`);

async function createKey(scopes: Scope[], adminKey = inject('apiKey')): Promise<CreatedKey> {
  const response = await api(adminKey).post('/api_keys', { name: unique('key'), scopes });
  expect(response.status).toBe(201);
  return response.body;
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  return work(db).finally(close);
}

/** A tenant of its own and its first admin key (test/support/tenants.ts). */
async function createTenant(): Promise<{ id: string; key: string }> {
  const { keyId, key } = await createOwnTenant();
  return { id: keyId, key };
}

async function listAll(key: string, query: string) {
  const pages: { data: Omit<CreatedKey, 'key'>[]; nextToken?: string }[] = [];
  let token: string | undefined;
  do {
    const response = await api(key).get(`/api_keys?${query}${token ? `&nextToken=${token}` : ''}`);
    expect(response.status).toBe(200);
    pages.push(response.body);
    token = response.body.nextToken;
  } while (token && pages.length < 50); // a paging bug must fail the test, not hang it
  return pages;
}

let schemaName: string;
const event = () => ({
  id: unique('evt'),
  schemaName,
  timestamp: new Date().toISOString(),
  accountId: 'acme',
  attributes: [{ name: 'amount', value: '1' }],
});

beforeAll(async () => {
  schemaName = unique('payment');
  expect((await api().post('/event_schema', { name: schemaName, attributes: [{ name: 'amount' }] })).status).toBe(201);
  expect((await api().post(`/event_schema/${schemaName}/activate`)).status).toBe(200);
});

describe('creating a key', () => {
  it('shows the secret once, with a random id, and the key works for its scope', async () => {
    const created = await createKey(['ingest']);
    expect(created).toEqual({
      id: expect.stringMatching(/^key_[0-9a-f]{16}$/),
      name: expect.any(String),
      scopes: ['ingest'],
      keyPrefix: created.key.slice(0, 7),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      revokedAt: null,
      key: expect.stringMatching(/^ml_[0-9a-f]{64}$/),
    });
    // Ids used to be the hash's first 16 digits: a list of ids let anyone check a leaked key.
    expect(created.id).not.toBe(`key_${(await hashApiKey(created.key)).slice(0, 16)}`);

    expect((await api(created.key).post('/ingest', { event: event() })).status).toBe(202);
    const { key: _secret, ...stored } = created;
    expect((await api().get(`/api_keys/${created.id}`)).body).toEqual(stored);
  });

  it.each([
    ['no scopes', { name: 'k', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: 'k', scopes: ['write'] }, 'scopes.0'],
    ['a scope listed twice', { name: 'k', scopes: ['read', 'read'] }, 'scopes.1'],
    ['no name', { scopes: ['read'] }, 'name'],
    ['a name of 101 characters', { name: 'n'.repeat(101), scopes: ['read'] }, 'name'],
  ])('refuses %s with 422 naming the field', async (_, body, path) => {
    const response = await api().post('/api_keys', body);
    expect(response).toMatchObject({ status: 422, contentType: PROBLEM, body: { errors: [{ path }] } });
  });
});

describe('listing keys', () => {
  it('never shows a secret or a hash', async () => {
    const created = await createKey(['read']);
    const hash = await hashApiKey(created.key);
    for (const path of ['/api_keys?pageSize=200', `/api_keys/${created.id}`]) {
      const text = JSON.stringify((await api().get(path)).body);
      expect(text).toContain(created.id);
      expect(text).not.toContain(created.key);
      expect(text).not.toContain(hash);
      expect(text).not.toMatch(/"key"|"keyHash"|"key_hash"|"secret"|"hash"/);
    }
  });

  it('walks every key exactly once, oldest first, a page at a time', async () => {
    const tenant = await createTenant();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await createKey(['read'], tenant.key)).id);
    }

    const pages = await listAll(tenant.key, 'pageSize=2');
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 2]);
    expect(pages.at(-1)!.nextToken).toBeUndefined();
    expect(pages.flatMap((p) => p.data.map((k) => k.id))).toEqual([tenant.id, ...created]);
  });

  it('hides revoked keys unless includeRevoked=true', async () => {
    const tenant = await createTenant();
    const kept = await createKey(['read'], tenant.key);
    const gone = await createKey(['read'], tenant.key);
    expect((await revoke(tenant.key, gone.id)).status).toBe(200);

    const ids = async (query: string) => (await listAll(tenant.key, query)).flatMap((p) => p.data.map((k) => k.id));
    expect(await ids('includeRevoked=false')).toEqual([tenant.id, kept.id]);
    expect(await ids('pageSize=1')).toEqual([tenant.id, kept.id]);
    expect(await ids('includeRevoked=true&pageSize=1')).toEqual([tenant.id, kept.id, gone.id]);
  });

  it.each([
    ['includeRevoked=yes', 'includeRevoked=yes', 'includeRevoked'],
    ['pageSize=0', 'pageSize=0', 'pageSize'],
    ['a token this API did not give', 'nextToken=not-ours', 'nextToken'],
    ['a token naming no key', `nextToken=${btoa(JSON.stringify({ after: 'key_0000000000000000' }))}`, 'nextToken'],
  ])('refuses %s with 422 naming it', async (_, query, path) => {
    const response = await api().get(`/api_keys?${query}`);
    expect(response).toMatchObject({ status: 422, contentType: PROBLEM, body: { errors: [{ path }] } });
  });
});

describe('scopes', () => {
  it('gives an ingest key no access to keys or configuration', async () => {
    const ingest = api((await createKey(['ingest'])).key);
    for (const response of [
      await ingest.get('/api_keys'),
      await ingest.post('/event_schema', { name: unique('nope') }),
    ]) {
      expect(response).toMatchObject({ status: 403, contentType: PROBLEM, body: { code: 'missing_scope' } });
    }
  });

  it('lets a read key read configuration, but not see or make keys', async () => {
    const reader = await createKey(['read']);
    const read = api(reader.key);
    expect((await read.get(`/event_schema/${schemaName}`)).status).toBe(200);
    // The edge lets `read` through on GETs: these 403s come from the rater's own admin check,
    // before the input is looked at (the bad pageSize would otherwise be a 422).
    for (const response of [
      await read.get('/api_keys'),
      await read.get('/api_keys?pageSize=0'),
      await read.get(`/api_keys/${reader.id}`),
      await read.post('/api_keys', { name: 'escalate', scopes: ['admin'] }),
    ]) {
      expect(response).toMatchObject({ status: 403, contentType: PROBLEM, body: { code: 'missing_scope' } });
    }
  });
});

describe.concurrent('revoking keys', () => {
  it('stops a key within the documented bound; revoking again changes nothing', async () => {
    const target = await createKey(['ingest']);
    // Used once first, so the edge has it cached: the revocation must get past that cache.
    expect((await api(target.key).post('/ingest', { event: event() })).status).toBe(202);

    const first = await revoke(inject('apiKey'), target.id);
    expect(first).toMatchObject({ status: 200, body: { id: target.id, revokedAt: expect.any(String) } });
    const again = await revoke(inject('apiKey'), target.id);
    expect(again).toEqual(first);
    expect((await api().get(`/api_keys/${target.id}`)).body.revokedAt).toBe(first.body.revokedAt);

    const refused = await eventually(
      () => api(target.key).post('/ingest', { event: event() }),
      (r) => r.status === 401,
      REVOCATION_BOUND_MS,
    );
    expect(refused).toMatchObject({ status: 401, contentType: PROBLEM, body: { code: 'invalid_api_key' } });
  });

  it('lets a key revoke itself', async () => {
    const self = await createKey(['admin']);
    expect(await api(self.key).get(`/api_keys/${self.id}`)).toMatchObject({ status: 200 });
    expect(await revoke(self.key, self.id)).toMatchObject({
      status: 200,
      body: { id: self.id, revokedAt: expect.any(String) },
    });
    const refused = await eventually(
      () => api(self.key).get('/api_keys'),
      (r) => r.status === 401,
      REVOCATION_BOUND_MS,
    );
    expect(refused).toMatchObject({ status: 401, body: { code: 'invalid_api_key' } });
  });

  it('answers 404 for an unknown id', async () => {
    expect(await revoke(inject('apiKey'), 'key_0000000000000000')).toMatchObject({
      status: 404,
      body: { code: 'api_key_not_found' },
    });
    expect((await api().get('/api_keys/key_0000000000000000')).body).toMatchObject({
      status: 404,
      code: 'api_key_not_found',
    });
  });
});

// `npm start` registers its development key, a secret it brings, on every start.
describe('registering a secret the caller brings', () => {
  it('stores it once, refuses it to another tenant, and will not revive it once revoked', async () => {
    const secret = generateApiKey();
    const register = (tenantId: string) =>
      withDatabase((db) => createApiKey(db, tenantId, { name: 'development', scopes: ['admin'], secret }));
    const [tenant, other] = await withDatabase(
      async (db) => [await ensureTenant(db, unique('tenant')), await ensureTenant(db, unique('tenant'))] as const,
    );

    const first = await register(tenant);
    expect(await register(tenant)).toEqual(first);
    await expect(register(other)).rejects.toThrow(/another tenant/);
    expect((await listAll(secret, 'includeRevoked=true')).flatMap((p) => p.data.map((k) => k.id))).toEqual([first.id]);

    expect((await revoke(secret, first.id)).status).toBe(200);
    await expect(register(tenant)).rejects.toThrow(/revoked/);
  });
});

describe('tenants', () => {
  it("cannot see, read or revoke another tenant's keys", async () => {
    const mine = await createKey(['ingest']);
    const other = await createTenant();

    const theirs = (await listAll(other.key, 'includeRevoked=true')).flatMap((p) => p.data.map((k) => k.id));
    expect(theirs).toEqual([other.id]);
    const tokenOfMine = (await api().get('/api_keys?pageSize=1')).body.nextToken;
    expect(tokenOfMine).toEqual(expect.any(String));
    expect((await api(other.key).get(`/api_keys?nextToken=${tokenOfMine}`)).body).toMatchObject({
      status: 422,
      errors: [{ path: 'nextToken' }],
    });
    expect((await api(other.key).get(`/api_keys/${mine.id}`)).body).toMatchObject({
      status: 404,
      code: 'api_key_not_found',
    });
    expect(await revoke(other.key, mine.id)).toMatchObject({ status: 404, body: { code: 'api_key_not_found' } });

    expect((await api().get(`/api_keys/${mine.id}`)).body.revokedAt).toBeNull();
    expect((await api(mine.key).post('/ingest', { event: event() })).status).toBe(202);
  });
});
