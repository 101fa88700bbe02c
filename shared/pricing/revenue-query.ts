import { z } from 'zod';
import { extension } from '../api/extension';
import { MAX_WINDOWS, timeZoneSchema, usageWindows, wholeMinute, windowMinutes } from '../usage/usage-query';

export const revenueGroupings = ['accountId', 'meterId', 'pricePlanId'] as const;

/**
 * GET /revenue: the revenue events earned over [from, to) — by the minute they happened — per
 * currency, optionally for one account, meter or price plan, split by any of them, per calendar
 * window. A price plan is the plan of the association that rated the revenue (Togai's /metrics
 * has no plan grouping: it is a Meterline extension).
 */
export const revenueQuerySchema = z
  .strictObject({
    from: wholeMinute,
    to: wholeMinute,
    accountId: z.string().min(1).max(512).optional(),
    meterId: z.string().min(1).max(50).optional(),
    pricePlanId: z.string().min(1).max(512).optional().meta(extension('Only revenue rated under this price plan')),
    window: z.enum(usageWindows).optional(),
    groupBy: z
      .string()
      .regex(
        /^(accountId|meterId|pricePlanId)(,(accountId|meterId|pricePlanId)){0,2}$/,
        'must be accountId, meterId or pricePlanId, or several separated by commas',
      )
      .optional()
      .meta({
        description:
          'Split by `accountId`, `meterId` and/or `pricePlanId` (comma-separated); `pricePlanId` is a Meterline extension',
      }),
    timeZone: timeZoneSchema,
  })
  .superRefine((q, ctx) => {
    const span = (Date.parse(q.to) - Date.parse(q.from)) / 60_000;
    if (span <= 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (q.window && span / windowMinutes[q.window] > MAX_WINDOWS) {
      ctx.addIssue({
        code: 'custom',
        path: ['window'],
        message: `gives more than ${MAX_WINDOWS} windows; choose a larger window`,
      });
    }
    const keys = revenueGroupBy(q);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'names a field twice' });
    }
  });
export type RevenueQuery = z.infer<typeof revenueQuerySchema>;

export function revenueGroupBy(query: { groupBy?: string | undefined }): (typeof revenueGroupings)[number][] {
  return query.groupBy ? (query.groupBy.split(',') as (typeof revenueGroupings)[number][]) : [];
}
