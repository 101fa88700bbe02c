import { z } from 'zod';
import { acceptedEventSchema } from '../../shared/event/accepted-event';

/** What the edge asks a DedupShard: accept this event under this id, unless the id is taken. */
export const claimSchema = z.object({
  id: z.string(),
  payloadHash: z.string(),
  event: acceptedEventSchema,
});
export type Claim = z.infer<typeof claimSchema>;

export type ClaimResult =
  | { id: string; status: 'accepted'; acceptedAt: string }
  | { id: string; status: 'duplicate'; acceptedAt: string }
  | { id: string; status: 'conflict'; acceptedAt: string };

/** How long an id stays claimed: the grace window, so a late retry is still recognised. */
export const ID_RETENTION_MS = 45 * 24 * 60 * 60 * 1000;
