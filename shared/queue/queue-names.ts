import type { z } from 'zod';
import { issuesFromZod } from '../errors/zod-issues';
import { jurisdictions, type Jurisdiction } from '../tenant/placement';

/**
 * The queues, as named in wrangler.toml and rater/wrangler.toml (`batch.queue` tells them apart).
 * Each kind has one queue per jurisdiction — `meterline-events` for tenants without one,
 * `meterline-events-eu` created restricted to the EU — each with its dead-letter queue, so a
 * tenant's events and debits are queued only inside its jurisdiction (docs/capacity.md).
 */
export const EVENTS_QUEUE = 'meterline-events';
export const EVENTS_DEAD_LETTER_QUEUE = 'meterline-events-dlq';
export const LEDGER_QUEUE = 'meterline-ledger';
export const LEDGER_DEAD_LETTER_QUEUE = 'meterline-ledger-dlq';

export type QueueKind = 'events' | 'ledger';

export interface QueueAddress {
  kind: QueueKind;
  jurisdiction: Jurisdiction | null;
  deadLetter: boolean;
}

/** `meterline-<kind>[-<jurisdiction>][-dlq]`. */
export function queueName({ kind, jurisdiction, deadLetter }: QueueAddress): string {
  return `meterline-${kind}${jurisdiction ? `-${jurisdiction}` : ''}${deadLetter ? '-dlq' : ''}`;
}

/** What a queue's name says it carries, or null for a name Meterline does not use. */
export function parseQueueName(name: string): QueueAddress | null {
  const match = QUEUE_NAME.exec(name);
  if (!match) {
    return null;
  }
  return {
    kind: match[1] as QueueKind,
    jurisdiction: (match[2] ?? null) as Jurisdiction | null,
    deadLetter: match[3] !== undefined,
  };
}

const QUEUE_NAME = new RegExp(`^meterline-(events|ledger)(?:-(${jurisdictions.join('|')}))?(-dlq)?$`);

/** The binding a worker sends to a jurisdiction's queue through: `EVENTS_QUEUE`, `EVENTS_QUEUE_EU`, ... */
export function queueBindingName(base: 'EVENTS_QUEUE' | 'LEDGER_QUEUE', jurisdiction: Jurisdiction | null): string {
  return jurisdiction ? `${base}_${jurisdiction.toUpperCase()}` : base;
}

/** Why a message is not what its queue carries, short enough to park with it. */
export function malformedReason(error: z.ZodError): string {
  return `malformed: ${issuesFromZod(error)
    .slice(0, 3)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ')}`;
}
