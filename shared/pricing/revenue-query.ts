import { z } from 'zod';
import { MAX_WINDOWS, timeZoneSchema, usageWindows, wholeMinute, windowMinutes } from '../usage/usage-query';

export const revenueGroupings = ['accountId', 'meterId'] as const;

/**
 * GET /revenue: the revenue events earned over [from, to) — by the minute they happened — per
 * currency, optionally for one account or meter, split by account and/or meter, per calendar window.
 */
export const revenueQuerySchema = z
  .strictObject({
    from: wholeMinute,
    to: wholeMinute,
    accountId: z.string().min(1).max(512).optional(),
    meterId: z.string().min(1).max(50).optional(),
    window: z.enum(usageWindows).optional(),
    groupBy: z
      .string()
      .regex(/^(accountId|meterId)(,(accountId|meterId))?$/, 'must be accountId, meterId, or both separated by a comma')
      .optional()
      .meta({ description: 'Split by `accountId`, `meterId` or `accountId,meterId`' }),
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
