import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Aggregation, UsageMeter } from '../../shared/meter/usage-meter';
import { postgresTimeZone, type UsageQuery } from '../../shared/usage/usage-query';
import type { Queryable } from '../db/connect';
import { usageDistinct as d, usageRollups as r } from '../db/schema';

export interface UsagePoint {
  from: string;
  value: string | null;
}

/** Merging per-minute rollups into any range is exact for each of these aggregations. */
const merge: Record<Exclude<Aggregation, 'UNIQUE_COUNT'>, SQL<string | null>> = {
  COUNT: sql`coalesce(sum(${r.eventCount}), 0)::text`,
  SUM: sql`coalesce(sum(${r.valueSum}), 0)::text`,
  MAX: sql`max(${r.valueMax})::text`,
  MIN: sql`min(${r.valueMin})::text`,
  LATEST: sql`(array_agg(${r.latestValue} order by ${r.latestAt} desc, ${r.latestEventId} collate "C" desc))[1]::text`,
};

/**
 * The meter's value over the whole range, and per window when one is asked for. UNIQUE_COUNT
 * counts distinct values over the range itself — distinct counts do not add up across minutes.
 */
export async function queryUsage(db: Queryable, tenantId: string, meter: UsageMeter, query: UsageQuery) {
  const source =
    meter.aggregation === 'UNIQUE_COUNT'
      ? { table: d, cols: d, value: sql<string | null>`count(distinct ${d.value})::text` }
      : { table: r, cols: r, value: merge[meter.aggregation] };
  const { table, cols, value } = source;
  const where = and(
    eq(cols.tenantId, tenantId),
    eq(cols.meterId, meter.id),
    gte(cols.bucket, new Date(query.from)),
    lt(cols.bucket, new Date(query.to)),
    query.accountId === undefined ? undefined : eq(cols.accountId, query.accountId),
  );
  const [total] = await db.select({ value }).from(table).where(where);

  let data: UsagePoint[] | undefined;
  if (query.window) {
    // date_trunc in the query's zone: windows follow that zone's calendar, DST included. Grouped
    // by position: the bound parameters of a repeated expression would not be seen as equal.
    const start = sql<Date>`date_trunc(${query.window.toLowerCase()}, ${cols.bucket}, ${postgresTimeZone(query.timeZone)})`;
    const rows = await db.select({ start, value }).from(table).where(where).groupBy(sql`1`).orderBy(sql`1`);
    data = rows.map((row) => ({ from: new Date(row.start).toISOString(), value: row.value }));
  }
  return { value: total?.value ?? null, data };
}
