import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { issuesFromZod } from '../errors/zod-issues';
import {
  apiKeySchema,
  createApiKeyRequest,
  generateApiKey,
  generateApiKeyId,
  hashApiKey,
  keyPrefixOf,
  requireScope,
  type Scope,
} from './api-key';

function paths(input: unknown): string[] {
  const result = createApiKeyRequest.safeParse(input);
  return result.success ? [] : issuesFromZod(result.error).map((i) => i.path);
}

describe('createApiKeyRequest', () => {
  it('accepts a name and distinct scopes', () => {
    expect(createApiKeyRequest.parse({ name: 'checkout', scopes: ['ingest', 'read'] })).toEqual({
      name: 'checkout',
      scopes: ['ingest', 'read'],
    });
    expect(paths({ name: 'n'.repeat(100), scopes: ['admin', 'ingest', 'read'] })).toEqual([]);
  });

  it.each([
    ['no scopes', { name: 'k', scopes: [] }, ['scopes']],
    ['an unknown scope', { name: 'k', scopes: ['ingest', 'write'] }, ['scopes.1']],
    ['a scope listed twice', { name: 'k', scopes: ['read', 'ingest', 'read'] }, ['scopes.2']],
    ['scopes that are not a list', { name: 'k', scopes: 'admin' }, ['scopes']],
    ['no name', { scopes: ['read'] }, ['name']],
    ['an empty name', { name: '', scopes: ['read'] }, ['name']],
    ['a name of 101 characters', { name: 'n'.repeat(101), scopes: ['read'] }, ['name']],
    // A client must not believe it chose a secret or an id: unknown fields are refused.
    ['a secret of its own', { name: 'k', scopes: ['read'], key: 'ml_mine' }, ['(body)']],
  ])('refuses %s', (_, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });
});

describe('apiKeySchema', () => {
  it('has no field that could carry a secret or its hash', () => {
    expect(Object.keys(apiKeySchema.shape).sort()).toEqual([
      'createdAt',
      'id',
      'keyPrefix',
      'name',
      'revokedAt',
      'scopes',
    ]);
  });
});

describe('generated keys and ids', () => {
  it('makes prefixed secrets of 32 random bytes, never the same twice', () => {
    const keys = Array.from({ length: 100 }, generateApiKey);
    for (const key of keys) {
      expect(key).toMatch(/^ml_[0-9a-f]{64}$/);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('makes ids of 16 random hex digits, never the same twice', () => {
    const ids = Array.from({ length: 100 }, generateApiKeyId);
    for (const id of ids) {
      expect(id).toMatch(/^key_[0-9a-f]{16}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hashes with SHA-256, deterministically', async () => {
    // echo -n abc | sha256sum
    expect(await hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('keyPrefixOf', () => {
  it.each([
    ['a generated key', `ml_${'ab12'.repeat(16)}`, 'ml_ab12'],
    ['a long hand-picked secret', 'correct-horse-battery-staple', 'correct'],
    ['a short hand-picked secret', 'devkey12', 'de'],
    ['a secret of 3 characters', 'abc', ''],
  ])('shows at most 7 characters and a quarter of %s', (_, key, prefix) => {
    expect(keyPrefixOf(key)).toBe(prefix);
  });
});

describe('requireScope', () => {
  const caller = (...scopes: Scope[]) => ({ tenantId: 't', keyId: 'key_1', scopes });
  const allowed = (scopes: Scope[], needed: Scope) => {
    try {
      requireScope(caller(...scopes), needed);
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 403, code: 'missing_scope' });
      return false;
    }
  };

  it.each([
    [['admin'], 'admin', true],
    [['admin'], 'read', true],
    [['admin'], 'ingest', true],
    [['read'], 'read', true],
    [['read'], 'admin', false],
    [['read'], 'ingest', false],
    [['ingest'], 'read', false],
    [['ingest'], 'admin', false],
    [['ingest', 'read'], 'admin', false],
    [[], 'read', false],
  ] as [Scope[], Scope, boolean][])('%j needing %s → %s', (scopes, needed, expected) => {
    expect(allowed(scopes, needed)).toBe(expected);
  });
});
