import type { z } from 'zod';
import { issuesFromZod } from '../errors/zod-issues';

/** The queues, as named in wrangler.toml and rater/wrangler.toml (`batch.queue` tells them apart). */
export const EVENTS_QUEUE = 'meterline-events';
export const EVENTS_DEAD_LETTER_QUEUE = 'meterline-events-dlq';
export const LEDGER_QUEUE = 'meterline-ledger';
export const LEDGER_DEAD_LETTER_QUEUE = 'meterline-ledger-dlq';

/** Why a message is not what its queue carries, short enough to park with it. */
export function malformedReason(error: z.ZodError): string {
  return `malformed: ${issuesFromZod(error)
    .slice(0, 3)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ')}`;
}
