import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  bulkRateCardOperationsRequest,
  bulkRateCardOperationsResponse,
  createPricePlanV2Request,
  finalizePricePlanRequest,
  pricePlanV2Page,
  pricePlanV2Schema,
  rateCardPage,
  updatePricePlanV2Request,
  validatedEntityErrorsPage,
} from '../pricing/togai-price-plan-wire';
import { jsonBody, jsonResponse, pageQuerySchema, problems, successSchema } from './common';

const tags = ['Price plans (v2)'];
const planParam = z.object({
  price_plan_id: z
    .string()
    .min(1)
    .max(50)
    .meta({ param: { name: 'price_plan_id', in: 'path' }, example: 'pp.0f3k9x2m1q7a8b4c' }),
});
const pageQuery = pageQuerySchema.pick({ nextToken: true, pageSize: true });

/**
 * Togai's PricePlanV2Api (docs/design.md §9, §14). A v2 plan is a Meterline plan: the same versions rate
 * accounts, whichever API wrote them. Editing an ACTIVE plan makes a DRAFT of its next version;
 * finalize publishes it (accounts keep the version they were associated with), discard drops it.
 */
export const pricePlanV2Routes = {
  create: createRoute({
    method: 'post',
    path: '/v2/price_plans',
    tags,
    summary:
      'Create a DRAFT price plan (version 1) with its currencies and pricing cycle; rate cards are added by bulk operations',
    request: { body: jsonBody(createPricePlanV2Request) },
    responses: { 200: jsonResponse(pricePlanV2Schema, 'The new DRAFT plan'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/v2/price_plans',
    tags,
    summary:
      'List DRAFT and ACTIVE plans, oldest first, each at its draft if one is being edited, else its latest version',
    request: { query: pageQuery },
    responses: { 200: jsonResponse(pricePlanV2Page, 'A page of plans'), ...problems(422) },
  }),
  get: createRoute({
    method: 'get',
    path: '/v2/price_plans/{price_plan_id}',
    tags,
    summary: 'Get a plan at its draft if one is being edited, else its latest version; or at `version`',
    request: { params: planParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: jsonResponse(pricePlanV2Schema, 'The plan'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/v2/price_plans/{price_plan_id}',
    tags,
    summary:
      'Change the description, pricing cycle or currencies. A DRAFT plan changes in place; an ACTIVE one gets (or changes) ' +
      'the draft of its next version. The first supported currency is the one every rate card must price in',
    request: { params: planParam, body: jsonBody(updatePricePlanV2Request) },
    responses: {
      200: jsonResponse(pricePlanV2Schema, 'The plan after the change, at its draft'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  finalize: createRoute({
    method: 'post',
    path: '/v2/price_plans/{price_plan_id}/finalize',
    tags,
    summary:
      "DRAFT plan → ACTIVE; an ACTIVE plan's draft → its next version (new associations take it; accounts keep theirs). " +
      'Refused (422) while list_price_plan_errors lists anything; a repeat is a no-op. migrationMode other than NONE is not supported yet',
    request: { params: planParam, body: jsonBody(finalizePricePlanRequest) },
    responses: { 200: jsonResponse(successSchema, 'Finalized'), ...problems(400, 404, 409, 415, 422) },
  }),
  discard: createRoute({
    method: 'delete',
    path: '/v2/price_plans/{price_plan_id}/discard',
    tags,
    summary: "Drop an ACTIVE plan's draft, or delete a plan never finalized (it rated nothing)",
    request: { params: planParam },
    responses: { 200: jsonResponse(successSchema, 'Discarded'), ...problems(404, 409) },
  }),
  versions: createRoute({
    method: 'get',
    path: '/v2/price_plans/{price_plan_id}/versions',
    tags,
    summary: 'Every version of the plan, newest first: its draft, if any, then the published ones',
    request: { params: planParam, query: pageQuery },
    responses: { 200: jsonResponse(pricePlanV2Page, 'A page of versions'), ...problems(404, 422) },
  }),
  rateCards: createRoute({
    method: 'get',
    path: '/v2/price_plans/{price_plan_id}/rate_cards',
    tags,
    summary: "The rate cards of the plan's draft if any, else of its latest version: usage cards, then fixed fees",
    request: { params: planParam, query: pageQuery },
    responses: { 200: jsonResponse(rateCardPage, 'A page of rate cards'), ...problems(404, 422) },
  }),
  bulkRateCards: createRoute({
    method: 'post',
    path: '/v2/price_plans/{price_plan_id}/rate_cards',
    tags,
    summary:
      "CREATE, UPDATE (replace) or DELETE rate cards by name, in order, all or none, on the DRAFT plan or an ACTIVE plan's draft. " +
      'Answers the rate cards created or updated, as they now are',
    request: { params: planParam, body: jsonBody(bulkRateCardOperationsRequest) },
    responses: {
      200: jsonResponse(bulkRateCardOperationsResponse, 'The rate cards written'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  errors: createRoute({
    method: 'get',
    path: '/v2/price_plans/{price_plan_id}/errors',
    tags,
    summary:
      "What keeps the plan's draft (or latest version) from being finalized: a rate card whose meter or feature is missing, " +
      'archived or not priceable, or that lacks a rate in one of the supported currencies',
    request: { params: planParam },
    responses: { 200: jsonResponse(validatedEntityErrorsPage, 'Every error, in one page'), ...problems(404) },
  }),
};
