import { z } from 'zod';
import { shardFor } from './shard-for';

/**
 * How a tenant's event ids are spread over DedupShards, and how that grows while live (docs/design.md
 * §12, docs/capacity.md). A layout is a list of generations, oldest first. New ids are claimed in
 * the newest generation only; each generation's shard count is a multiple of the one before, so
 * every shard has exactly one predecessor (`shard mod previous count`) that may hold ids claimed
 * before the growth. A shard asks its predecessor about the ids it is given, and in doing so seals
 * it: a sealed shard takes no new claims, so an id can never be accepted on both sides of a
 * growth, whatever layout a stale isolate still routes by. Once the predecessor's last id has
 * expired (45 days after the seal at most), the shard stops asking.
 */
export const MAX_SHARDS_PER_TENANT = 4096;

export const dedupGenerationSchema = z.object({
  shards: z.number().int().min(1).max(MAX_SHARDS_PER_TENANT),
  /** When the generation took over (epoch ms); informational, routing never depends on clocks. */
  since: z.number().int().min(0),
});
export type DedupGeneration = z.infer<typeof dedupGenerationSchema>;

export const dedupLayoutSchema = z
  .array(dedupGenerationSchema)
  .min(1)
  .refine(
    (gens) => gens.every((g, i) => i === 0 || (g.shards > gens[i - 1]!.shards && g.shards % gens[i - 1]!.shards === 0)),
    {
      message: 'each generation must have a multiple of the previous shard count',
    },
  );
export type DedupLayout = z.infer<typeof dedupLayoutSchema>;

/** Where one id lives: its shard in one generation of the layout. */
export interface ShardAddress {
  generation: number;
  shard: number;
  /** The Durable Object name. The first generation keeps the names shards had before layouts. */
  name: string;
}

export function initialLayout(shards: number): DedupLayout {
  return [{ shards, since: 0 }];
}

/** The shard an id is claimed in: its shard in the newest generation. */
export function claimShard(layout: DedupLayout, tenantId: string, eventId: string): ShardAddress {
  const generation = layout.length - 1;
  return address(layout, tenantId, generation, shardFor(tenantId, eventId, layout[generation]!.shards));
}

/**
 * The ids of one tenant grouped by the shard they are claimed in (claimShard for each), with
 * each shard's address built once: a batch of 1 000 ids makes 16 addresses, not 1 000.
 */
export function groupByClaimShard(
  layout: DedupLayout,
  tenantId: string,
  ids: readonly string[],
): { address: ShardAddress; indexes: number[] }[] {
  const generation = layout.length - 1;
  const count = layout[generation]!.shards;
  const groups = new Map<number, number[]>();
  ids.forEach((id, index) => {
    const shard = shardFor(tenantId, id, count);
    const group = groups.get(shard);
    if (group) {
      group.push(index);
    } else {
      groups.set(shard, [index]);
    }
  });
  return [...groups].map(([shard, indexes]) => ({ address: address(layout, tenantId, generation, shard), indexes }));
}

/** The shard of the generation before that may hold ids of `of`'s slots; null for the first. */
export function predecessor(layout: DedupLayout, tenantId: string, of: ShardAddress): ShardAddress | null {
  if (of.generation === 0) {
    return null;
  }
  const generation = of.generation - 1;
  return address(layout, tenantId, generation, of.shard % layout[generation]!.shards);
}

/** The layout grown to `shards` (a multiple of today's count), or the reason it cannot be. */
export function grow(
  layout: DedupLayout,
  shards: number,
  now: number,
): { ok: true; layout: DedupLayout } | { ok: false; reason: string } {
  const current = layout[layout.length - 1]!.shards;
  if (shards === current) {
    return { ok: true, layout };
  }
  if (shards < current) {
    return { ok: false, reason: `A layout only grows: it has ${current} shards` };
  }
  if (shards % current !== 0) {
    return { ok: false, reason: `Must be a multiple of the current ${current} shards` };
  }
  if (shards > MAX_SHARDS_PER_TENANT) {
    return { ok: false, reason: `At most ${MAX_SHARDS_PER_TENANT} shards per tenant` };
  }
  return { ok: true, layout: [...layout, { shards, since: now }] };
}

function address(layout: DedupLayout, tenantId: string, generation: number, shard: number): ShardAddress {
  const name = generation === 0 ? `${tenantId}:${shard}` : `${tenantId}:${shard}/${layout[generation]!.shards}`;
  return { generation, shard, name };
}
