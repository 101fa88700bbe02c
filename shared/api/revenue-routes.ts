import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { revenueQuerySchema } from '../pricing/revenue-query';
import { usageWindows } from '../usage/usage-query';
import { jsonResponse, problems } from './common';
import { extension } from './extension';

const decimal = z.string().meta({ description: 'An exact decimal (not rounded)' });
const series = z.object({
  currency: z.string(),
  accountId: z.string().optional(),
  meterId: z.string().optional(),
  pricePlanId: z.string().optional().meta(extension('With groupBy pricePlanId: the plan that rated this revenue')),
  value: decimal,
  data: z
    .array(z.object({ from: z.string(), value: decimal }))
    .optional()
    .meta({ description: 'Only with `window`: each window that had revenue' }),
});

export const revenueResponseSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    window: z.enum(usageWindows).optional(),
    totals: z.array(series).meta({ description: 'One per currency' }),
    groupBy: z.array(z.string()).optional(),
    groups: z.array(series).optional().meta({ description: 'Only with `groupBy`: per currency and group' }),
  })
  .meta({ id: 'RevenueResponse' });

const slabCharge = z.object({
  slab: z.number().int(),
  startAfter: z.string(),
  units: z.string(),
  rate: z.string(),
  priceType: z.enum(['PER_UNIT', 'FLAT']),
  amount: decimal,
});

export const statementSchema = z
  .object({
    accountId: z.string(),
    cycleStart: z.string(),
    cycleEnd: z.string(),
    status: z
      .enum(['OPEN', 'FINAL'])
      .meta({ description: 'OPEN until the cycle end plus the grace period: late events may still change it' }),
    plans: z.array(
      z.object({
        pricePlanId: z.string(),
        pricePlanVersion: z.number().int(),
        associationId: z.string(),
        effectiveFrom: z.string(),
        effectiveUntil: z.string().optional(),
        currency: z.string(),
        usageLines: z.array(
          z.object({
            usageMeterId: z.string(),
            pricingModel: z.string(),
            usage: decimal,
            slabs: z.array(slabCharge).meta({ description: 'What each slab priced' }),
            exactAmount: decimal,
            amount: z.string().meta({ description: 'Rounded half to even to the currency minor unit' }),
          }),
        ),
        fixedFees: z.array(z.object({ name: z.string(), amount: z.string() })),
        subtotal: z.string(),
      }),
    ),
    totals: z
      .array(z.object({ currency: z.string(), amount: z.string() }))
      .meta({ description: 'Sums of the rounded lines, per currency' }),
  })
  .meta({ id: 'AccountStatement' });

export const revenueRoutes = {
  get: createRoute({
    method: 'get',
    path: '/revenue',
    tags: ['Revenue'],
    summary:
      'Revenue events earned over a range, per currency, optionally per window and split by account, meter or price plan',
    request: { query: revenueQuerySchema },
    responses: { 200: jsonResponse(revenueResponseSchema, 'Exact revenue'), ...problems(422) },
  }),
  statement: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/statement',
    tags: ['Revenue'],
    summary: "An account's statement for one billing cycle: the invoice preview",
    request: {
      params: z.object({
        accountId: z
          .string()
          .min(1)
          .max(512)
          .meta({ param: { name: 'accountId', in: 'path' } }),
      }),
      query: z.strictObject({
        at: z.iso
          .datetime({ offset: true })
          .optional()
          .meta({ description: 'An instant in the cycle wanted (default: now)' }),
      }),
    },
    responses: { 200: jsonResponse(statementSchema, 'The cycle’s lines and totals'), ...problems(404, 422) },
  }),
};
