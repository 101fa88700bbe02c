import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createFeatureRequest,
  featureIdSchema,
  featureListItemSchema,
  featureResponseSchema,
  featureStatusSchema,
  updateFeatureRequest,
} from '../entitlement/feature';
import { meterlineExtension } from './extension';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems } from './common';

const tags = ['Features'];
const idParam = z.object({
  id: featureIdSchema.meta({ param: { name: 'id', in: 'path' }, example: 'feat.0f3k9x2m1q7a8b4c' }),
});

/** Togai's /features API (docs/design.md §8): the contract both the handlers and the OpenAPI document use. */
export const featureRoutes = {
  create: createRoute({
    method: 'post',
    path: '/features',
    tags,
    summary: 'Create a feature (ACTIVE at once): which event schemas consume it, by an attribute or 1 per event',
    request: { body: jsonBody(createFeatureRequest) },
    responses: { 200: jsonResponse(featureResponseSchema, 'The new ACTIVE feature'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/features',
    tags,
    summary: 'List features, oldest first',
    request: {
      query: pageQuerySchema.extend({
        status: featureStatusSchema
          .optional()
          .meta({ ...meterlineExtension, description: 'Only this status. Without it, everything but ARCHIVED.' }),
      }),
    },
    responses: {
      200: jsonResponse(pageSchema(featureListItemSchema, 'FeaturePaginatedListData'), 'A page of features'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/features/{id}',
    tags,
    summary: 'Get a feature',
    request: { params: idParam },
    responses: { 200: jsonResponse(featureResponseSchema, 'The feature'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/features/{id}',
    tags,
    summary: 'Change a feature: the fields given replace the current ones; an ARCHIVED feature cannot change',
    request: { params: idParam, body: jsonBody(updateFeatureRequest) },
    responses: {
      200: jsonResponse(featureResponseSchema, 'The feature after the change'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  archive: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/features/{id}/archive',
    tags,
    summary:
      'ACTIVE → ARCHIVED: entitles nothing and is consumed by nothing from then on (kept for good; repeats are no-ops)',
    request: { params: idParam },
    responses: { 200: jsonResponse(featureResponseSchema, 'The ARCHIVED feature'), ...problems(404, 409, 422) },
  }),
};
