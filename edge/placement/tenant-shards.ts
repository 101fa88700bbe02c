import { initialLayout, type DedupLayout } from '../../shared/idempotency/dedup-layout';
import {
  jurisdictionSchema,
  type Jurisdiction,
  type ObjectPlacement,
  type Placement,
  type Region,
} from '../../shared/tenant/placement';
import type { DedupShard } from '../dedup/dedup-shard';
import { edgeSettings, type EdgeEnv } from '../env';

/** Where a tenant's DedupShards are: its layout, and the region and jurisdiction they live in. */
export interface ShardPlacement {
  layout: DedupLayout;
  region: Region | null;
  jurisdiction: Jurisdiction | null;
}

/**
 * The tenant's shard placement. The layout and region come with the API key (a stale layout is
 * safe: sealed shards redirect; a region applies only to objects not yet created). The
 * jurisdiction comes with the tenant's schema or features, where it is final, and is the one its
 * account ledgers live in (shared/tenant/replicated-config.ts). A tenant that never grew uses
 * DEDUP_SHARDS.
 */
export function shardPlacement(
  env: EdgeEnv,
  placement: Placement | undefined,
  jurisdiction: Jurisdiction | null,
): ShardPlacement {
  return {
    layout: placement?.dedupLayout ?? initialLayout(edgeSettings(env).DEDUP_SHARDS),
    region: placement?.region ?? null,
    jurisdiction,
  };
}

/**
 * A stub of the named shard, in the tenant's jurisdiction (the object runs and stores data only
 * there; the same name elsewhere is another object) and, when first created, near its region.
 * workerd does not implement jurisdictions: the local stack and the tests set
 * EMULATE_JURISDICTIONS, which keeps a jurisdiction's objects apart by name instead — the same
 * routing, without Cloudflare's guarantee of where the object runs.
 */
export function shardStub(
  env: Pick<EdgeEnv, 'DEDUP_SHARD' | 'EMULATE_JURISDICTIONS'>,
  where: ObjectPlacement,
  name: string,
): DurableObjectStub<DedupShard> {
  return placedStub(env.DEDUP_SHARD, env, where, name);
}

/** A stub of the named object of any class, placed as `where` says (see shardStub). */
export function placedStub<T extends Rpc.DurableObjectBranded | undefined>(
  namespace: DurableObjectNamespace<T>,
  env: Pick<EdgeEnv, 'EMULATE_JURISDICTIONS'>,
  where: ObjectPlacement,
  name: string,
): DurableObjectStub<T> {
  const options = where.region ? { locationHint: where.region } : undefined;
  if (!where.jurisdiction) {
    return namespace.get(namespace.idFromName(name), options);
  }
  // NUL cannot be in a tenant's name, so an emulated jurisdiction's names never meet real ones.
  if (env.EMULATE_JURISDICTIONS === 'true') {
    return namespace.get(namespace.idFromName(`${where.jurisdiction}\u0000${name}`), options);
  }
  const restricted = namespace.jurisdiction(where.jurisdiction);
  return restricted.get(restricted.idFromName(name), options);
}

/**
 * The jurisdiction an object was created in, as the object sees its own id: on Cloudflare the id
 * carries it; under EMULATE_JURISDICTIONS the name placedStub gave it does.
 */
export function jurisdictionOfObject(
  id: DurableObjectId,
  env: Pick<EdgeEnv, 'EMULATE_JURISDICTIONS'>,
): Jurisdiction | null {
  if (env.EMULATE_JURISDICTIONS !== 'true') {
    return id.jurisdiction ? jurisdictionSchema.parse(id.jurisdiction) : null;
  }
  const parts = id.name?.split('\u0000') ?? [];
  return parts.length === 2 ? jurisdictionSchema.parse(parts[0]) : null;
}
