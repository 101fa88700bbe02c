import { Decimal } from '../decimal/decimal';
import { canonicalJson } from '../idempotency/payload-hash';

/**
 * What a set of events adds to one per-minute rollup row. Every aggregation's state is kept, and
 * merging is associative and commutative, so the order events arrive in never changes a result:
 * that is what makes late and redelivered-then-deduplicated events exact.
 */
export interface Rollup {
  count: number;
  sum: string;
  min: string;
  max: string;
  latestValue: string;
  latestAt: string;
  latestEventId: string;
}

export interface RollupKey {
  tenantId: string;
  meterId: string;
  accountId: string;
  /** Start of the event's UTC minute. */
  bucket: string;
  dimensions: Record<string, string>;
}

export function rollupOf(value: string, at: string, eventId: string): Rollup {
  return { count: 1, sum: value, min: value, max: value, latestValue: value, latestAt: at, latestEventId: eventId };
}

export function mergeRollups(a: Rollup, b: Rollup): Rollup {
  const bIsLater =
    b.latestAt > a.latestAt || (b.latestAt === a.latestAt && compareCodePoints(b.latestEventId, a.latestEventId) > 0);
  return {
    count: a.count + b.count,
    sum: new Decimal(a.sum).plus(b.sum).toFixed(),
    min: Decimal.min(a.min, b.min).toFixed(),
    max: Decimal.max(a.max, b.max).toFixed(),
    latestValue: bIsLater ? b.latestValue : a.latestValue,
    latestAt: bIsLater ? b.latestAt : a.latestAt,
    latestEventId: bIsLater ? b.latestEventId : a.latestEventId,
  };
}

export function minuteBucket(timestamp: string): string {
  const time = new Date(timestamp);
  time.setUTCSeconds(0, 0);
  return time.toISOString();
}

/** A stable text key for a rollup row; rows are written in this order so writers never deadlock. */
export function rollupKeyText(key: RollupKey): string {
  return [key.tenantId, key.meterId, key.accountId, canonicalJson(key.dimensions), key.bucket].join('\u0000');
}

/**
 * Orders strings by Unicode code point — Postgres' COLLATE "C" order for UTF-8 — rather than by
 * UTF-16 code unit as `<` does, so the LATEST tie-break agrees with the database in every case.
 */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) {
      return d;
    }
  }
  return x.length - y.length;
}
