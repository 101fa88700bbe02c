import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { revenueGroupBy, type RevenueQuery } from '../../shared/pricing/revenue-query';
import { postgresTimeZone } from '../../shared/usage/usage-query';
import type { Queryable } from '../db/connect';
import { revenueRollups as r } from '../db/schema';
import { positions } from './usage';

export interface RevenueSeries {
  currency: string;
  accountId?: string;
  meterId?: string;
  pricePlanId?: string;
  value: string;
  data?: { from: string; value: string }[];
}

/**
 * GET /revenue: sums of per-event revenue from revenue_rollups, always per currency (amounts in
 * different currencies never add up), optionally split by account, meter and the price plan that
 * rated it, and per window of
 * the query's time zone. Exact: NUMERIC sums of exact deltas, never rounded here.
 */
export async function queryRevenue(db: Queryable, tenantId: string, query: RevenueQuery) {
  const where = and(
    eq(r.tenantId, tenantId),
    gte(r.bucket, new Date(query.from)),
    lt(r.bucket, new Date(query.to)),
    query.accountId === undefined ? undefined : eq(r.accountId, query.accountId),
    query.meterId === undefined ? undefined : eq(r.meterId, query.meterId),
    query.pricePlanId === undefined ? undefined : eq(r.pricePlanId, query.pricePlanId),
  );
  const keys = revenueGroupBy(query);
  const columns = {
    accountId: sql<string>`${r.accountId}`,
    meterId: sql<string>`${r.meterId}`,
    pricePlanId: sql<string>`${r.pricePlanId}`,
  };
  const start = sql<Date>`date_trunc(${query.window?.toLowerCase() ?? 'minute'}, ${r.bucket}, ${postgresTimeZone(query.timeZone)})`;

  const seriesBy = async (groupKeys: (keyof typeof columns)[]): Promise<RevenueSeries[]> => {
    const selected: Record<string, SQL<string>> = { currency: sql<string>`${r.currency}` };
    for (const key of groupKeys) {
      selected[key] = columns[key];
    }
    const value = sql<string>`sum(${r.revenue})::text`;
    const totals = await db
      .select({ ...selected, value })
      .from(r)
      .where(where)
      .groupBy(positions(groupKeys.length + 1))
      .orderBy(positions(groupKeys.length + 1));
    const series = totals.map(
      (row) =>
        ({ ...(row as Record<string, string>), data: query.window ? [] : undefined }) as RevenueSeries &
          Record<string, unknown>,
    );
    if (query.window) {
      const byKey = new Map(series.map((s) => [keyText(s, groupKeys), s]));
      const rows = await db
        .select({ ...selected, start, value })
        .from(r)
        .where(where)
        .groupBy(positions(groupKeys.length + 2))
        .orderBy(positions(groupKeys.length + 2));
      for (const row of rows) {
        byKey
          .get(keyText(row as Record<string, unknown>, groupKeys))!
          .data!.push({ from: new Date(row.start as Date).toISOString(), value: row.value as string });
      }
    }
    return series.map(({ data, ...rest }) => ({ ...rest, ...(data ? { data } : {}) }) as RevenueSeries);
  };

  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    ...(query.window ? { window: query.window } : {}),
    totals: await seriesBy([]),
    ...(keys.length > 0 ? { groupBy: keys, groups: await seriesBy(keys) } : {}),
  };
}

function keyText(row: Record<string, unknown>, keys: string[]): string {
  return JSON.stringify([row.currency, ...keys.map((k) => row[k])]);
}
