import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { connect } from '../../../rater/db/connect';

/**
 * Writes an endpoint's delivery log as the outbox would have left it, oldest first (route tests
 * that page through it, or redeliver from it, without metering crossings or running passes).
 */
export async function seedDeliveries(
  tenantId: string,
  endpointId: string,
  deliveries: { messageId: string; status: 'DELIVERED' | 'DEAD' | 'HELD'; attempts: number }[],
): Promise<void> {
  const { db, pool } = connect(env);
  try {
    for (const d of deliveries) {
      await db.execute(sql`INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id, status, attempts,
        last_response_status, last_error, delivered_at)
        VALUES (${tenantId}, ${d.messageId}, ${endpointId}, ${d.status}, ${d.attempts},
          ${d.status === 'DELIVERED' ? 204 : 500}, ${d.status === 'DELIVERED' ? null : 'the endpoint answered 500'},
          ${d.status === 'DELIVERED' ? sql`now()` : null})`);
    }
  } finally {
    await pool.end();
  }
}

/** Disables the endpoint as the delivery pass would (rater/services/webhook-endpoint-health.ts), with this reason. */
export async function markDisabled(tenantId: string, endpointId: string, reason: string): Promise<void> {
  const { db, pool } = connect(env);
  try {
    await db.execute(sql`UPDATE webhook_endpoints SET status = 'DISABLED', failing_since = now() - interval '5 days',
      disabled_at = now(), disabled_reason = ${reason} WHERE tenant_id = ${tenantId} AND id = ${endpointId}`);
    await db.execute(sql`UPDATE webhook_deliveries SET status = 'HELD'
      WHERE tenant_id = ${tenantId} AND endpoint_id = ${endpointId} AND status = 'PENDING'`);
  } finally {
    await pool.end();
  }
}
