import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  insertSettingRequest,
  settingEntityTypeSchema,
  settingSchema,
  updateSettingRequest,
} from '../settings/setting';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems } from './common';

const tags = ['Settings'];
const refParam = z.object({
  settingIdStr: z
    .string()
    .min(1)
    .max(400)
    .meta({
      param: { name: 'settingIdStr', in: 'path' },
      description: 'setting.{namespace}.{id}.{entityType}.{entityId}',
      example: 'setting.USER.success_threshold.ACCOUNT.acme',
    }),
});
/** Togai's client sends these filters in snake_case (entity_type, entity_id, setting_id), unlike its other queries. */
const listQuery = pageQuerySchema.extend({
  entity_type: settingEntityTypeSchema.optional(),
  entity_id: z.string().min(1).max(100).optional(),
  setting_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'The setting’s id (its key), e.g. success_threshold' }),
  namespace: z.string().min(1).max(100).optional(),
});

/** Togai's SettingsApi: a key/value store per organization, customer or account. Meterline stores the values and acts on none. */
export const settingRoutes = {
  list: createRoute({
    method: 'get',
    path: '/settings',
    tags,
    summary: 'Lists settings, in setting id order',
    request: { query: listQuery },
    responses: {
      200: jsonResponse(pageSchema(settingSchema, 'SettingPaginatedResponse'), 'A page of settings'),
      ...problems(422),
    },
  }),
  insert: createRoute({
    method: 'post',
    path: '/settings',
    tags,
    summary: 'Create a setting of the organization, a customer or an account',
    request: { body: jsonBody(insertSettingRequest) },
    responses: { 201: jsonResponse(settingSchema, 'The setting'), ...problems(400, 404, 409, 415, 422) },
  }),
  get: createRoute({
    method: 'get',
    path: '/settings/{settingIdStr}',
    tags,
    summary: 'Get a setting',
    request: { params: refParam },
    responses: { 200: jsonResponse(settingSchema, 'The setting'), ...problems(404) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/settings/{settingIdStr}',
    tags,
    summary: 'Update a setting’s name, value or data type',
    request: { params: refParam, body: jsonBody(updateSettingRequest) },
    responses: {
      201: jsonResponse(settingSchema, 'The setting now (201, as Togai answers)'),
      ...problems(400, 404, 415, 422),
    },
  }),
};
