import { initialLayout, type DedupLayout } from '../../shared/idempotency/dedup-layout';
import type { Jurisdiction, Placement, Region } from '../../shared/tenant/placement';
import type { DedupShard } from '../dedup/dedup-shard';
import { edgeSettings, type EdgeEnv } from '../env';

/** Where a tenant's DedupShards are: its layout, and the region and jurisdiction they live in. */
export interface ShardPlacement {
  layout: DedupLayout;
  region: Region | null;
  jurisdiction: Jurisdiction | null;
}

/** The tenant's shard placement; a tenant that never grew uses the deployment's DEDUP_SHARDS. */
export function shardPlacement(env: EdgeEnv, placement: Placement | undefined): ShardPlacement {
  return {
    layout: placement?.dedupLayout ?? initialLayout(edgeSettings(env).DEDUP_SHARDS),
    region: placement?.region ?? null,
    jurisdiction: placement?.jurisdiction ?? null,
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
  where: Pick<ShardPlacement, 'region' | 'jurisdiction'>,
  name: string,
): DurableObjectStub<DedupShard> {
  const options = where.region ? { locationHint: where.region } : undefined;
  if (!where.jurisdiction) return env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(name), options);
  if (env.EMULATE_JURISDICTIONS === 'true') return env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(`${where.jurisdiction}/${name}`), options);
  const namespace = env.DEDUP_SHARD.jurisdiction(where.jurisdiction);
  return namespace.get(namespace.idFromName(name), options);
}
