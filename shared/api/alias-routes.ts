import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  aliasPageSchema,
  aliasSchema,
  createBulkAliasRequest,
  registeredAliasValueSchema,
} from '../account/alias-registry';
import { jsonBody, jsonResponse, problems, successSchema } from './common';

const tags = ['Aliases'];
const aliasParam = z.object({
  alias: registeredAliasValueSchema.meta({ param: { name: 'alias', in: 'path' }, example: 'acme-eu' }),
});

/** Togai's AliasesApi: the tenant's registry of alias values (shared/account/alias-registry.ts). */
export const aliasRoutes = {
  create: createRoute({
    method: 'post',
    path: '/aliases',
    tags,
    summary: 'Register alias values (all or none; a value registered already is a 409 naming it)',
    request: { body: jsonBody(createBulkAliasRequest) },
    responses: { 201: jsonResponse(aliasPageSchema, 'The registered aliases'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/aliases',
    tags,
    summary: 'List registered aliases, by value',
    request: {
      query: z.object({
        nextToken: z.string().max(1000).optional(),
        pageSize: z.coerce
          .number()
          .int()
          .min(1)
          .max(200)
          .default(50)
          .meta({ description: "Togai's client may send it as a float (10.0)" }),
      }),
    },
    responses: { 200: jsonResponse(aliasPageSchema, 'A page of aliases'), ...problems(422) },
  }),
  get: createRoute({
    method: 'get',
    path: '/aliases/{alias}',
    tags,
    summary: 'Get a registered alias',
    request: { params: aliasParam },
    responses: { 200: jsonResponse(aliasSchema, 'The alias'), ...problems(404, 422) },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/aliases/{alias}',
    tags,
    summary: 'Delete a registered alias, unless an account holds it now or later (409)',
    request: { params: aliasParam },
    responses: { 200: jsonResponse(successSchema, '{"success": true}'), ...problems(404, 409, 422) },
  }),
};
