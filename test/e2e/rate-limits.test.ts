import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import { startStack, type Stack } from '../../local/stack';
import { createApiKey } from '../../rater/store/api-keys';
import { generateApiKey } from '../../shared/auth/api-key';
import { freePort } from '../support/free-port';

/**
 * Rate limits at the edge (issue 14), on a stack of its own whose [[ratelimits]] are small enough
 * to cross: 429 problem+json with Retry-After, per key (another key of the tenant goes on), and
 * per address for keys that are not valid (then refused before any lookup).
 */
const PER_KEY = 20;
const AUTH_FAILURES = 30;

/** Sends one request at a time until one is refused with 429; every other answer must be `expected`. */
async function untilLimited(
  send: () => Promise<Response>,
  max: number,
  expected = 200,
): Promise<{ passed: number; limited: Response }> {
  for (let passed = 0; passed < max; passed++) {
    const response = await send();
    if (response.status === 429) {
      return { passed, limited: response };
    }
    expect(response.status).toBe(expected);
    await response.body?.cancel();
  }
  throw new Error(`no 429 after ${max} requests`);
}

describe('rate limits', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'meterline-limits-'));
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      port: await freePort(),
      stateDir,
      devApiKey: generateApiKey(),
      rateLimits: { KEY_LIMITER: PER_KEY, TENANT_LIMITER: 10_000, AUTH_FAILURE_LIMITER: AUTH_FAILURES },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const get = (key: string) => fetch(`${stack.url}/usage_meters`, { headers: { authorization: `Bearer ${key}` } });

  it('answers 429 with Retry-After once a key is over its rate, while another key of the tenant goes on', async () => {
    const { db, close } = await openDatabase(stack.databaseUrl, stack.wsProxy);
    const other = await createApiKey(db, 'dev', { name: 'second', scopes: ['read'] }).finally(close);

    // The limiter counts in fixed windows: a run may straddle two, so up to twice the limit can
    // pass before the first 429, never more.
    const { passed, limited } = await untilLimited(() => get(stack.apiKey), PER_KEY * 3);
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThanOrEqual(PER_KEY * 2);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(await limited.json()).toMatchObject({ status: 429, code: 'key_rate_limited' });
    expect((await get(other.secret)).status).toBe(200);
  });

  it('refuses an address that keeps sending keys that are not valid, before looking them up', async () => {
    const { passed, limited } = await untilLimited(() => get(generateApiKey()), AUTH_FAILURES * 3, 401);
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThanOrEqual(AUTH_FAILURES * 2);
    expect(await limited.json()).toMatchObject({ code: 'too_many_invalid_keys' });
    // From now on, refused without a lookup, however many keys it tries.
    const refused = await get(generateApiKey());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'too_many_invalid_keys' });
  });
});
