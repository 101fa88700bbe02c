import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createPricePlanRequest,
  pricePlanSchema,
  pricePlanStatuses,
  updatePricePlanRequest,
} from '../pricing/price-plan';
import {
  activatePricePlanRequest,
  pricingScheduleSchema,
  togaiCreatePricePlanRequest,
  togaiPricePlanDetails,
  togaiUpdatePricePlanRequest,
} from '../pricing/togai-price-plan-v1-wire';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, successSchema } from './common';
import { extension, meterlineExtension } from './extension';

const tags = ['Price plans'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(50)
    .meta({ param: { name: 'id', in: 'path' }, example: 'pp.0f3k9x2m1q7a8b4c' }),
});

/** Meterline's own fields of a plan, beside Togai's (which are Togai's shapes of the same plan). */
const meterlineFields = [
  'currency',
  'supportedCurrencies',
  'pricingCycle',
  'usageRateCards',
  'fixedFees',
  'entitlementRateCards',
  'version',
  'createdAt',
  'updatedAt',
] as const;
const markedShape = Object.fromEntries(
  meterlineFields.map((key) => {
    const field = pricePlanSchema.shape[key] as z.ZodType;
    return [key, field.meta({ ...field.meta(), ...extension() })];
  }),
) as { [K in (typeof meterlineFields)[number]]: (typeof pricePlanSchema.shape)[K] };
const togaiPlan = pricePlanSchema.extend(markedShape);

/** Togai's PricePlan (type, pricingSchedule) with Meterline's shape of the same plan beside it. */
const pricePlanResponse = togaiPlan
  .extend({
    type: z.literal('BILLING'),
    pricingSchedule: z.array(pricingScheduleSchema).meta({ description: 'The version shown, as Togai shapes it' }),
  })
  .meta({ id: 'PricePlan' });
/** Togai's PricePlanListData, likewise. */
const pricePlanListItem = togaiPlan
  .extend({ type: z.literal('BILLING'), usageMeters: z.array(z.string()), pricePlanDetails: togaiPricePlanDetails })
  .meta({ id: 'PricePlanListData' });

const createBody = z
  .union([createPricePlanRequest, togaiCreatePricePlanRequest])
  .meta({ description: "Meterline's shape, or Togai's (with pricePlanDetails)" });
const updateBody = z
  .union([updatePricePlanRequest, togaiUpdatePricePlanRequest])
  .meta({ description: "Meterline's shape, or Togai's (with pricePlanDetails)" });
/** Which shape a body meant, for naming its bad fields: Togai's has keys Meterline's lacks. */
export function isTogaiPlanBody(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    ['pricePlanDetails', 'migrationMode', 'versionsToMigrate', 'pricingRules', 'type'].some((k) => k in body)
  );
}

/** Togai's /price_plans API (docs/design.md §9); accounts' plans are in pricing-schedule-routes.ts. */
export const pricePlanRoutes = {
  create: createRoute({
    method: 'post',
    path: '/price_plans',
    tags,
    summary: 'Create a price plan (as DRAFT, version 1): each rate card prices a COUNT or SUM usage meter',
    request: { body: jsonBody(createBody) },
    responses: { 200: jsonResponse(pricePlanResponse, 'The new DRAFT plan'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/price_plans',
    tags,
    summary: 'List price plans at their latest versions, oldest first',
    request: {
      query: pageQuerySchema.extend({
        status: z
          .enum(pricePlanStatuses)
          .optional()
          .meta({ description: 'Only this status. Without it, everything but ARCHIVED.' }),
      }),
    },
    responses: {
      200: jsonResponse(pageSchema(pricePlanListItem, 'PricePlanPaginatedResponse'), 'A page of plans'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/price_plans/{id}',
    tags,
    summary: 'Get a price plan at its latest version, or at an earlier one',
    request: { params: idParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: jsonResponse(pricePlanResponse, 'The plan'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/price_plans/{id}',
    tags,
    summary:
      'Change a plan: the fields given replace the current ones. A DRAFT changes in place; a change of an ACTIVE ' +
      "plan's rates publishes a new version (accounts keep the version they were associated with; a new name or " +
      'description alone makes no version); an ARCHIVED plan cannot change',
    request: { params: idParam, body: jsonBody(updateBody) },
    responses: {
      200: jsonResponse(pricePlanResponse, 'The plan after the change'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  activate: createRoute({
    method: 'post',
    path: '/price_plans/{id}/activate',
    tags,
    summary:
      'DRAFT → ACTIVE: accounts may be associated with it from then on (its meters and features are checked again; repeats are no-ops)',
    request: {
      params: idParam,
      body: { required: false, content: { 'application/json': { schema: activatePricePlanRequest } } },
    },
    responses: { 200: jsonResponse(pricePlanResponse, 'The ACTIVE plan'), ...problems(404, 409, 422) },
  }),
  archiveTogai: createRoute({
    method: 'delete',
    path: '/price_plans/{id}',
    tags,
    summary:
      'ACTIVE → ARCHIVED, as Togai archives: takes no new associations; existing ones keep rating (repeats are no-ops)',
    request: { params: idParam },
    responses: { 200: jsonResponse(successSchema, 'Archived'), ...problems(404, 409) },
  }),
  archive: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/price_plans/{id}/archive',
    tags,
    summary:
      'ACTIVE → ARCHIVED: takes no new associations; existing ones keep rating (kept for good; repeats are no-ops)',
    request: { params: idParam },
    responses: { 200: jsonResponse(pricePlanResponse, 'The ARCHIVED plan'), ...problems(404, 409) },
  }),
};
