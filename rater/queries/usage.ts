import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Aggregation, UsageMeter } from '../../shared/meter/usage-meter';
import { dimensionFilters, groupByKeys, postgresTimeZone, type UsageQuery } from '../../shared/usage/usage-query';
import type { Queryable } from '../db/connect';
import { usageDistinct as d, usageRollups as r } from '../db/schema';

export interface UsagePoint {
  from: string;
  value: string | null;
}

/**
 * Merging per-minute rows into any range is exact for each aggregation: rollups for all but
 * UNIQUE_COUNT, which counts the distinct values kept in usage_distinct (shared with /metrics).
 */
export const merge: Record<Aggregation, SQL<string | null>> = {
  COUNT: sql`coalesce(sum(${r.eventCount}), 0)::text`,
  // One event's value as it was sent; a sum of several without trailing zeros, as decimal.js
  // prints it — the same text however the events were batched, merged into rows or summed here.
  SUM: sql`(case when coalesce(sum(${r.eventCount}), 0) <= 1 then coalesce(sum(${r.valueSum}), 0) else trim_scale(sum(${r.valueSum})) end)::text`,
  MAX: sql`max(${r.valueMax})::text`,
  MIN: sql`min(${r.valueMin})::text`,
  LATEST: sql`(array_agg(${r.latestValue} order by ${r.latestAt} desc, ${r.latestEventId} collate "C" desc))[1]::text`,
  UNIQUE_COUNT: sql`count(distinct ${d.value})::text`,
};

/** GROUP BY / ORDER BY the first `count` selected columns, by position. */
export const positions = (count: number) => sql.raw(Array.from({ length: count }, (_, i) => i + 1).join(', '));

export interface UsageGroup {
  /** The group's value of each groupBy dimension; null where its events lack that dimension. */
  dimensions: Record<string, string | null>;
  value: string | null;
  data?: UsagePoint[];
}

/**
 * The meter's value over the whole range, and per window when one is asked for; split by
 * dimensions with groupBy, narrowed by dimension filters. UNIQUE_COUNT counts distinct values
 * over the range (and each group) itself — distinct counts do not add up across minutes.
 */
export async function queryUsage(db: Queryable, tenantId: string, meter: UsageMeter, query: UsageQuery) {
  const source = meter.aggregation === 'UNIQUE_COUNT' ? { table: d, cols: d } : { table: r, cols: r };
  const value = merge[meter.aggregation];
  const { table, cols } = source;
  const where = and(
    eq(cols.tenantId, tenantId),
    eq(cols.meterId, meter.id),
    gte(cols.bucket, new Date(query.from)),
    lt(cols.bucket, new Date(query.to)),
    query.accountId === undefined ? undefined : eq(cols.accountId, query.accountId),
    ...[...dimensionFilters(query)].map(
      ([key, values]) => sql`${cols.dimensions} ->> ${key} = any(${sql.param(values)}::text[])`,
    ),
  );
  const keys = groupByKeys(query);
  // Grouped and ordered by position: the bound parameters of a repeated expression (the dimension
  // names, the zone) would not be seen as equal. date_trunc in the query's zone: windows follow
  // that zone's calendar, DST included.
  const start = sql<Date>`date_trunc(${query.window?.toLowerCase() ?? 'minute'}, ${cols.bucket}, ${postgresTimeZone(query.timeZone)})`;
  const dimension = (key: string) => sql<string | null>`${cols.dimensions} ->> ${key}`;

  const [total] = await db.select({ value }).from(table).where(where);
  let data: UsagePoint[] | undefined;
  if (query.window) {
    const rows = await db.select({ start, value }).from(table).where(where).groupBy(positions(1)).orderBy(positions(1));
    data = rows.map((row) => ({ from: new Date(row.start).toISOString(), value: row.value }));
  }
  if (keys.length === 0) {
    return { value: total?.value ?? null, data };
  }

  const groupColumns = Object.fromEntries(keys.map((key, i) => [`g${i}`, dimension(key)]));
  const groupOf = (row: Record<string, unknown>) =>
    Object.fromEntries(keys.map((key, i) => [key, (row[`g${i}`] as string | null) ?? null]));
  const groupRows = await db
    .select({ ...groupColumns, value })
    .from(table)
    .where(where)
    .groupBy(positions(keys.length))
    .orderBy(positions(keys.length));
  const groups: UsageGroup[] = groupRows.map((row) => ({
    dimensions: groupOf(row),
    value: row.value as string | null,
    ...(query.window ? { data: [] } : {}),
  }));
  if (query.window) {
    const byKey = new Map(groups.map((g) => [JSON.stringify(g.dimensions), g]));
    const rows = await db
      .select({ ...groupColumns, start, value })
      .from(table)
      .where(where)
      .groupBy(positions(keys.length + 1))
      .orderBy(positions(keys.length + 1));
    for (const row of rows) {
      byKey
        .get(JSON.stringify(groupOf(row)))!
        .data!.push({ from: new Date(row.start as Date).toISOString(), value: row.value as string | null });
    }
  }
  return { value: total?.value ?? null, data, groups };
}
