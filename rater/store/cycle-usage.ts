import { sql } from 'drizzle-orm';
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
