import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { meterlineStatusOf, togaiStatusOf, type RecordedTogaiStatus } from '../../shared/api/event-status';
import { exactNumber } from '../../shared/api/exact-number';
import type { GetMetricsRequest, GetMetricsResponse, MetricGroup, MetricQuery } from '../../shared/api/metrics-routes';
import type { EventStatus } from '../../shared/metering/meter-event';
import type { Aggregation } from '../../shared/meter/usage-meter';
import { postgresTimeZone } from '../../shared/usage/usage-query';
import type { Queryable } from '../db/connect';
import {
  eventIds,
  events,
  revenueRollups as rr,
  usageDistinct as d,
  usageMeters,
  usageRollups as r,
} from '../db/schema';
import { merge, positions } from './usage';

type Result = GetMetricsResponse['results'][number];
type Series = Result['data'][number];

/** Togai's POST /metrics, answered from the rollups (USAGE) and the event status table (EVENTS). */
export async function queryMetrics(
  db: Queryable,
  tenantId: string,
  request: GetMetricsRequest,
): Promise<GetMetricsResponse> {
  const results: Result[] = [];
  for (const query of request.metricQueries) {
    const data =
      query.name === 'USAGE'
        ? await usageSeries(db, tenantId, request, query)
        : query.name === 'REVENUE'
          ? await revenueSeries(db, tenantId, request, query)
          : await eventSeries(db, tenantId, request, query);
    results.push({ id: query.id, name: query.name, data });
  }
  return { results };
}

/** The values a query's filters allow for a field, or undefined when no filter names it. */
function valuesOf(query: MetricQuery, field: string): string[] | undefined {
  const filters = query.filters?.filter((f) => f.fieldName === field) ?? [];
  return filters.length === 0 ? undefined : filters.flatMap((f) => f.fieldValues);
}

function periodStart(request: GetMetricsRequest, query: MetricQuery, column: AnyPgColumn) {
  return sql<Date>`date_trunc(${query.aggregationPeriod.toLowerCase()}, ${column}, ${postgresTimeZone(request.timeZone)})`;
}

/**
 * One series per meter (and per account with groupBy ACCOUNT_ID): meters never add up. One query
 * per aggregation among the meters asked for (each merges its rollups its own way), not per meter.
 */
async function usageSeries(
  db: Queryable,
  tenantId: string,
  request: GetMetricsRequest,
  query: MetricQuery,
): Promise<Series[]> {
  const meterIds = valuesOf(query, 'USAGE_METER_ID');
  const accounts = valuesOf(query, 'ACCOUNT_ID');
  const meters = await db
    .select({ id: usageMeters.id, aggregation: usageMeters.aggregation })
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), meterIds ? inArray(usageMeters.id, meterIds) : undefined));
  const byAccount = query.groupBy === 'ACCOUNT_ID';
  const idsByAggregation = new Map<Aggregation, string[]>();
  for (const meter of meters) {
    const aggregation = meter.aggregation as Aggregation;
    idsByAggregation.set(aggregation, [...(idsByAggregation.get(aggregation) ?? []), meter.id]);
  }
  const rows: { meterId: string; account: string; start: Date; value: string | null }[] = [];
  for (const [aggregation, ids] of idsByAggregation) {
    const cols = aggregation === 'UNIQUE_COUNT' ? d : r;
    const found = await db
      .select({
        meterId: cols.meterId,
        account: byAccount ? cols.accountId : sql<string>`''`,
        start: periodStart(request, query, cols.bucket),
        value: merge[aggregation],
      })
      .from(cols)
      .where(
        and(
          eq(cols.tenantId, tenantId),
          inArray(cols.meterId, ids),
          gte(cols.bucket, new Date(request.startTime)),
          lt(cols.bucket, new Date(request.endTime)),
          accounts ? inArray(cols.accountId, accounts) : undefined,
        ),
      )
      .groupBy(positions(3));
    rows.push(...found);
  }
  // Series by meter id, then account, each in time order — as one query ordered by them would give.
  rows.sort(
    (a, b) =>
      compareText(a.meterId, b.meterId) ||
      compareText(a.account, b.account) ||
      new Date(a.start).getTime() - new Date(b.start).getTime(),
  );
  const keyed = rows.map(({ meterId, account, start, value }) => ({
    key: JSON.stringify([meterId, account]),
    start,
    value,
  }));
  return toSeries(keyed, (key) => {
    const [meterId, account] = JSON.parse(key) as [string, string];
    const meterKey = { fieldName: 'USAGE_METER_ID', fieldValue: meterId };
    return byAccount ? [{ fieldName: 'ACCOUNT_ID', fieldValue: account }, meterKey] : [meterKey];
  });
}

/** Revenue by the minute its events happened: one series per currency (and per group). */
async function revenueSeries(
  db: Queryable,
  tenantId: string,
  request: GetMetricsRequest,
  query: MetricQuery,
): Promise<Series[]> {
  const accounts = valuesOf(query, 'ACCOUNT_ID');
  const meterIds = valuesOf(query, 'USAGE_METER_ID');
  const group =
    query.groupBy === 'ACCOUNT_ID' ? rr.accountId : query.groupBy === 'USAGE_METER_ID' ? rr.meterId : sql<string>`''`;
  const rows = await db
    .select({
      currency: rr.currency,
      group,
      start: periodStart(request, query, rr.bucket),
      value: sql<string>`sum(${rr.revenue})::text`,
    })
    .from(rr)
    .where(
      and(
        eq(rr.tenantId, tenantId),
        gte(rr.bucket, new Date(request.startTime)),
        lt(rr.bucket, new Date(request.endTime)),
        accounts ? inArray(rr.accountId, accounts) : undefined,
        meterIds ? inArray(rr.meterId, meterIds) : undefined,
      ),
    )
    .groupBy(positions(3))
    .orderBy(positions(3));
  const keyed = rows.map(({ currency, group: value, start, value: amount }) => ({
    key: JSON.stringify([currency, value]),
    start,
    value: amount,
  }));
  return toSeries(keyed, (key) => {
    const [currency, value] = JSON.parse(key) as [string, string];
    const currencyKey = { fieldName: 'CURRENCY', fieldValue: currency };
    return query.groupBy ? [{ fieldName: query.groupBy, fieldValue: value }, currencyKey] : [currencyKey];
  });
}

/** Events by the time they happened, optionally by account or by their status in the pipeline. */
async function eventSeries(
  db: Queryable,
  tenantId: string,
  request: GetMetricsRequest,
  query: MetricQuery,
): Promise<Series[]> {
  const accounts = valuesOf(query, 'ACCOUNT_ID');
  // The request names statuses as Togai does; the table keeps Meterline's names.
  const statuses = valuesOf(query, 'EVENT_STATUS')?.map((s) => meterlineStatusOf(s as RecordedTogaiStatus));
  const group =
    query.groupBy === 'ACCOUNT_ID'
      ? events.accountId
      : query.groupBy === 'EVENT_STATUS'
        ? eventIds.status
        : sql<string>`''`;
  const rows = await db
    .select({ key: group, start: periodStart(request, query, eventIds.eventTime), value: sql<string>`count(*)::text` })
    .from(eventIds)
    .innerJoin(
      events,
      and(
        eq(events.tenantId, eventIds.tenantId),
        eq(events.eventId, eventIds.eventId),
        eq(events.eventTime, eventIds.eventTime),
      ),
    )
    .where(
      and(
        eq(eventIds.tenantId, tenantId),
        gte(eventIds.eventTime, new Date(request.startTime)),
        lt(eventIds.eventTime, new Date(request.endTime)),
        accounts ? inArray(events.accountId, accounts) : undefined,
        statuses ? inArray(eventIds.status, statuses) : undefined,
      ),
    )
    .groupBy(positions(2))
    .orderBy(positions(2));
  return toSeries(rows, (key) => {
    if (!query.groupBy) {
      return [];
    }
    const value = query.groupBy === 'EVENT_STATUS' ? togaiStatusOf[key as EventStatus] : key;
    return [{ fieldName: query.groupBy, fieldValue: value }];
  });
}

/** A row of a series: `key` tells the series apart (encoded by its query), `start` its period. */
type KeyedRow = { key: string; start: Date; value: string | null };

/** Code-point order, as Postgres' "C" collation and JSON keys compare. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows ordered by (group, period) → one series per group. `keyOf` gives the fields that set the
 * series apart, the one Togai's single `groupedBy` names first. A period whose aggregate is null
 * had no value to report (Togai's values are numbers), so it is left out like a period without data.
 */
function toSeries(rows: KeyedRow[], keyOf: (key: string) => MetricGroup[]): Series[] {
  const series = new Map<string, Series>();
  for (const row of rows) {
    if (row.value === null) {
      continue;
    }
    let entry = series.get(row.key);
    if (!entry) {
      const seriesKey = keyOf(row.key);
      entry = { ...(seriesKey[0] ? { groupedBy: seriesKey[0] } : {}), seriesKey, timestamps: [], metricValues: [] };
      series.set(row.key, entry);
    }
    entry.timestamps.push(new Date(row.start).toISOString());
    entry.metricValues.push(exactNumber(row.value));
  }
  return [...series.values()];
}
