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
 * Notes an attempt on its endpoint: a 2xx stops the failure clock, a failure starts it (or leaves
 * it running). The row stays locked to the transaction's end, so attempts racing on the same
 * endpoint decide one after the other. Null when the endpoint is gone.
 */
export async function noteEndpointAttempt(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
  succeeded: boolean,
  now: Date,
): Promise<EndpointHealth | null> {
  const rows = await tx.execute<{
    id: string;
    url: string;
    description: string | null;
    status: string;
    failing_since: string | Date | null;
  }>(sql`UPDATE webhook_endpoints
    SET failing_since = ${succeeded ? null : sql`COALESCE(failing_since, ${now.toISOString()}::timestamptz)`}
    WHERE tenant_id = ${tenantId} AND id = ${endpointId}
    RETURNING id, url, description, status, failing_since`);
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
