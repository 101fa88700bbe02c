import { z } from 'zod';
import { decimalValueSchema } from '../event/event-wire';
import { toHex } from '../idempotency/payload-hash';
import { DIRECTION_OF } from './alert';
import { thresholdCrossings } from './threshold-crossings';

/**
 * A BALANCE_THRESHOLD alert as an AccountLedger keeps it: the ACTIVE alerts watching the ledger's
 * account (its own, and the tenant's alerts on every account), thresholds already absolute. The
 * rater answers them (Rater.balanceAlerts); the ledger caches them (edge/ledger/balance-alerts.ts).
 */
export const watchedBalanceAlertSchema = z.object({
  alertId: z.string().min(1),
  version: z.number().int().positive(),
  featureId: z.string().min(1),
  thresholds: z.array(decimalValueSchema).min(1).max(10),
});
export type WatchedBalanceAlert = z.infer<typeof watchedBalanceAlertSchema>;

/**
 * One threshold a debit (or a void of credits) made a feature's balance fall through, as the
 * ledger records it in its outbox and the rater records it as an incident. `key` is the ledger's id
 * and the outbox row's sequence: the same crossing sent twice has the same key.
 */
export const balanceCrossingSchema = z.object({
  key: z.string().min(1).max(200),
  accountId: z.string().min(1),
  featureId: z.string().min(1),
  alertId: z.string().min(1),
  alertVersion: z.number().int().positive(),
  thresholdIndex: z.number().int().min(0),
  threshold: decimalValueSchema,
  before: decimalValueSchema,
  after: decimalValueSchema,
  /** When the transaction that crossed it ran (ms since the epoch). */
  at: z.number().int(),
});
export type BalanceCrossing = z.infer<typeof balanceCrossingSchema>;

export type DetectedBalanceCrossing = Pick<
  BalanceCrossing,
  'featureId' | 'alertId' | 'alertVersion' | 'thresholdIndex' | 'threshold' | 'before' | 'after'
>;

/**
 * The thresholds of `alerts` that a feature's balance crossed falling from `before` to `after`
 * (shared/alert/threshold-crossings.ts, DOWN): from above a threshold to at or below it. A rise
 * fires nothing and re-arms, by itself, every threshold it lifts the balance above.
 */
export function balanceCrossings(
  alerts: readonly WatchedBalanceAlert[],
  featureId: string,
  before: string,
  after: string,
): DetectedBalanceCrossing[] {
  return alerts
    .filter((alert) => alert.featureId === featureId)
    .flatMap((alert) =>
      thresholdCrossings(
        before,
        after,
        alert.thresholds.map((value, index) => ({ index, value })),
        DIRECTION_OF.BALANCE_THRESHOLD,
      ).map((t) => ({
        featureId,
        alertId: alert.alertId,
        alertVersion: alert.version,
        thresholdIndex: t.index,
        threshold: t.value,
        before,
        after,
      })),
    );
}

/**
 * The incident id of a crossing — its `webhook-id` too — derived from its key, so recording the
 * same crossing again finds the incident it made the first time instead of making another.
 */
export async function balanceIncidentId(key: string): Promise<string> {
  const hex = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`balance:${key}`))));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
