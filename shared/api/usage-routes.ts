import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { aggregationSchema } from '../meter/usage-meter';
import { usageQuerySchema, usageWindows } from '../usage/usage-query';
import { jsonResponse, problems } from './common';

const decimal = z.string().meta({ description: 'An exact decimal', example: '1501.25' });

export const usageResponseSchema = z
  .object({
    meterId: z.string(),
    aggregation: aggregationSchema,
    accountId: z.string().nullable().meta({ description: 'null: every account' }),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    value: decimal
      .nullable()
      .meta({ description: 'Over [from, to); null for MAX, MIN and LATEST when no event matched' }),
    window: z.enum(usageWindows).optional(),
    data: z
      .array(
        z.object({
          from: z.string().meta({ description: 'Start of the window in the query’s time zone, as a UTC instant' }),
          value: decimal.nullable(),
        }),
      )
      .optional()
      .meta({ description: 'Only with `window`: each window that had usage, in order' }),
    groupBy: z.array(z.string()).optional(),
    groups: z
      .array(
        z.object({
          dimensions: z
            .record(z.string(), z.string().nullable())
            .meta({ description: 'The group: each groupBy dimension’s value, null where its events lack it' }),
          value: decimal.nullable(),
          data: z.array(z.object({ from: z.string(), value: decimal.nullable() })).optional(),
        }),
      )
      .optional()
      .meta({ description: 'Only with `groupBy`: each group that had usage, in order of its values' }),
  })
  .meta({ id: 'UsageResponse' });

/** GET /usage: Meterline's own exact usage query, per meter and group (Togai's aggregate view is POST /metrics). */
export const usageRoutes = {
  get: createRoute({
    method: 'get',
    path: '/usage',
    tags: ['Usage'],
    summary: "One meter's value over a range, optionally per calendar window of a time zone",
    // usageQuerySchema stays one object: zod 4 keeps refinements on the object itself, so the
    // cross-field checks (`to` after `from`, at most 10 000 windows) run in the route's validation.
    request: { query: usageQuerySchema },
    responses: { 200: jsonResponse(usageResponseSchema, 'The value, and per window when asked'), ...problems(422) },
  }),
};
