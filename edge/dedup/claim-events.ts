import { claimShard, groupByClaimShard, type ShardAddress } from '../../shared/idempotency/dedup-layout';
import type { EdgeEnv } from '../env';
import { shardStub, type ShardPlacement } from '../placement/tenant-shards';
import type { Claim, ClaimResult } from './claim';

type Env = Pick<EdgeEnv, 'DEDUP_SHARD' | 'EMULATE_JURISDICTIONS'>;

/**
 * Claims ids across a tenant's DedupShards: one RPC per shard touched, all in parallel, however
 * many events the request carries. Results come back in the order of `claims`. A shard that fails
 * (restarted, overloaded) fails only its own claims, as 'unavailable': the client sends those
 * again, and any the shard had committed before failing come back as duplicates, never twice.
 * `layout` may be stale (it reaches isolates through caches): a shard sealed by a newer layout
 * answers 'moved', and those claims are sent once more by the layout that sealed it.
 */
export async function claimEvents(
  env: Env,
  tenantId: string,
  claims: Claim[],
  where: ShardPlacement,
): Promise<ClaimResult[]> {
  return claimBy(env, tenantId, claims, where, MAX_REROUTES);
}

/** Each reroute goes to a layout with more generations, so this bounds growths in one staleness window. */
const MAX_REROUTES = 8;

async function claimBy(
  env: Env,
  tenantId: string,
  claims: Claim[],
  where: ShardPlacement,
  reroutes: number,
): Promise<ClaimResult[]> {
  const { layout } = where;
  const byShard = groupByClaimShard(
    layout,
    tenantId,
    claims.map((c) => c.id),
  );

  const results: ClaimResult[] = new Array(claims.length);
  await Promise.all(
    byShard.map(async ({ address, indexes }) => {
      const stub = shardStub(env, where, address.name);
      const unavailable = (which: number[]) =>
        which.forEach((i) => (results[i] = { id: claims[i]!.id, status: 'unavailable' }));
      try {
        const shardResults = await stub.claim(
          tenantId,
          indexes.map((i) => claims[i]!),
          { ...where, address },
        );
        const moved: number[] = [];
        indexes.forEach((claimIndex, k) => {
          const result = shardResults[k]!;
          if (result.status === 'moved') {
            moved.push(claimIndex);
          } else {
            results[claimIndex] = result;
          }
        });
        if (moved.length === 0) {
          return;
        }
        const newer = await stub.sealedLayout();
        if (!newer || newer.length <= layout.length || reroutes === 0) {
          return unavailable(moved);
        }
        const again = await claimBy(
          env,
          tenantId,
          moved.map((i) => claims[i]!),
          { ...where, layout: newer },
          reroutes - 1,
        );
        moved.forEach((claimIndex, k) => (results[claimIndex] = again[k]!));
      } catch (error) {
        console.error(`dedup shard ${address.name} failed; ${indexes.length} events answered UNAVAILABLE`, error);
        unavailable(indexes);
      }
    }),
  );
  return results;
}

/**
 * The ids among `ids` claimed in the tenant's shards (an AccountLedger settling debits asks):
 * each id in its shard of the newest generation, which also asks the generations before. A
 * layout grown since the caller learnt it is followed: a sealed shard names the newer one.
 */
export async function claimedEventIds(
  env: Env,
  tenantId: string,
  ids: string[],
  where: ShardPlacement,
): Promise<Set<string>> {
  const byShard = new Map<string, { address: ShardAddress; ids: string[] }>();
  for (const id of ids) {
    const address = claimShard(where.layout, tenantId, id);
    const group = byShard.get(address.name);
    if (group) {
      group.ids.push(id);
    } else {
      byShard.set(address.name, { address, ids: [id] });
    }
  }
  const answers = await Promise.all(
    [...byShard.values()].map(async ({ address, ids }) => {
      const stub = shardStub(env, where, address.name);
      const [claimed, sealedBy] = await Promise.all([
        stub.claimedIds(ids, tenantId, { ...where, address }),
        stub.sealedLayout(),
      ]);
      return { claimed, sealedBy };
    }),
  );
  const newer = answers.map((a) => a.sealedBy).find((layout) => layout !== null && layout.length > where.layout.length);
  if (newer) {
    return claimedEventIds(env, tenantId, ids, { ...where, layout: newer });
  }
  return new Set(answers.flatMap((a) => a.claimed));
}
