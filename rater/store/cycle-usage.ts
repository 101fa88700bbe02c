import { sql } from 'drizzle-orm';
import type { RatedCycleUsage } from '../../shared/spend/opening-spend';
import type { Queryable } from '../db/connect';
import { cycleUsage } from '../db/schema';

/**
 * The earliest cycle starting at or after `from` in which the association has rated usage, or null.
 * A late event (within the grace period) is rated into the cycle open when it arrived, so this is
 * what an association has rated from `from` on, whatever its events' timestamps: ending the
 * association at `from` would drop those cycles from every statement. Read under the account's plan
 * lock, so metering cannot add a row while the caller decides.
 */
export async function firstRatedCycleFrom(
  tx: Queryable,
  tenantId: string,
  associationId: string,
  from: number,
): Promise<string | null> {
  const t = cycleUsage;
  const { rows } = await tx.execute<{ cycle_start: string }>(sql`
    SELECT to_char(${t.cycleStart} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS cycle_start FROM ${t}
    WHERE ${t.tenantId} = ${tenantId} AND ${t.associationId} = ${associationId}
      AND ${t.cycleStart} >= ${new Date(from).toISOString()}::timestamptz AND ${t.quantity} > 0
    ORDER BY ${t.cycleStart} LIMIT 1`);
  return rows[0]?.cycle_start ?? null;
}

/**
 * The account's usage rated in the cycles that contain `at`, in one currency: what its spend in
 * those cycles was made of before a spend limit began tracking it (shared/spend/opening-spend.ts).
 */
export async function cycleUsageAt(
  db: Queryable,
  tenantId: string,
  accountId: string,
  currency: string,
  at: number,
): Promise<RatedCycleUsage[]> {
  const t = cycleUsage;
  const instant = new Date(at).toISOString();
  const { rows } = await db.execute<{
    association_id: string;
    meter_id: string;
    cycle_start: string;
    cycle_end: string;
    quantity: string;
  }>(sql`
    SELECT ${t.associationId} AS association_id, ${t.meterId} AS meter_id,
           (extract(epoch FROM ${t.cycleStart}) * 1000)::bigint::text AS cycle_start,
           (extract(epoch FROM ${t.cycleEnd}) * 1000)::bigint::text AS cycle_end, ${t.quantity}::text AS quantity
      FROM ${t}
     WHERE ${t.tenantId} = ${tenantId} AND ${t.accountId} = ${accountId} AND ${t.currency} = ${currency}
       AND ${t.cycleStart} <= ${instant}::timestamptz AND ${t.cycleEnd} > ${instant}::timestamptz
     ORDER BY 1, 2`);
  return rows.map((row) => ({
    associationId: row.association_id,
    meterId: row.meter_id,
    cycleStart: Number(row.cycle_start),
    cycleEnd: Number(row.cycle_end),
    currency,
    quantity: row.quantity,
  }));
}
