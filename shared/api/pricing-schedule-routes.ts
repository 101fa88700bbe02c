import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { planAssociationSchema } from '../pricing/price-plan';
import {
  editPricingScheduleRequest,
  pricingScheduleSchema,
  updatePricingScheduleRequest,
  updatePricingScheduleResponse,
} from '../pricing/pricing-schedule';
import { jsonBody, jsonResponse, problems } from './common';
import { accountParam } from './entitlement-routes';
import { meterlineExtension } from './extension';

const tags = ['Pricing schedules'];
const accountParams = z.object({ accountId: accountParam });

/** A bound of Togai's start_date/end_date: a date, or an instant (without a zone: UTC, as Togai's client writes one). */
const instantQuery = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)?$/,
    'is not a date or an ISO 8601 instant',
  )
  .transform((value, ctx) => {
    const withZone =
      value.length === 10 ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(value.slice(19)) ? value : `${value}Z`;
    const ms = Date.parse(withZone.replace(/(\.\d{3})\d+/, '$1'));
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid instant' });
      return z.NEVER;
    }
    return ms;
  });
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const pricingSchedulePageSchema = z
  .object({
    data: z.array(pricingScheduleSchema),
    nextToken: z.string().optional().meta({ description: 'Present when there are more schedules' }),
  })
  .meta({ id: 'PricingSchedulePaginatedResponse' });

/**
 * Togai's AccountsApi pricing-schedule operations (docs/design.md §9): an account's plans over time, and
 * Meterline's own list of its associations.
 */
export const pricingScheduleRoutes = {
  update: createRoute({
    method: 'post',
    path: '/accounts/{accountId}/price_plans',
    tags,
    summary:
      'Associate (mode ASSOCIATE, the default) an ACTIVE plan, pinning its latest version, or leave the account without one ' +
      '(DISASSOCIATE), from 00:00 UTC of effectiveFrom up to, not including, 00:00 UTC of effectiveUntil. The plan in force ' +
      'at effectiveFrom ends there. A backdated association rates the usage metered since effectiveFrom, once. Refused (409): ' +
      'an association starting inside the period, splitting one, or ending one that already rated usage in the period',
    request: { params: accountParams, body: jsonBody(updatePricingScheduleRequest) },
    responses: {
      200: jsonResponse(updatePricingScheduleResponse, "The account's schedules after the change"),
      ...problems(400, 409, 415, 422),
    },
  }),
  editBatch: createRoute({
    method: 'post',
    path: '/accounts/{accountId}/edit_schedules',
    tags,
    summary:
      'Several schedule changes, applied in order, all or nothing (errors name `edits.N.field`); `dry_run=true` answers what they would give and changes nothing',
    request: {
      params: accountParams,
      query: z.object({ dry_run: booleanQuery.optional() }),
      body: jsonBody(editPricingScheduleRequest),
    },
    responses: {
      200: jsonResponse(updatePricingScheduleResponse, "The account's schedules after the changes"),
      ...problems(400, 409, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/pricing_schedules',
    tags,
    summary:
      "The account's pricing schedules, oldest first; start_date/end_date keep those in force at some instant between them",
    request: {
      params: accountParams,
      query: z.object({
        nextToken: z.string().max(1000).optional(),
        pageSize: z.coerce.number().int().min(1).max(200).default(50),
        start_date: instantQuery.optional(),
        end_date: instantQuery.optional(),
        include_price_plan_info: booleanQuery.optional(),
        compact: booleanQuery.optional().meta({ description: 'Accepted; schedules carry no plan details either way' }),
      }),
    },
    responses: { 200: jsonResponse(pricingSchedulePageSchema, 'A page of schedules'), ...problems(422) },
  }),
  associations: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/accounts/{accountId}/price_plans',
    tags,
    summary: "The account's plan associations, oldest first (Meterline's shape)",
    request: { params: accountParams },
    responses: {
      200: jsonResponse(
        z.object({ data: z.array(planAssociationSchema) }).meta({ id: 'PlanAssociationsResponse' }),
        'Every association of the account',
      ),
      ...problems(422),
    },
  }),
};
