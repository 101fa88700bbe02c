import { sql } from 'drizzle-orm';
import { groupPricedUsage, type RatedOutcome, type RatingAssociation } from '../../shared/pricing/rate-usage';
import type { Queryable } from '../db/connect';
import { eventIds, events } from '../db/schema';
import { rateGroups } from './write-revenue';

/**
 * What an account's metered events added to these meters over [from, until), per minute of event
 * time and day of arrival — all rating needs to place usage in its cycle (cycles and grace periods
 * end at 00:00 UTC, so the day of arrival decides a late event's cycle as its instant would).
 * Summed in Postgres: a backdated month of a busy account is a few thousand rows, not its events.
 */
export async function meteredUsageSince(
  db: Queryable,
  tenantId: string,
  accountId: string,
  range: { from: number; until: number | null },
  meterIds: string[],
): Promise<RatedOutcome[]> {
  if (meterIds.length === 0) {
    return [];
  }
  const until =
    range.until === null ? sql`` : sql`AND e.event_time < ${new Date(range.until).toISOString()}::timestamptz`;
  const { rows } = await db.execute<{ minute: string; accepted_day: string; meter_id: string; quantity: string }>(sql`
    SELECT to_char(date_trunc('minute', e.event_time) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS minute,
           to_char(date_trunc('day', e.accepted_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS accepted_day,
           m.value->>'meterId' AS meter_id,
           sum(CASE WHEN m.value->>'aggregation' = 'COUNT' THEN 1 ELSE (m.value->>'value')::numeric END)::text AS quantity
    FROM ${events} e
    JOIN ${eventIds} i ON i.tenant_id = e.tenant_id AND i.event_id = e.event_id
    CROSS JOIN LATERAL jsonb_array_elements(i.detail->'meters') AS m (value)
    WHERE e.tenant_id = ${tenantId} AND e.account_id = ${accountId}
      AND e.event_time >= ${new Date(range.from).toISOString()}::timestamptz ${until}
      AND i.status = 'METERED'
      AND m.value->>'meterId' = ANY(${sql.param(meterIds)}::text[])
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`);
  return rows.map((row) => ({
    // One "event" per group: rated in minute order, as metering rates a batch in timestamp order.
    // A range may start inside a minute: its first minute is dated at the start (same minute, same cycle).
    event: {
      id: `${row.minute}/${row.accepted_day}`,
      accountId,
      timestamp: new Date(Math.max(Date.parse(row.minute), range.from)).toISOString(),
      acceptedAt: row.accepted_day,
    },
    contributions: [{ meterId: row.meter_id, value: row.quantity, aggregation: 'SUM' as const }],
  }));
}

/**
 * The catch-up of a new association (Togai bills usage from effectiveFrom, however long ago): rates
 * every event of the account metered before it existed with a timestamp in its range. Runs in the
 * association's transaction, under the account's plan lock taken exclusively, while metering takes
 * it shared before it reads associations (write-revenue.ts). So each event is rated exactly once:
 * committed before the lock → seen here (no other association covered it: changeSchedule refuses
 * ranges another plan has rated); committed after → its batch saw this association. A crash rolls
 * back the association and its catch-up together; a retry starts over.
 */
export async function rateBackdatedUsage(
  db: Queryable,
  tenantId: string,
  association: RatingAssociation,
): Promise<void> {
  const meterIds = association.definition.usageRateCards.map((card) => card.usageMeterId);
  const usage = await meteredUsageSince(
    db,
    tenantId,
    association.accountId,
    { from: association.effectiveFrom, until: association.effectiveUntil },
    meterIds,
  );
  if (usage.length === 0) {
    return;
  }
  await rateGroups(db, tenantId, groupPricedUsage(usage, [association]));
}
