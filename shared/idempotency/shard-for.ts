/**
 * Picks the DedupShard that owns an event id. The hash covers the tenant too, so two tenants'
 * ids never share a slot by accident, and one tenant's ids spread evenly over its shards.
 * FNV-1a (32 bit): tiny, synchronous and stable across runtimes — the mapping must never change
 * for a deployed shard count, or ids already claimed would be looked up in the wrong shard.
 */
export function shardFor(tenantId: string, eventId: string, shardCount: number): number {
  // FNV-1a over `${tenantId}\u0000${eventId}`, without building that string (once per event).
  let hash = 0x811c9dc5;
  for (let i = 0; i < tenantId.length; i++) {
    hash = Math.imul(hash ^ tenantId.charCodeAt(i), 0x01000193) >>> 0;
  }
  hash = Math.imul(hash, 0x01000193) >>> 0; // the NUL between them: xor with 0 changes nothing
  for (let i = 0; i < eventId.length; i++) {
    hash = Math.imul(hash ^ eventId.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash % shardCount;
}

export function shardName(tenantId: string, shard: number): string {
  return `${tenantId}:${shard}`;
}
