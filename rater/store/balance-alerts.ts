import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import {
  balanceIncidentId,
  type BalanceCrossing,
  type WatchedBalanceAlert,
} from '../../shared/alert/balance-crossings';
import type { Queryable } from '../db/connect';
import { alerts } from '../db/schema';

/** More BALANCE_THRESHOLD alerts than an account's ledger watches: those past it are not watched. */
export const WATCHED_BALANCE_ALERTS_MAX = 200;

/**
 * The BALANCE_THRESHOLD alerts an account's ledger watches: ACTIVE, still valid, on this account
 * or on every account — thresholds already absolute, as the alert row keeps them.
 */
export async function balanceAlertsOf(
  db: Queryable,
  tenantId: string,
  accountId: string,
  now: Date,
): Promise<WatchedBalanceAlert[]> {
  const rows = await db
    .select({ id: alerts.id, version: alerts.version, featureId: alerts.subjectId, thresholds: alerts.thresholds })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        eq(alerts.templateId, 'BALANCE_THRESHOLD'),
        eq(alerts.status, 'ACTIVE'),
        or(isNull(alerts.accountId), eq(alerts.accountId, accountId)),
        or(isNull(alerts.validUntil), gt(alerts.validUntil, now)),
      ),
    )
    .orderBy(asc(alerts.id))
    .limit(WATCHED_BALANCE_ALERTS_MAX);
  return rows.map((r) => ({ alertId: r.id, version: r.version, featureId: r.featureId, thresholds: r.thresholds }));
}

/**
 * Records crossings an AccountLedger detected: one incident each, with one PENDING delivery per
 * ACTIVE webhook endpoint, in one transaction. The incident's id is derived from the crossing's key
 * (ledger id and outbox sequence), so a crossing sent again — the ledger resends its outbox until
 * this has committed — meets its own incident and records nothing; the deliveries are written only
 * with the incident that was inserted. A crossing of an alert deleted or made INACTIVE before it
 * arrives is not recorded (the ledger's copy of its alerts may be up to a minute old).
 *
 * A balance has no cycle: both cycle columns keep the instant of the crossing.
 */
export async function recordBalanceCrossings(
  db: Queryable,
  tenantId: string,
  crossings: BalanceCrossing[],
): Promise<number> {
  const ids = await Promise.all(crossings.map((c) => balanceIncidentId(c.key)));
  return db.transaction(async (tx) => {
    let recorded = 0;
    for (const [i, c] of crossings.entries()) {
      const at = new Date(c.at).toISOString();
      const rows = await tx.execute<{ id: string }>(sql`
        WITH fired AS (
          INSERT INTO alert_incidents (tenant_id, id, alert_id, alert_version, template_id, account_id, subject_id,
                                       threshold_index, threshold, value_before, value_after, cycle_start, cycle_end)
          SELECT a.tenant_id, ${ids[i]}, a.id, ${c.alertVersion}, a.template_id, ${c.accountId}, a.subject_id,
                 ${c.thresholdIndex}, ${c.threshold}::numeric, ${c.before}::numeric, ${c.after}::numeric,
                 ${at}::timestamptz, ${at}::timestamptz
            FROM alerts a
           WHERE a.tenant_id = ${tenantId} AND a.id = ${c.alertId} AND a.template_id = 'BALANCE_THRESHOLD'
             AND a.subject_id = ${c.featureId} AND a.status = 'ACTIVE'
             AND (a.account_id IS NULL OR a.account_id = ${c.accountId})
             AND (a.valid_until IS NULL OR a.valid_until > ${at}::timestamptz)
          ON CONFLICT (tenant_id, id) DO NOTHING
          RETURNING tenant_id, id),
        delivered AS (
          INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id, status)
          SELECT f.tenant_id, f.id, e.id, CASE WHEN e.status = 'DISABLED' THEN 'HELD' ELSE 'PENDING' END
            FROM fired f
            JOIN webhook_endpoints e ON e.tenant_id = f.tenant_id AND e.status IN ('ACTIVE', 'DISABLED'))
        SELECT id FROM fired`);
      recorded += rows.rows.length;
    }
    return recorded;
  });
}
