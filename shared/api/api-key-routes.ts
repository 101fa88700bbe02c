import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { apiKeySchema, createApiKeyRequest, createdApiKeySchema } from '../auth/api-key';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems } from './common';

const tags = ['API keys'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'id', in: 'path' }, example: 'key_3f9a1c0d7b2e4a61' }),
});
const listQuery = pageQuerySchema.extend({
  // An enum, not z.coerce.boolean(): that would read "false" as true.
  includeRevoked: z.enum(['true', 'false']).default('false').meta({ description: 'Also list revoked keys' }),
});

/**
 * A tenant's API keys (Togai has no key API; this one follows our other routes). Every route
 * needs the `admin` scope, reads included: whoever can list keys can tell which ones to go after.
 */
export const apiKeyRoutes = {
  create: createRoute({
    method: 'post',
    path: '/api_keys',
    tags,
    summary: 'Create a key; its secret is in this response and never again',
    request: { body: jsonBody(createApiKeyRequest) },
    responses: { 201: jsonResponse(createdApiKeySchema, 'The new key, with its secret'), ...problems(400, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/api_keys',
    tags,
    summary: 'List keys, oldest first (secrets are never shown)',
    request: { query: listQuery },
    responses: {
      200: jsonResponse(pageSchema(apiKeySchema, 'ApiKeyPaginatedResponse'), 'A page of keys'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/api_keys/{id}',
    tags,
    summary: 'Get a key (its secret is never shown)',
    request: { params: idParam },
    responses: { 200: jsonResponse(apiKeySchema, 'The key'), ...problems(404, 422) },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/api_keys/{id}',
    tags,
    summary: 'Revoke a key: refused at the edge within 30 s. Revoking again changes nothing',
    request: { params: idParam },
    responses: { 200: jsonResponse(apiKeySchema, 'The key, with revokedAt set'), ...problems(404, 422) },
  }),
};
