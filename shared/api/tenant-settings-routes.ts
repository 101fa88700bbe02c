import { createRoute } from '@hono/zod-openapi';
import { tenantSettingsSchema, updateTenantSettingsRequest } from '../tenant/placement';
import { jsonBody, jsonResponse, problems } from './common';

const tags = ['Settings'];

/**
 * The tenant's own settings: where its data lives and how its event ids are sharded (Togai has
 * no such API; this one follows our other routes). Reading needs `read`, changing `admin`.
 */
export const tenantSettingsRoutes = {
  get: createRoute({
    method: 'get', path: '/settings', tags, summary: 'The tenant’s placement and dedup layout',
    responses: { 200: jsonResponse(tenantSettingsSchema, 'The settings'), ...problems(404) },
  }),
  update: createRoute({
    method: 'patch', path: '/settings', tags,
    summary: 'Set the region or jurisdiction, or grow the dedup layout; reaches every edge isolate within 30 s',
    request: { body: jsonBody(updateTenantSettingsRequest) },
    responses: { 200: jsonResponse(tenantSettingsSchema, 'The settings now'), ...problems(400, 409, 415, 422) },
  }),
};
