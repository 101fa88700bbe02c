import { AppError } from '../../shared/errors/app-error';
import type { Principal } from '../../shared/auth/api-key';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import type { EdgeEnv } from '../env';
import { TtlCache } from './ttl-cache';

/**
 * What the edge needs to know about a tenant without a database round trip per request: who a
 * key belongs to, and the ACTIVE version of each event schema. Both come from the rater and are
 * cached per isolate. Staleness bounds (README, "Configuration reaching the edge"): a revoked key
 * stops working within KEY_TTL_MS; a schema change is seen within SCHEMA_TTL_MS everywhere, and
 * at once by the isolate that forwarded the change. An unknown key or schema is re-checked after
 * MISS_TTL_MS, so one created a moment ago is usable almost at once.
 */
export const KEY_TTL_MS = 30_000;
export const SCHEMA_TTL_MS = 10_000;
export const MISS_TTL_MS = 2_000;

const keys = new TtlCache<Principal | null>((p) => (p ? KEY_TTL_MS : MISS_TTL_MS));
const schemas = new TtlCache<EventSchema | null>((s) => (s ? SCHEMA_TTL_MS : MISS_TTL_MS));

export function principalForKey(env: Pick<EdgeEnv, 'RATER'>, keyHash: string): Promise<Principal | null> {
  return keys.get(keyHash, () => fromRater(() => env.RATER.resolveApiKey(keyHash)));
}

export function activeEventSchema(
  env: Pick<EdgeEnv, 'RATER'>,
  tenantId: string,
  name: string,
): Promise<EventSchema | null> {
  return schemas.get(`${tenantId}\u0000${name}`, () =>
    fromRater(() => env.RATER.activeEventSchema(tenantId, name)),
  );
}

/** Called when this isolate forwards a configuration change: it sees its own writes at once. */
export function forgetTenantSchemas(tenantId: string): void {
  schemas.deleteWhere((key) => key.startsWith(`${tenantId}\u0000`));
}

/** A rater (or database) outage on a cache miss is a 503 the client may retry, not a 500. */
async function fromRater<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error('configuration lookup failed', error);
    throw new AppError('unavailable', 'configuration_unavailable', 'Configuration is briefly unavailable; retry shortly');
  }
}
