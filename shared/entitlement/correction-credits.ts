import type { AcceptedEvent } from '../event/accepted-event';
import { canonicalJson } from '../idempotency/payload-hash';
import type { EventStatus } from '../metering/meter-event';
import type { Feature } from './feature';
import { featureDebits, type DebitLine } from './feature-debits';

/** What an event holds of its account's features: debited by the ledger for it, at its timestamp. */
export interface HeldCredits {
  accountId: string;
  /** The event's timestamp in milliseconds. */
  at: number;
  lines: DebitLine[];
}

/** One change a correction makes to an account's credits (a row of the rater's outbox of corrections). */
export interface CreditChange extends HeldCredits {
  effect: 'REFUND' | 'DEBIT';
}

/**
 * What an event in `status` holds of the features: what it consumes (featureDebits), unless it
 * holds nothing — REVERTED, or ACCOUNT_NOT_FOUND (not processed: no debit is owed for it until
 * it is replayed). Every other recorded event was debited, /entitled ones at the edge, the rest
 * through the ledger outbox, whatever its meters made of it.
 */
export function heldCredits(
  event: Omit<AcceptedEvent, 'acceptedAt'>,
  status: EventStatus,
  features: Feature[],
): HeldCredits | null {
  if (status === 'REVERTED' || status === 'ACCOUNT_NOT_FOUND') {
    return null;
  }
  const lines = featureDebits(event, features).lines;
  return lines.length === 0 ? null : { accountId: event.accountId, at: Date.parse(event.timestamp), lines };
}

/**
 * What a correction changes in credits, from what the event held before to what it holds after:
 * the old given back, then the new debited — in this order, so the ledger never debits a
 * replacement on top of what it replaces. Nothing when both are the same (a REDO of a counted
 * event: its debit stays right).
 */
export function creditChanges(before: HeldCredits | null, after: HeldCredits | null): CreditChange[] {
  if (canonicalJson(before) === canonicalJson(after)) {
    return [];
  }
  return [
    ...(before ? [{ ...before, effect: 'REFUND' as const }] : []),
    ...(after ? [{ ...after, effect: 'DEBIT' as const }] : []),
  ];
}
