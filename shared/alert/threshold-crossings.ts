import { Decimal } from '../decimal/decimal';

/**
 * Which way a watched value must pass a threshold to fire: usage and revenue grow (`UP`: from
 * below the threshold to at or above it), a balance shrinks (`DOWN`: from above to at or below).
 */
export type CrossingDirection = 'UP' | 'DOWN';

/** One threshold, as an exact decimal string, with its position in the alert's list. */
export interface Threshold {
  index: number;
  value: string;
}

/**
 * The thresholds a change of the watched value from `before` to `after` crosses, in `direction`.
 *
 * Firing depends only on the change, never on a memory of past firings: a value that falls back
 * below a threshold re-arms it by that fall alone, so a later re-crossing fires again, and a change
 * applied once fires once. That is what lets the caller detect crossings inside the transaction
 * that makes the change and nowhere else — a redelivered batch that changes nothing fires nothing.
 */
export function thresholdCrossings(
  before: string,
  after: string,
  thresholds: readonly Threshold[],
  direction: CrossingDirection,
): Threshold[] {
  const from = new Decimal(before);
  const to = new Decimal(after);
  return thresholds.filter(({ value }) => {
    const t = new Decimal(value);
    return direction === 'UP' ? from.lt(t) && to.gte(t) : from.gt(t) && to.lte(t);
  });
}
