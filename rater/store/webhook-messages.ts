import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/connect';
import { newId } from './write-guards';

export interface WebhookMessage {
  id: string;
  eventType: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Records a message that is not an incident, and its delivery to every ACTIVE endpoint of the
 * tenant but `exceptEndpointId`, due at `now` — in the caller's transaction, so the message exists
 * exactly when what it tells of committed. Returns the message and the endpoints it goes to.
 */
export async function insertWebhookMessage(
  tx: Queryable,
  tenantId: string,
  message: { eventType: string; data: Record<string, unknown> },
  now: Date,
  exceptEndpointId: string,
): Promise<{ id: string; endpointIds: string[] }> {
  const id = newId('msg_');
  await tx.execute(sql`INSERT INTO webhook_messages (tenant_id, id, event_type, payload, created_at)
    VALUES (${tenantId}, ${id}, ${message.eventType}, ${JSON.stringify(message.data)}::jsonb, ${now.toISOString()}::timestamptz)`);
  const sent = await tx.execute<{ endpoint_id: string }>(sql`
    INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id, event_type, next_attempt_at, created_at)
    SELECT ${tenantId}, ${id}, e.id, ${message.eventType}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    FROM webhook_endpoints e WHERE e.tenant_id = ${tenantId} AND e.status = 'ACTIVE' AND e.id <> ${exceptEndpointId}
    ORDER BY e.id
    RETURNING endpoint_id`);
  return { id, endpointIds: sent.rows.map((r) => r.endpoint_id) };
}

export async function findWebhookMessage(db: Queryable, tenantId: string, id: string): Promise<WebhookMessage | null> {
  const rows = await db.execute<{
    id: string;
    event_type: string;
    payload: Record<string, unknown>;
    created_at: string | Date;
  }>(
    sql`SELECT id, event_type, payload, created_at FROM webhook_messages WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
  const row = rows.rows[0];
  return row ? { id: row.id, eventType: row.event_type, data: row.payload, createdAt: new Date(row.created_at) } : null;
}
