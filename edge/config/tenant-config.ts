import { AppError, rateLimited } from '../../shared/errors/app-error';
import type { Principal } from '../../shared/auth/api-key';
import type { ReplicatedFeatures, ReplicatedSchema } from '../../shared/tenant/replicated-config';
import type { EdgeEnv } from '../env';
import { TtlCache } from './ttl-cache';

/**
 * What the edge needs on every request, without a Postgres round trip: who an API key belongs to,
 * the ACTIVE version of each event schema, and the tenant's ACTIVE features. Two layers: a
 * per-isolate cache (ISOLATE_TTL_MS), over ConfigReplica objects that read through to the rater
 * and survive its outages.
 * Staleness bounds (README, "Configuration reaching the edge"): a change forwarded through the
 * edge — a schema change, a key revocation — is seen at once by the isolate that forwarded it and
 * by the replica, and by every other isolate within ISOLATE_TTL_MS. A change made behind the
 * edge's back (in the database) within ISOLATE_TTL_MS + REPLICA_FRESH_MS = 30 s.
 */
export const ISOLATE_TTL_MS = 5_000;
const ISOLATE_MISS_TTL_MS = 1_000;

type Env = Pick<EdgeEnv, 'CONFIG_REPLICA'>;
const keys = new TtlCache<Principal | null>((p) => (p ? ISOLATE_TTL_MS : ISOLATE_MISS_TTL_MS));
const schemas = new TtlCache<ReplicatedSchema | null>((s) => (s ? ISOLATE_TTL_MS : ISOLATE_MISS_TTL_MS));
const features = new TtlCache<ReplicatedFeatures>((found) =>
  found.features.length > 0 ? ISOLATE_TTL_MS : ISOLATE_MISS_TTL_MS,
);

export function principalForKey(env: Env, keyHash: string): Promise<Principal | null> {
  return keys.get(keyHash, async () => {
    const lookup = await fromReplica(() => replica(env, keyReplicaName(keyHash)).principal(keyHash));
    if (lookup.throttled) {
      throw rateLimited(
        'key_lookups_throttled',
        'Too many requests with API keys never seen before; retry in a second',
        1,
      );
    }
    return lookup.principal;
  });
}

/** The schema's ACTIVE version, and the tenant's jurisdiction, final once it exists (replicated-config.ts). */
export function activeEventSchema(env: Env, tenantId: string, name: string): Promise<ReplicatedSchema | null> {
  return schemas.get(`${tenantId}\u0000${name}`, () =>
    fromReplica(() => replica(env, `schemas:${tenantId}`).activeSchema(tenantId, name)),
  );
}

/**
 * The tenant's ACTIVE features, and its jurisdiction — features or none, the one its account
 * ledgers live in (shared/tenant/replicated-config.ts); final once the tenant has configuration.
 */
export function tenantFeatures(env: Env, tenantId: string): Promise<ReplicatedFeatures> {
  return features.get(tenantId, () => fromReplica(() => replica(env, `schemas:${tenantId}`).features(tenantId)));
}

/** After this isolate forwarded a configuration change: it and the replica see it at once. */
export async function forgetTenantConfig(env: Env, tenantId: string): Promise<void> {
  schemas.deleteWhere((key) => key.startsWith(`${tenantId}\u0000`));
  features.deleteWhere((key) => key === tenantId);
  await replica(env, `schemas:${tenantId}`).forgetAll();
}

/**
 * After this isolate forwarded a revocation: it and the key's replica forget the key at once;
 * other isolates within ISOLATE_TTL_MS.
 */
export async function forgetKey(env: Env, keyHash: string): Promise<void> {
  keys.deleteWhere((hash) => hash === keyHash);
  await replica(env, keyReplicaName(keyHash)).forgetKey(keyHash);
}

function keyReplicaName(keyHash: string): string {
  return `keys:${keyHash.slice(0, 2)}`;
}

function replica(env: Env, name: string) {
  return env.CONFIG_REPLICA.get(env.CONFIG_REPLICA.idFromName(name));
}

/** Only a miss that the rater cannot answer fails: a 503 the client may retry, never a 500. */
async function fromReplica<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error('configuration lookup failed', error);
    throw new AppError(
      'unavailable',
      'configuration_unavailable',
      'Configuration is briefly unavailable; retry shortly',
    );
  }
}
