import { sql } from 'drizzle-orm';
import { exactNumber } from '../../shared/api/exact-number';
import type { Incident, IncidentDelivery } from '../../shared/alert/incident';
import { Decimal } from '../../shared/decimal/decimal';
import type { Queryable } from '../db/connect';

interface IncidentRow extends Record<string, unknown> {
  id: string;
  seq: string;
  alert_id: string;
  alert_version: number;
  template_id: string;
  account_id: string;
  subject_id: string;
  threshold_index: number;
  threshold: string;
  value_before: string;
  value_after: string;
  cycle_start: string;
  cycle_end: string;
  status: string;
  created_at: string;
  updated_at: string;
  deliveries: {
    endpoint_id: string;
    status: IncidentDelivery['status'];
    attempts: number;
    last_response_status: number | null;
    last_error: string | null;
    next_attempt_at: string;
    delivered_at: string | null;
  }[];
}

const iso = (text: string) => new Date(text).toISOString();
/** NUMERIC keeps the scale of its inputs (8.50): answered in its shortest exact form (8.5). */
const amount = (numeric: string) => exactNumber(new Decimal(numeric).toFixed());

/**
 * What the template watches, under its own names: a meter's usage or a currency's revenue in a
 * cycle, or a feature's balance — which has no cycle: its incident keeps the instant of the crossing
 * in both cycle columns (recordBalanceCrossings), answered as `crossedAt`.
 */
function watched(row: IncidentRow) {
  const change = { before: amount(row.value_before), after: amount(row.value_after) };
  const cycle = { start: iso(row.cycle_start), end: iso(row.cycle_end) };
  switch (row.template_id) {
    case 'BALANCE_THRESHOLD':
      return { feature: { id: row.subject_id }, balance: change, crossedAt: iso(row.cycle_start) };
    case 'REVENUE_THRESHOLD':
      return { currency: { id: row.subject_id }, revenue: change, cycle };
    default:
      return { usageMeter: { id: row.subject_id }, usage: change, cycle };
  }
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    alertId: row.alert_id,
    alertVersion: row.alert_version,
    alertTemplateId: row.template_id,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    reportData: {
      account: { id: row.account_id },
      ...watched(row),
      threshold: { index: row.threshold_index, value: amount(row.threshold) },
      webhooks: {
        deliveries: row.deliveries.map((d) => ({
          endpointId: d.endpoint_id,
          status: d.status,
          attempts: d.attempts,
          ...(d.last_response_status !== null ? { lastResponseStatus: d.last_response_status } : {}),
          ...(d.last_error !== null ? { lastError: d.last_error } : {}),
          ...(d.status === 'PENDING' ? { nextAttemptAt: iso(d.next_attempt_at) } : {}),
          ...(d.delivered_at !== null ? { deliveredAt: iso(d.delivered_at) } : {}),
        })),
      },
    },
  };
}

function selectIncidents(tenantId: string) {
  return sql`
    SELECT i.id, i.seq::text AS seq, i.alert_id, i.alert_version, i.template_id, i.account_id, i.subject_id, i.threshold_index,
           i.threshold::text AS threshold, i.value_before::text AS value_before, i.value_after::text AS value_after,
           i.cycle_start, i.cycle_end, i.status, i.created_at, i.updated_at,
           COALESCE((SELECT json_agg(json_build_object('endpoint_id', d.endpoint_id, 'status', d.status, 'attempts', d.attempts,
                       'last_response_status', d.last_response_status, 'last_error', d.last_error,
                       'next_attempt_at', d.next_attempt_at, 'delivered_at', d.delivered_at) ORDER BY d.endpoint_id)
                     FROM webhook_deliveries d WHERE d.tenant_id = i.tenant_id AND d.incident_id = i.id), '[]'::json) AS deliveries
    FROM alert_incidents i WHERE i.tenant_id = ${tenantId}`;
}

export interface IncidentFilter {
  alertId?: string | undefined;
  status?: IncidentDelivery['status'] | undefined;
}

/** Incidents in the order they happened; `status` keeps those with a delivery in that state (DEAD: the failed ones). */
export async function listIncidents(
  db: Queryable,
  tenantId: string,
  filter: IncidentFilter,
  page: { afterSeq?: string | undefined; limit: number },
) {
  const rows = await db.execute<IncidentRow>(sql`${selectIncidents(tenantId)}
    ${filter.alertId !== undefined ? sql`AND i.alert_id = ${filter.alertId}` : sql``}
    ${filter.status !== undefined ? sql`AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = i.tenant_id AND d.incident_id = i.id AND d.status = ${filter.status})` : sql``}
    ${page.afterSeq !== undefined ? sql`AND i.seq > ${page.afterSeq}::bigint` : sql``}
    ORDER BY i.seq LIMIT ${page.limit}`);
  return rows.rows.map((row) => ({ seq: row.seq, incident: toIncident(row) }));
}

export async function findIncident(db: Queryable, tenantId: string, id: string): Promise<Incident | null> {
  const rows = await db.execute<IncidentRow>(sql`${selectIncidents(tenantId)} AND i.id = ${id}`);
  const row = rows.rows[0];
  return row ? toIncident(row) : null;
}

export async function incidentSeqExists(db: Queryable, tenantId: string, seq: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(seq)) {
    return false;
  }
  const rows = await db.execute(
    sql`SELECT 1 FROM alert_incidents WHERE tenant_id = ${tenantId} AND seq = ${seq}::bigint`,
  );
  return rows.rows.length > 0;
}

/** Sets an incident's status (Togai's update_incident_status); false when the tenant has no such incident. */
export async function setIncidentStatus(db: Queryable, tenantId: string, id: string, status: string): Promise<boolean> {
  const rows = await db.execute(
    sql`UPDATE alert_incidents SET status = ${status}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${id} RETURNING id`,
  );
  return rows.rows.length > 0;
}
