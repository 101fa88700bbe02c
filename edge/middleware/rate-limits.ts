import type { Principal } from '../../shared/auth/api-key';
import { rateLimited } from '../../shared/errors/app-error';
import type { EdgeEnv } from '../env';

/** The periods of wrangler.toml's [[ratelimits]]: what Retry-After can promise. */
const REQUEST_PERIOD_S = 10;
const AUTH_FAILURE_PERIOD_S = 60;
const MAX_BLOCKED_CLIENTS = 10_000;

/**
 * Addresses over the failed-authentication limit, in this isolate: refused for the rest of the
 * period without a lookup, so guessing keys costs Meterline no ConfigReplica or Postgres work.
 */
const blockedUntil = new Map<string, number>();

export function refuseBlockedClient(client: string, now = Date.now()): void {
  const until = blockedUntil.get(client);
  if (until === undefined) {
    return;
  }
  if (until <= now) {
    blockedUntil.delete(client);
    return;
  }
  throw rateLimited(
    'too_many_invalid_keys',
    'Too many requests with API keys that are not valid from this address',
    Math.ceil((until - now) / 1000),
  );
}

/** A request's key was not valid: counted against its address, which may now be blocked. */
export async function limitFailedAuthentication(
  env: Pick<EdgeEnv, 'AUTH_FAILURE_LIMITER'>,
  client: string,
  now = Date.now(),
): Promise<void> {
  const { success } = await env.AUTH_FAILURE_LIMITER.limit({ key: client });
  if (success) {
    return;
  }
  if (blockedUntil.size >= MAX_BLOCKED_CLIENTS) {
    blockedUntil.clear();
  }
  blockedUntil.set(client, now + AUTH_FAILURE_PERIOD_S * 1000);
  throw rateLimited(
    'too_many_invalid_keys',
    'Too many requests with API keys that are not valid from this address',
    AUTH_FAILURE_PERIOD_S,
  );
}

/** Every authenticated request counts against its key's rate and its tenant's. */
export async function limitRequests(
  env: Pick<EdgeEnv, 'KEY_LIMITER' | 'TENANT_LIMITER'>,
  principal: Principal,
): Promise<void> {
  const [perKey, perTenant] = await Promise.all([
    env.KEY_LIMITER.limit({ key: principal.keyId }),
    env.TENANT_LIMITER.limit({ key: principal.tenantId }),
  ]);
  if (!perKey.success) {
    throw rateLimited(
      'key_rate_limited',
      'This API key is over its request rate; slow down and retry',
      REQUEST_PERIOD_S,
    );
  }
  if (!perTenant.success) {
    throw rateLimited(
      'tenant_rate_limited',
      "The tenant's keys together are over its request rate; slow down and retry",
      REQUEST_PERIOD_S,
    );
  }
}
