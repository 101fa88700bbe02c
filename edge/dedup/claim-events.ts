import { shardFor, shardName } from '../../shared/idempotency/shard-for';
import type { EdgeEnv } from '../env';
import type { Claim, ClaimResult } from './claim';

/**
 * Claims ids across a tenant's DedupShards: one RPC per shard touched, all in parallel, however
 * many events the request carries. Results come back in the order of `claims`. A shard that fails
 * (restarted, overloaded) fails only its own claims, as 'unavailable': the client sends those
 * again, and any the shard had committed before failing come back as duplicates, never twice.
 */
export async function claimEvents(
  env: Pick<EdgeEnv, 'DEDUP_SHARD'>,
  tenantId: string,
  claims: Claim[],
  shardCount: number,
): Promise<ClaimResult[]> {
  const byShard = new Map<number, number[]>();
  claims.forEach((claim, index) => {
    const shard = shardFor(tenantId, claim.id, shardCount);
    byShard.set(shard, [...(byShard.get(shard) ?? []), index]);
  });

  const results: ClaimResult[] = new Array(claims.length);
  await Promise.all(
    [...byShard].map(async ([shard, indexes]) => {
      const stub = env.DEDUP_SHARD.get(env.DEDUP_SHARD.idFromName(shardName(tenantId, shard)));
      try {
        const shardResults = await stub.claim(tenantId, indexes.map((i) => claims[i]!));
        indexes.forEach((claimIndex, k) => (results[claimIndex] = shardResults[k]!));
      } catch (error) {
        console.error(`dedup shard ${shard} failed; ${indexes.length} events answered UNAVAILABLE`, error);
        for (const claimIndex of indexes) results[claimIndex] = { id: claims[claimIndex]!.id, status: 'unavailable' };
      }
    }),
  );
  return results;
}
