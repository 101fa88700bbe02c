import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createPricePlanRequest,
  pricePlanSchema,
  pricePlanStatuses,
  updatePricePlanRequest,
} from '../pricing/price-plan';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems } from './common';

const tags = ['Price plans'];
const idParam = z.object({ id: z.string().min(1).max(50).meta({ param: { name: 'id', in: 'path' }, example: 'pp.0f3k9x2m1q7a8b4c' }) });

/** Togai's /price_plans API (DESIGN §9); accounts' plans are in pricing-schedule-routes.ts. */
export const pricePlanRoutes = {
  create: createRoute({
    method: 'post', path: '/price_plans', tags,
    summary: 'Create a price plan (as DRAFT, version 1): each rate card prices a COUNT or SUM usage meter',
    request: { body: jsonBody(createPricePlanRequest) },
    responses: { 201: jsonResponse(pricePlanSchema, 'The new DRAFT plan'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get', path: '/price_plans', tags, summary: 'List price plans at their latest versions, oldest first',
    request: {
      query: pageQuerySchema.extend({
        status: z.enum(pricePlanStatuses).optional().meta({ description: 'Only this status. Without it, everything but ARCHIVED.' }),
      }),
    },
    responses: { 200: jsonResponse(pageSchema(pricePlanSchema, 'PricePlanPaginatedResponse'), 'A page of plans'), ...problems(422) },
  }),
  get: createRoute({
    method: 'get', path: '/price_plans/{id}', tags, summary: 'Get a price plan at its latest version, or at an earlier one',
    request: { params: idParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: jsonResponse(pricePlanSchema, 'The plan'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch', path: '/price_plans/{id}', tags,
    summary:
      'Change a plan: the fields given replace the current ones. A DRAFT changes in place; a change of an ACTIVE ' +
      "plan's rates publishes a new version (accounts keep the version they were associated with; a new name or " +
      'description alone makes no version); an ARCHIVED plan cannot change',
    request: { params: idParam, body: jsonBody(updatePricePlanRequest) },
    responses: { 200: jsonResponse(pricePlanSchema, 'The plan after the change'), ...problems(400, 404, 409, 415, 422) },
  }),
  activate: createRoute({
    method: 'post', path: '/price_plans/{id}/activate', tags,
    summary: 'DRAFT → ACTIVE: accounts may be associated with it from then on (its meters and features are checked again; repeats are no-ops)',
    request: { params: idParam },
    responses: { 200: jsonResponse(pricePlanSchema, 'The ACTIVE plan'), ...problems(404, 409, 422) },
  }),
  archive: createRoute({
    method: 'post', path: '/price_plans/{id}/archive', tags,
    summary: 'ACTIVE → ARCHIVED: takes no new associations; existing ones keep rating (kept for good; repeats are no-ops)',
    request: { params: idParam },
    responses: { 200: jsonResponse(pricePlanSchema, 'The ARCHIVED plan'), ...problems(404, 409) },
  }),
};
