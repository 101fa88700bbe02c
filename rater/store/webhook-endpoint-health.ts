import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/connect';

/** An endpoint as an attempt left it. */
export interface EndpointHealth {
  id: string;
  url: string;
  description: string | null;
  status: 'ACTIVE' | 'DISABLED';
  failingSince: Date | null;
}

/**
 * The endpoint an attempt was made to, its row locked to the transaction's end so that attempts
 * racing on it decide one after the other; null when it is gone.
 */
export async function lockEndpointHealth(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
): Promise<EndpointHealth | null> {
  const rows = await tx.execute<{
    id: string;
    url: string;
    description: string | null;
    status: string;
    failing_since: string | Date | null;
  }>(sql`SELECT id, url, description, status, failing_since FROM webhook_endpoints
    WHERE tenant_id = ${tenantId} AND id = ${endpointId} FOR UPDATE`);
  const row = rows.rows[0];
  if (!row) {
    return null;
  }
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    status: row.status === 'DISABLED' ? 'DISABLED' : 'ACTIVE',
    failingSince: row.failing_since === null ? null : new Date(row.failing_since),
  };
}

/**
 * Whether another of the endpoint's deliveries than `messageId` is failing: in its retry schedule
 * (PENDING after a failed attempt), or ended DEAD at `deadSince` or later. Read under the
 * endpoint's lock (lockEndpointHealth), so an attempt on it that committed first is seen.
 */
export async function otherDeliveriesFailing(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
  messageId: string,
  deadSince: Date,
): Promise<boolean> {
  // A DEAD delivery's next attempt keeps when its last one failed (recordAttempt).
  const rows = await tx.execute(sql`SELECT 1 FROM webhook_deliveries
    WHERE tenant_id = ${tenantId} AND endpoint_id = ${endpointId} AND incident_id <> ${messageId}
      AND ((status = 'PENDING' AND attempts > 0)
        OR (status = 'DEAD' AND next_attempt_at >= ${deadSince.toISOString()}::timestamptz)) LIMIT 1`);
  return rows.rows.length > 0;
}

/** Sets the endpoint's failure clock: since when it has been failing, or null when it is not. */
export async function setFailingSince(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
  failingSince: Date | null,
): Promise<void> {
  await tx.execute(sql`UPDATE webhook_endpoints SET failing_since = ${failingSince?.toISOString() ?? null}::timestamptz
    WHERE tenant_id = ${tenantId} AND id = ${endpointId}`);
}

/**
 * Disables an ACTIVE endpoint: nothing more is attempted, and its PENDING deliveries are HELD —
 * kept, to be resumed when it is enabled. False when it was not ACTIVE: only one caller disables it.
 */
export async function disableEndpoint(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
  now: Date,
  reason: string,
): Promise<boolean> {
  const disabled = await tx.execute(sql`UPDATE webhook_endpoints
    SET status = 'DISABLED', disabled_at = ${now.toISOString()}::timestamptz, disabled_reason = ${reason}
    WHERE tenant_id = ${tenantId} AND id = ${endpointId} AND status = 'ACTIVE' RETURNING id`);
  if (disabled.rows.length === 0) {
    return false;
  }
  await tx.execute(sql`UPDATE webhook_deliveries SET status = 'HELD'
    WHERE tenant_id = ${tenantId} AND endpoint_id = ${endpointId} AND status = 'PENDING'`);
  return true;
}
