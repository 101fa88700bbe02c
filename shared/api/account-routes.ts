import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  accountAliasesPageSchema,
  addAccountAliasesRequest,
  removeAccountAliasesRequest,
} from '../account/account-alias';
import { accountIdSchema, accountSchema, createAccountRequest, updateAccountRequest } from '../account/account';
import { accountSearchSchema } from '../account/account-search';
import { customerIdSchema } from '../account/customer';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, successSchema } from './common';
import { extension } from './extension';

const tags = ['Accounts'];
const idParam = z.object({
  accountId: accountIdSchema.meta({ param: { name: 'accountId', in: 'path' }, example: 'acme-prod' }),
});

/**
 * Togai's AccountsApi (its deprecated purchase, proposal and pricing-schedule operations aside):
 * the contract both the handlers and the OpenAPI document use.
 */
export const accountRoutes = {
  create: createRoute({
    method: 'post',
    path: '/accounts',
    tags,
    summary: 'Create an account of a customer',
    request: { body: jsonBody(createAccountRequest) },
    responses: { 201: jsonResponse(accountSchema, 'The new account'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/accounts',
    tags,
    summary: 'List accounts, oldest first (archived ones too); `search` finds them by a prefix of the id or name',
    request: {
      query: pageQuerySchema.extend({
        customerId: customerIdSchema.optional().meta(extension('Only this customer’s accounts')),
        search: accountSearchSchema,
      }),
    },
    responses: {
      200: jsonResponse(pageSchema(accountSchema, 'AccountPaginatedResponse'), 'A page of accounts'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/accounts/{accountId}',
    tags,
    summary: 'Get an account, with the aliases in force at `effectiveOn` (default: now)',
    request: {
      params: idParam,
      query: z.object({
        // Togai's generated clients write this instant as `2026-06-01T00:00:00.000000+0000`.
        effectiveOn: z
          .string()
          .regex(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$/,
            'is not an ISO 8601 instant with an offset',
          )
          .optional(),
        includeGroupDetails: z
          .enum(['true', 'false'])
          .optional()
          .meta({ description: 'Accepted; Meterline has no invoice groups, so there are none to include' }),
      }),
    },
    responses: { 200: jsonResponse(accountSchema, 'The account'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/accounts/{accountId}',
    tags,
    summary: 'Change an account: the fields given replace the current ones; an ARCHIVED account cannot change',
    request: { params: idParam, body: jsonBody(updateAccountRequest) },
    responses: {
      200: jsonResponse(accountSchema, 'The account after the change'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/accounts/{accountId}',
    tags,
    summary:
      'Delete an account: it becomes ARCHIVED (kept, its id stays taken; repeats are no-ops). Its events, usage and credits stay',
    request: { params: idParam },
    responses: { 200: jsonResponse(successSchema, '{"success": true}'), ...problems(404, 422) },
  }),
  addAliases: createRoute({
    method: 'post',
    path: '/accounts/{accountId}/add_aliases',
    tags,
    summary:
      'Add aliases: `aliases` from -infinity to +infinity, `accountAliases` over a range; an alias names one account at a time',
    request: { params: idParam, body: jsonBody(addAccountAliasesRequest) },
    responses: {
      200: jsonResponse(accountSchema, 'The account with its aliases'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  removeAliases: createRoute({
    method: 'post',
    path: '/accounts/{accountId}/remove_aliases',
    tags,
    summary: 'End aliases: `aliases` by value, now; `accountAliases` by id, at `from` (default now)',
    request: { params: idParam, body: jsonBody(removeAccountAliasesRequest) },
    responses: {
      200: jsonResponse(accountSchema, 'The account with its aliases'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  listAliases: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/account_aliases',
    tags,
    summary: 'Every alias the account has had, has or will have',
    request: { params: idParam },
    responses: { 200: jsonResponse(accountAliasesPageSchema, 'The aliases'), ...problems(404, 422) },
  }),
};
