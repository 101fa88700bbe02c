import { z } from 'zod';

/**
 * An event after the edge accepted it: validated against one schema version, its id fixed, its
 * timestamp normalised to UTC and its attribute values kept as exact decimal strings. This is
 * what travels on the queue and what the rater meters.
 */
export const acceptedEventSchema = z.object({
  id: z.string(),
  schemaName: z.string(),
  schemaVersion: z.number().int(),
  timestamp: z.string(),
  accountId: z.string(),
  attributes: z.record(z.string(), z.string()),
  units: z.record(z.string(), z.string()).default({}),
  dimensions: z.record(z.string(), z.string()),
  acceptedAt: z.string(),
  /**
   * Set by POST /entitled, which debits the account's ledger before it claims the event: the
   * rater owes no debit for it (the ledger would skip it anyway), so none is queued or confirmed.
   */
  debitedAtEdge: z.literal(true).optional(),
});
export type AcceptedEvent = z.infer<typeof acceptedEventSchema>;
