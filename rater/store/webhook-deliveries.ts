import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/connect';

/** A delivery taken for an attempt: its incident's row and the endpoint it goes to. */
export interface DueDelivery extends Record<string, unknown> {
  tenant_id: string;
  incident_id: string;
  endpoint_id: string;
  attempts: number;
  url: string;
  secret: string;
  /** The secret before a rotation, while it still signs beside `secret`; else null. */
  previous_secret: string | null;
}

/**
 * Takes up to `limit` PENDING deliveries due at `now` and leases them for `leaseMs`: their next
 * attempt moves past the lease in the same statement, so a runner racing this one (another
 * isolate, the cron) skips them (SKIP LOCKED, then the new time). Should this runner die mid-send,
 * the lease runs out and the delivery is tried again — with the same webhook-id, which is what
 * receivers dedupe on.
 */
export async function leaseDueDeliveries(
  db: Queryable,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<DueDelivery[]> {
  const leasedUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.execute<DueDelivery>(sql`
    WITH due AS (
      SELECT d.tenant_id, d.incident_id, d.endpoint_id FROM webhook_deliveries d
      WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now.toISOString()}::timestamptz
      ORDER BY d.next_attempt_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE webhook_deliveries d SET next_attempt_at = ${leasedUntil.toISOString()}::timestamptz
    FROM due, webhook_endpoints e
    WHERE d.tenant_id = due.tenant_id AND d.incident_id = due.incident_id AND d.endpoint_id = due.endpoint_id
      AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
    RETURNING d.tenant_id, d.incident_id, d.endpoint_id, d.attempts, e.url, e.secret,
              CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret`);
  return rows.rows;
}

export type AttemptOutcome =
  | { kind: 'delivered'; responseStatus: number; at: Date }
  | { kind: 'failed'; responseStatus: number | null; error: string; retryAt: Date | null };

/** Records one attempt: DELIVERED on a 2xx; else PENDING until `retryAt`, or DEAD when there is none. */
export async function recordAttempt(db: Queryable, delivery: DueDelivery, outcome: AttemptOutcome): Promise<void> {
  const key = sql`tenant_id = ${delivery.tenant_id} AND incident_id = ${delivery.incident_id} AND endpoint_id = ${delivery.endpoint_id} AND status = 'PENDING'`;
  if (outcome.kind === 'delivered') {
    await db.execute(sql`UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_response_status = ${outcome.responseStatus},
      last_error = NULL, delivered_at = ${outcome.at.toISOString()}::timestamptz WHERE ${key}`);
    return;
  }
  await db.execute(sql`UPDATE webhook_deliveries SET attempts = attempts + 1, last_response_status = ${outcome.responseStatus}, last_error = ${outcome.error},
    status = ${outcome.retryAt ? 'PENDING' : 'DEAD'}, next_attempt_at = COALESCE(${outcome.retryAt?.toISOString() ?? null}::timestamptz, next_attempt_at)
    WHERE ${key}`);
}

/** The earliest time a PENDING delivery is due, or null: how long a runner may wait for the next. */
export async function nextDueAt(db: Queryable): Promise<Date | null> {
  const rows = await db.execute<{ at: string | null }>(
    sql`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'PENDING'`,
  );
  const at = rows.rows[0]?.at;
  return at ? new Date(at) : null;
}

/**
 * Manual redelivery: every delivery of the incident whose endpoint still exists is PENDING again,
 * due now, with a fresh retry schedule. Its webhook-id stays the incident's, so a receiver that
 * had it already can tell. False when the tenant has no such incident.
 */
export async function redeliverIncident(db: Queryable, tenantId: string, incidentId: string): Promise<boolean> {
  const found = await db.execute(
    sql`SELECT 1 FROM alert_incidents WHERE tenant_id = ${tenantId} AND id = ${incidentId}`,
  );
  if (found.rows.length === 0) {
    return false;
  }
  await db.execute(sql`UPDATE webhook_deliveries d SET status = 'PENDING', attempts = 0, next_attempt_at = now(), delivered_at = NULL
    WHERE d.tenant_id = ${tenantId} AND d.incident_id = ${incidentId}
      AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = d.tenant_id AND e.id = d.endpoint_id)`);
  return true;
}
