import { sql } from 'drizzle-orm';
import type { WebhookDeliveryLogEntry } from '../../shared/webhook/webhook-delivery';
import type { Queryable } from '../db/connect';

/**
 * How long a delivery taken for an attempt is held from other runners. An attempt times out long
 * before (10 s), so once its lease has run out no attempt of that lease can still be under way.
 */
export const DELIVERY_LEASE_MS = 60_000;

interface LeasedRow extends Record<string, unknown> {
  tenant_id: string;
  /** The message's id — the incident's for alert.threshold_crossed — and its webhook-id. */
  incident_id: string;
  endpoint_id: string;
  event_type: string;
  attempts: number;
  url: string;
  secret: string;
  /** The secret before a rotation, while it still signs beside `secret`; else null. */
  previous_secret: string | null;
}

/** A delivery taken for an attempt: its message (an incident, or a notice) and the endpoint it goes to. */
export interface DueDelivery extends LeasedRow {
  /** Its lease's end, written as its next attempt: while the row still says so, the lease holds it. */
  leasedUntil: Date;
}

/**
 * Takes up to `limit` PENDING deliveries due at `now` and leases them for `leaseMs`: their next
 * attempt moves past the lease in the same statement, so a runner racing this one (another
 * isolate, the cron) skips them (SKIP LOCKED, then the new time). Should this runner die mid-send,
 * the lease runs out and the delivery is tried again — with the same webhook-id, which is what
 * receivers dedupe on. `tenantId` takes only that tenant's. A PENDING delivery found on a DISABLED
 * endpoint (written by a transaction that read the endpoint ACTIVE while it was being disabled) is
 * made HELD here instead of sent, so enabling the endpoint sends it.
 */
export async function leaseDueDeliveries(
  db: Queryable,
  now: Date,
  limit: number,
  leaseMs: number = DELIVERY_LEASE_MS,
  tenantId?: string,
): Promise<DueDelivery[]> {
  const leasedUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.execute<LeasedRow>(sql`
    WITH due AS (
      SELECT d.tenant_id, d.incident_id, d.endpoint_id FROM webhook_deliveries d
      WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now.toISOString()}::timestamptz
        ${tenantId !== undefined ? sql`AND d.tenant_id = ${tenantId}` : sql``}
      ORDER BY d.next_attempt_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED),
    leased AS (
      UPDATE webhook_deliveries d
         SET next_attempt_at = CASE WHEN e.status = 'DISABLED' THEN d.next_attempt_at
                                    ELSE ${leasedUntil.toISOString()}::timestamptz END,
             status = CASE WHEN e.status = 'DISABLED' THEN 'HELD' ELSE d.status END
      FROM due, webhook_endpoints e
      WHERE d.tenant_id = due.tenant_id AND d.incident_id = due.incident_id AND d.endpoint_id = due.endpoint_id
        AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
      RETURNING d.tenant_id, d.incident_id, d.endpoint_id, d.event_type, d.attempts, e.url, e.secret, e.status AS endpoint_status,
                CASE WHEN e.previous_secret_expires_at > ${now.toISOString()}::timestamptz THEN e.previous_secret END AS previous_secret)
    SELECT tenant_id, incident_id, endpoint_id, event_type, attempts, url, secret, previous_secret
      FROM leased WHERE endpoint_status <> 'DISABLED'`);
  return rows.rows.map((row) => ({ ...row, leasedUntil }));
}

export type AttemptOutcome =
  | { kind: 'delivered'; responseStatus: number; at: Date }
  | { kind: 'failed'; responseStatus: number | null; error: string; at: Date; retryAt: Date | null };

/**
 * Records one attempt: DELIVERED on a 2xx; else PENDING until `retryAt`, or DEAD when there is none
 * (its next attempt then keeps when the last one failed: the endpoint's failure clock reads it).
 * A delivery HELD meanwhile (its endpoint disabled while this attempt was under way) is DELIVERED
 * if the attempt succeeded — not sent again on enabling — and stays HELD if it failed. Only while
 * its lease still holds it (its next attempt is still the lease's end): a delivery redelivered
 * while this attempt was under way is queued behind it (redeliverMessage), and this attempt must
 * not write over that — nor over a later lease's, should this one have run out.
 */
export async function recordAttempt(db: Queryable, delivery: DueDelivery, outcome: AttemptOutcome): Promise<void> {
  const row = sql`tenant_id = ${delivery.tenant_id} AND incident_id = ${delivery.incident_id} AND endpoint_id = ${delivery.endpoint_id}
    AND next_attempt_at = ${delivery.leasedUntil.toISOString()}::timestamptz`;
  if (outcome.kind === 'delivered') {
    await db.execute(sql`UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_response_status = ${outcome.responseStatus},
      last_error = NULL, delivered_at = ${outcome.at.toISOString()}::timestamptz WHERE ${row} AND status IN ('PENDING', 'HELD')`);
    return;
  }
  const key = sql`${row} AND status = 'PENDING'`;
  await db.execute(sql`UPDATE webhook_deliveries SET attempts = attempts + 1, last_response_status = ${outcome.responseStatus}, last_error = ${outcome.error},
    status = ${outcome.retryAt ? 'PENDING' : 'DEAD'}, next_attempt_at = ${(outcome.retryAt ?? outcome.at).toISOString()}::timestamptz
    WHERE ${key}`);
}

/** The earliest time a PENDING delivery (of `tenantId`, if given) is due, or null: how long a runner may wait for the next. */
export async function nextDueAt(db: Queryable, tenantId?: string): Promise<Date | null> {
  const rows = await db.execute<{ at: string | null }>(
    sql`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'PENDING'
        ${tenantId !== undefined ? sql`AND tenant_id = ${tenantId}` : sql``}`,
  );
  const at = rows.rows[0]?.at;
  return at ? new Date(at) : null;
}

/**
 * What a manual redelivery makes of a delivery (`d`, its endpoint `e`): PENDING again (HELD while
 * the endpoint is DISABLED: it goes when the endpoint is enabled), a fresh retry schedule, the same
 * webhook-id — due at `now`, unless an attempt may be under way. A leased delivery is PENDING with
 * its next attempt at its lease's end, less than a lease away; one whose retry is due that soon
 * looks the same, and either way an attempt is at most a lease off. So such a delivery is not
 * brought forward into a second, concurrent send: its redelivery is queued behind that attempt
 * (Svix's and Stripe's behaviour: a resend of a message in flight waits for it), a lease after its
 * next attempt — not at it: that time is the lease's mark, and the attempt under way, finding the
 * mark gone, records nothing over the redelivery (recordAttempt).
 */
function redelivered(now: Date) {
  const mayBeUnderWay = sql`d.status IN ('PENDING', 'HELD') AND d.next_attempt_at > ${now.toISOString()}::timestamptz
    AND d.next_attempt_at <= ${new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString()}::timestamptz`;
  return sql`status = CASE WHEN e.status = 'DISABLED' THEN 'HELD' ELSE 'PENDING' END, attempts = 0, delivered_at = NULL,
    next_attempt_at = CASE WHEN ${mayBeUnderWay} THEN d.next_attempt_at + ${`${DELIVERY_LEASE_MS} milliseconds`}::interval
                           ELSE ${now.toISOString()}::timestamptz END`;
}

/**
 * Manual redelivery of an incident to every endpoint it went to that still exists (see
 * `redelivered`). Its webhook-id stays the incident's, so a receiver that had it already can tell.
 * False when the tenant has no such incident.
 */
export async function redeliverIncident(
  db: Queryable,
  tenantId: string,
  incidentId: string,
  now: Date,
): Promise<boolean> {
  const found = await db.execute(
    sql`SELECT 1 FROM alert_incidents WHERE tenant_id = ${tenantId} AND id = ${incidentId}`,
  );
  if (found.rows.length === 0) {
    return false;
  }
  await db.execute(sql`UPDATE webhook_deliveries d SET ${redelivered(now)}
    FROM webhook_endpoints e
    WHERE d.tenant_id = ${tenantId} AND d.incident_id = ${incidentId} AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id`);
  return true;
}

/**
 * Manual redelivery of one message to one endpoint, as redeliverIncident does for all of an
 * incident's: due at `now` — or queued behind an attempt that may be under way — on a fresh
 * schedule, with the same webhook-id. False when the endpoint has no delivery of that message.
 */
export async function redeliverMessage(
  db: Queryable,
  tenantId: string,
  endpointId: string,
  messageId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.execute(sql`UPDATE webhook_deliveries d SET ${redelivered(now)}
    FROM webhook_endpoints e
    WHERE d.tenant_id = ${tenantId} AND d.endpoint_id = ${endpointId} AND d.incident_id = ${messageId}
      AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
    RETURNING d.incident_id`);
  return rows.rows.length > 0;
}

interface LogRow extends Record<string, unknown> {
  seq: string;
  incident_id: string;
  event_type: string;
  status: WebhookDeliveryLogEntry['status'];
  attempts: number;
  last_response_status: number | null;
  last_error: string | null;
  next_attempt_at: string | Date;
  delivered_at: string | Date | null;
  created_at: string | Date;
}

const iso = (value: string | Date) => new Date(value).toISOString();

function toLogEntry(row: LogRow): WebhookDeliveryLogEntry {
  return {
    messageId: row.incident_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    ...(row.last_response_status !== null ? { lastResponseStatus: row.last_response_status } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.status === 'PENDING' ? { nextAttemptAt: iso(row.next_attempt_at) } : {}),
    ...(row.delivered_at !== null ? { deliveredAt: iso(row.delivered_at) } : {}),
    createdAt: iso(row.created_at),
  };
}

function selectLog(tenantId: string, endpointId: string) {
  return sql`SELECT seq::text AS seq, incident_id, event_type, status, attempts, last_response_status, last_error,
                    next_attempt_at, delivered_at, created_at
             FROM webhook_deliveries WHERE tenant_id = ${tenantId} AND endpoint_id = ${endpointId}`;
}

/** An endpoint's delivery log, newest first; `beforeSeq` continues after the page that ended there. */
export async function listEndpointDeliveries(
  db: Queryable,
  tenantId: string,
  endpointId: string,
  page: { beforeSeq?: string | undefined; limit: number },
): Promise<{ seq: string; delivery: WebhookDeliveryLogEntry }[]> {
  const rows = await db.execute<LogRow>(sql`${selectLog(tenantId, endpointId)}
    ${page.beforeSeq !== undefined ? sql`AND seq < ${page.beforeSeq}::bigint` : sql``}
    ORDER BY seq DESC LIMIT ${page.limit}`);
  return rows.rows.map((row) => ({ seq: row.seq, delivery: toLogEntry(row) }));
}

/** One message's delivery to the endpoint, as its log lists it; null when it has none. */
export async function findEndpointDelivery(
  db: Queryable,
  tenantId: string,
  endpointId: string,
  messageId: string,
): Promise<WebhookDeliveryLogEntry | null> {
  const rows = await db.execute<LogRow>(sql`${selectLog(tenantId, endpointId)} AND incident_id = ${messageId}`);
  const row = rows.rows[0];
  return row ? toLogEntry(row) : null;
}

/** Whether a page token's key is a delivery of this endpoint of this tenant. */
export async function endpointDeliverySeqExists(
  db: Queryable,
  tenantId: string,
  endpointId: string,
  seq: string,
): Promise<boolean> {
  if (!/^\d{1,18}$/.test(seq)) {
    return false;
  }
  const rows = await db.execute(
    sql`SELECT 1 FROM webhook_deliveries WHERE tenant_id = ${tenantId} AND endpoint_id = ${endpointId} AND seq = ${seq}::bigint`,
  );
  return rows.rows.length > 0;
}
