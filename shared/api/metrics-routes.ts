import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { instantSchema } from '../time/instant';
import { timeZoneSchema } from '../usage/usage-query';
import { jsonBody, jsonResponse, problems } from './common';
import { recordedTogaiStatuses } from './event-status';
import { extension } from './extension';

export const metricPeriods = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
const periodMinutes = { HOUR: 60, DAY: 1440, WEEK: 10080, MONTH: 40320 } as const;
/** Togai: "Single response can contain a maximum of 300 data points" (and its model: 300 a series). */
export const MAX_DATA_POINTS = 300;

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
      description:
        'USAGE: usage meter values (always one series per meter); EVENTS: events processed; REVENUE: revenue rated, one series per currency',
    }),
    aggregationPeriod: z.enum(metricPeriods),
    groupBy: z.enum(['ACCOUNT_ID', 'USAGE_METER_ID', 'EVENT_STATUS']).optional(),
    filters: z
      .array(
        z.strictObject({
          fieldName: z.enum(['ACCOUNT_ID', 'USAGE_METER_ID', 'EVENT_STATUS']),
          fieldValues: z.array(z.string().min(1).max(512)).min(1).max(100),
        }),
      )
      .max(3)
      .optional(),
    configs: z
      .record(z.string(), z.string())
      .optional()
      .meta({
        description:
          "Togai's configurations: REVENUE takes CURRENCY = INVOICE, the currency each account is invoiced (and rated) in, " +
          'which is how Meterline keeps revenue. BASE, a conversion to the base currency, is refused: Meterline has no exchange rates',
      }),
  })
  .meta({ id: 'MetricQuery' });
export type MetricQuery = z.infer<typeof metricQuerySchema>;

const MINUTE = 60_000;

/**
 * Usage is kept per minute, so a range cannot cut a minute in part: a bound inside a minute widens
 * the range to that whole minute (the start down, the end up). Every metric, EVENTS too, uses the
 * same widened range, so the series of one request always agree with each other.
 */
function toMinute(direction: 'down' | 'up') {
  return (dateTime: string) => {
    const ms = Date.parse(dateTime);
    // Date keeps milliseconds: digits past them (Python sends microseconds) still leave the minute.
    const inside = ms % MINUTE !== 0 || /\.\d{3}\d*[1-9]/.test(dateTime);
    if (!inside) {
      return dateTime;
    }
    return new Date(
      (direction === 'down' ? Math.floor(ms / MINUTE) : Math.floor(ms / MINUTE) + 1) * MINUTE,
    ).toISOString();
  };
}

export const getMetricsRequest = z
  .strictObject({
    startTime: instantSchema().overwrite(toMinute('down')).meta({
      description:
        'Inclusive. Without a zone, UTC. Inside a minute, from the start of that minute (usage is kept per minute)',
    }),
    endTime: instantSchema().overwrite(toMinute('up')).meta({
      description:
        'Exclusive. Without a zone, UTC. Inside a minute, to the end of that minute (usage is kept per minute)',
    }),
    timeZone: timeZoneSchema.meta(extension('The calendar the periods follow (default UTC)')),
    metricQueries: z.array(metricQuerySchema).min(1).max(5),
  })
  .superRefine((request, ctx) => {
    const span = (new Date(request.endTime).getTime() - new Date(request.startTime).getTime()) / 60_000;
    if (span <= 0) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
    }
    const ids = new Set<string>();
    request.metricQueries.forEach((query, i) => {
      const at = (...path: (string | number)[]) => ['metricQueries', i, ...path];
      if (ids.has(query.id)) {
        ctx.addIssue({ code: 'custom', path: at('id'), message: `'${query.id}' is used by an earlier query` });
      }
      ids.add(query.id);
      const allowed: readonly string[] = metricFields[query.name];
      if (query.groupBy && !allowed.includes(query.groupBy)) {
        ctx.addIssue({
          code: 'custom',
          path: at('groupBy'),
          message: `${query.name} groups by ${allowed.join(' or ')}`,
        });
      }
      query.filters?.forEach((filter, k) => {
        if (!allowed.includes(filter.fieldName)) {
          ctx.addIssue({
            code: 'custom',
            path: at('filters', k, 'fieldName'),
            message: `${query.name} filters on ${allowed.join(' or ')}`,
          });
        }
        if (filter.fieldName !== 'EVENT_STATUS') {
          return;
        }
        filter.fieldValues.forEach((value, v) => {
          if (!(recordedTogaiStatuses as readonly string[]).includes(value)) {
            ctx.addIssue({
              code: 'custom',
              path: at('filters', k, 'fieldValues', v),
              message: `must be one of ${recordedTogaiStatuses.join(', ')}`,
            });
          }
        });
      });
      for (const [key, value] of Object.entries(query.configs ?? {})) {
        if (query.name !== 'REVENUE' || key !== 'CURRENCY') {
          ctx.addIssue({
            code: 'custom',
            path: at('configs', key),
            message: query.name === 'REVENUE' ? 'REVENUE takes only CURRENCY' : `${query.name} takes no configs`,
          });
        } else if (value !== 'INVOICE') {
          ctx.addIssue({
            code: 'custom',
            path: at('configs', key),
            message:
              'must be INVOICE: revenue is kept in the currency each account is invoiced in, and Meterline has no exchange rates to convert it to BASE',
          });
        }
      }
      if (span > 0 && Math.ceil(span / periodMinutes[query.aggregationPeriod]) + 1 > MAX_DATA_POINTS) {
        ctx.addIssue({
          code: 'custom',
          path: at('aggregationPeriod'),
          message: `gives more than ${MAX_DATA_POINTS} data points over this range; choose a longer period`,
        });
      }
    });
  })
  .meta({ id: 'GetMetricsRequest' });
export type GetMetricsRequest = z.infer<typeof getMetricsRequest>;

export const metricGroupSchema = z
  .object({ fieldName: z.string(), fieldValue: z.string() })
  .meta({ id: 'MetricDataPointsGroupedBy' });
export type MetricGroup = z.infer<typeof metricGroupSchema>;

export const getMetricsResponse = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        name: z.enum(['USAGE', 'EVENTS', 'REVENUE']),
        data: z.array(
          z.object({
            groupedBy: metricGroupSchema.optional().meta({
              description:
                'The series, as Togai names it: the groupBy field and its value; without groupBy, the meter (USAGE_METER_ID) ' +
                'for USAGE and the currency (CURRENCY) for REVENUE; absent for an ungrouped EVENTS series',
            }),
            seriesKey: z
              .array(metricGroupSchema)
              .meta(
                extension(
                  'Every field that sets this series apart, groupedBy included: USAGE_METER_ID always ' +
                    'for USAGE, CURRENCY always for REVENUE, and the groupBy field',
                ),
              ),
            timestamps: z
              .array(z.string())
              .max(MAX_DATA_POINTS)
              .meta({ description: 'Start of each period that had data, in the query’s time zone, as UTC instants' }),
            metricValues: z
              .array(z.number())
              .max(MAX_DATA_POINTS)
              .meta({ description: 'One per timestamp; each an exact decimal written as a JSON number' }),
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
    method: 'post',
    path: '/metrics',
    tags: ['Usage'],
    'x-meterline-scope': 'read',
    summary: 'Usage and event metrics over time (Togai’s MetricsApi)',
    description:
      'Up to five queries. USAGE answers one series per usage meter (meters aggregate differently, so they are never added ' +
      'together), split further by ACCOUNT_ID when asked; EVENTS counts events by their status in the pipeline. ' +
      'REVENUE sums the revenue of rated events, one series per currency (exact, not rounded). ' +
      'A read: an API key with the read scope may call it.',
    request: { body: jsonBody(getMetricsRequest) },
    responses: { 200: jsonResponse(getMetricsResponse, 'One result per query, in order'), ...problems(400, 422) },
  }),
};
