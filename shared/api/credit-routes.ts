import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createCreditRequest,
  createCreditResponse,
  creditBalanceSchema,
  creditDetailsSchema,
  creditIdSchema,
  creditSchema,
  listCreditsQuery,
  listCreditsResponse,
} from '../credit/credit-wire';
import { jsonBody, jsonResponse, problems } from './common';
import { accountParam } from './entitlement-routes';

const tags = ['Credits'];
const creditParam = z.object({
  creditId: creditIdSchema.meta({ param: { name: 'creditId', in: 'path' }, example: 'cred.0f3k9x2m1q7a8b4c' }),
});

/**
 * Togai's CreditsApi: money credits an account's statements are paid from, in priority order
 * (README, "Credits"). Not feature credits (those are /accounts/{id}/features/{featureId}/entries).
 */
export const creditRoutes = {
  create: createRoute({
    method: 'post',
    path: '/credits',
    tags,
    summary: 'Grant credits to accounts (all or none; idempotent by idempotencyKey)',
    request: { body: jsonBody(createCreditRequest) },
    responses: {
      200: jsonResponse(
        createCreditResponse,
        'The credits, as granted (or as an earlier request with the same idempotencyKey granted them)',
      ),
      ...problems(400, 409, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/credits',
    tags,
    summary: 'List credits, by id',
    request: { query: listCreditsQuery },
    responses: { 200: jsonResponse(listCreditsResponse, 'A page of credits'), ...problems(422) },
  }),
  get: createRoute({
    method: 'get',
    path: '/credits/{creditId}',
    tags,
    summary: 'A credit and its transactions: granted, paid per cycle, expired or voided',
    request: { params: creditParam },
    responses: { 200: jsonResponse(creditDetailsSchema, 'The credit'), ...problems(404, 422) },
  }),
  void: createRoute({
    method: 'post',
    path: '/credits/{creditId}/void',
    tags,
    summary: 'Void a credit: it pays nothing more and keeps what it paid (a repeat is a no-op)',
    request: { params: creditParam },
    responses: { 200: jsonResponse(creditSchema, 'The voided credit'), ...problems(404, 422) },
  }),
  balance: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/credit_balance',
    tags,
    summary: "The account's money credits: granted, left after final cycles, left now",
    request: { params: z.object({ accountId: accountParam }) },
    responses: { 200: jsonResponse(creditBalanceSchema, 'The balance'), ...problems(404, 422) },
  }),
};
