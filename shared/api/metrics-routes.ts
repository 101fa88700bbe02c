import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { timeZoneSchema, wholeMinute } from '../usage/usage-query';
import { jsonBody, jsonResponse, problems } from './common';

export const metricPeriods = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
const periodMinutes = { HOUR: 60, DAY: 1440, WEEK: 10080, MONTH: 40320 } as const;
/** Togai: "a single response dataset can contain a maximum of 100 data points". */
export const MAX_DATA_POINTS = 100;

/** Which groupBy and filter fields each metric takes (Togai's table, with Meterline's event statuses). */
export const metricFields = {
  USAGE: ['ACCOUNT_ID', 'USAGE_METER_ID'],
  EVENTS: ['ACCOUNT_ID', 'EVENT_STATUS'],
  REVENUE: ['ACCOUNT_ID', 'USAGE_METER_ID'],
} as const;
export type MetricField = (typeof metricFields)[keyof typeof metricFields][number];

const metricQuerySchema = z
  .strictObject({
    id: z.string().min(1).max(100).meta({ description: 'Your name for this query; its result carries it' }),
    name: z.enum(['USAGE', 'EVENTS', 'REVENUE']).meta({
      description: 'USAGE: usage meter values (always one series per meter); EVENTS: events processed; REVENUE: revenue rated, one series per currency',
    }),
    aggregationPeriod: z.enum(metricPeriods),
    groupBy: z.enum(['ACCOUNT_ID', 'USAGE_METER_ID', 'EVENT_STATUS']).optional(),
    filters: z
      .array(z.strictObject({ fieldName: z.enum(['ACCOUNT_ID', 'USAGE_METER_ID', 'EVENT_STATUS']), fieldValues: z.array(z.string().min(1).max(512)).min(1).max(100) }))
      .max(3)
      .optional(),
  })
  .meta({ id: 'MetricQuery' });
export type MetricQuery = z.infer<typeof metricQuerySchema>;

export const getMetricsRequest = z
  .strictObject({
    startTime: wholeMinute.meta({ description: 'Inclusive; on a whole minute' }),
    endTime: wholeMinute.meta({ description: 'Exclusive; on a whole minute' }),
    timeZone: timeZoneSchema.meta({ description: 'Meterline: the calendar the periods follow (default UTC)' }),
    metricQueries: z.array(metricQuerySchema).min(1).max(5),
  })
  .superRefine((request, ctx) => {
    const span = (new Date(request.endTime).getTime() - new Date(request.startTime).getTime()) / 60_000;
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
    const ids = new Set<string>();
    request.metricQueries.forEach((query, i) => {
      const at = (...path: (string | number)[]) => ['metricQueries', i, ...path];
      if (ids.has(query.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `'${query.id}' is used by an earlier query` });
      ids.add(query.id);
      const allowed: readonly string[] = metricFields[query.name];
      if (query.groupBy && !allowed.includes(query.groupBy)) {
        ctx.addIssue({ code: 'custom', path: at('groupBy'), message: `${query.name} groups by ${allowed.join(' or ')}` });
      }
      query.filters?.forEach((filter, k) => {
        if (!allowed.includes(filter.fieldName)) ctx.addIssue({ code: 'custom', path: at('filters', k, 'fieldName'), message: `${query.name} filters on ${allowed.join(' or ')}` });
      });
      if (span > 0 && Math.ceil(span / periodMinutes[query.aggregationPeriod]) + 1 > MAX_DATA_POINTS) {
        ctx.addIssue({ code: 'custom', path: at('aggregationPeriod'), message: `gives more than ${MAX_DATA_POINTS} data points over this range; choose a longer period` });
      }
    });
  })
  .meta({ id: 'GetMetricsRequest' });
export type GetMetricsRequest = z.infer<typeof getMetricsRequest>;

const decimal = z.string().meta({ description: 'An exact decimal' });
export const getMetricsResponse = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        name: z.enum(['USAGE', 'EVENTS', 'REVENUE']),
        data: z.array(
          z.object({
            groupedBy: z.record(z.string(), z.string()).optional().meta({
              description: 'The series: USAGE_METER_ID always for USAGE, CURRENCY always for REVENUE, and the groupBy field',
            }),
            timestamps: z.array(z.string()).meta({ description: 'Start of each period that had data, in the query’s time zone, as UTC instants' }),
            metricValues: z.array(decimal.nullable()),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'GetMetricsResponse' });
export type GetMetricsResponse = z.infer<typeof getMetricsResponse>;

/** Togai's MetricsApi: several usage and event series in one request, from the rollups. */
export const metricsRoutes = {
  get: createRoute({
    method: 'post', path: '/metrics', tags: ['Usage'], summary: 'Usage and event metrics over time (Togai’s MetricsApi)',
    description:
      'Up to five queries. USAGE answers one series per usage meter (meters aggregate differently, so they are never added ' +
      'together), split further by ACCOUNT_ID when asked; EVENTS counts events by their status in the pipeline. ' +
      'REVENUE sums the revenue of rated events, one series per currency (exact, not rounded). ' +
      'A read: an API key with the read scope may call it.',
    request: { body: jsonBody(getMetricsRequest) },
    responses: { 200: jsonResponse(getMetricsResponse, 'One result per query, in order'), ...problems(400, 422) },
  }),
};
