import type { AcceptedEvent } from '../../shared/event/accepted-event';

/**
 * What the edge asks a DedupShard: accept this event under this id, unless the id is taken.
 * Built by the edge's own validation (prepare-claim.ts), so the shard does not check it again.
 */
export interface Claim {
  id: string;
  /** The id's storage key (claimed-ids.ts idStorageKey), computed at the edge; a shard computes it when absent. */
  key?: string;
  payloadHash: string;
  event: AcceptedEvent;
}

/** A shard's answer for one id. */
export type ShardClaimResult =
  | JudgedClaim
  /** The shard was sealed by a newer generation of the tenant's layout: claim it there. */
  | { id: string; status: 'moved' };

export type JudgedClaim = { id: string; status: 'accepted' | 'duplicate' | 'conflict'; acceptedAt: string };

export type ClaimResult =
  | JudgedClaim
  /** The shard could not be reached or failed mid-call: the id may or may not be claimed. */
  | { id: string; status: 'unavailable' };

/** How long an id stays claimed: the grace window, so a late retry is still recognised. */
export const ID_RETENTION_MS = 45 * 24 * 60 * 60 * 1000;

/** Ids are kept in buckets of this much acceptance time, each dropped whole (claimed-ids.ts). */
export const ID_BUCKET_MS = 3 * 24 * 60 * 60 * 1000;
