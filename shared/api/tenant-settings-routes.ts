import { createRoute } from '@hono/zod-openapi';
import { tenantSettingsSchema, updateTenantSettingsRequest } from '../tenant/placement';
import { jsonBody, jsonResponse, problems } from './common';
import { meterlineExtension } from './extension';

const tags = ['Tenant settings'];

/**
 * The tenant's own settings: where its data lives, how its event ids are sharded, what becomes of
 * events of unknown accounts (Togai has no such API). They sit at /tenant_settings, apart from
 * Togai's /settings key/value store: they live in the directory database, not the tenant's home,
 * change several fields atomically under the tenant row's lock, and each has its own rules (a
 * jurisdiction move, a layout that only grows) that a string-valued setting cannot carry.
 * Reading needs `read`, changing `admin`.
 */
export const tenantSettingsRoutes = {
  get: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/tenant_settings',
    tags,
    summary: 'The tenant’s placement and dedup layout',
    responses: { 200: jsonResponse(tenantSettingsSchema, 'The settings'), ...problems(404) },
  }),
  update: createRoute({
    ...meterlineExtension,
    method: 'patch',
    path: '/tenant_settings',
    tags,
    summary: 'Set the region or jurisdiction, or grow the dedup layout; reaches every edge isolate within 30 s',
    request: { body: jsonBody(updateTenantSettingsRequest) },
    responses: { 200: jsonResponse(tenantSettingsSchema, 'The settings now'), ...problems(400, 409, 415, 422) },
  }),
};
