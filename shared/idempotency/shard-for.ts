/**
 * Picks the DedupShard that owns an event id. The hash covers the tenant too, so two tenants'
 * ids never share a slot by accident, and one tenant's ids spread evenly over its shards.
 * FNV-1a (32 bit): tiny, synchronous and stable across runtimes — the mapping must never change
 * for a deployed shard count, or ids already claimed would be looked up in the wrong shard.
 */
export function shardFor(tenantId: string, eventId: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  const key = `${tenantId}\u0000${eventId}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}

export function shardName(tenantId: string, shard: number): string {
  return `${tenantId}:${shard}`;
}
