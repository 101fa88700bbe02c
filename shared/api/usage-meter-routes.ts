import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  aggregations,
  createUsageMeterRequest,
  updateUsageMeterRequest,
  usageMeterSchema,
  type Aggregation,
} from '../meter/usage-meter';
import { lifecycleRoutes } from './lifecycle-routes';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, statusFilterSchema } from './common';

const tags = ['Usage meters'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(50)
    .meta({ param: { name: 'id', in: 'path' }, example: 'um.0f3k9x2m1q7a8b4c' }),
});

/** Togai's `aggregations` filter: a comma-separated list, each one an aggregation we know. */
export const aggregationListSchema = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !(aggregations as readonly string[]).includes(name));
    if (names.length === 0 || unknown.length > 0) {
      const what = unknown.length > 0 ? `'${unknown.join("', '")}' is not` : 'give at least one of';
      ctx.addIssue({ code: 'custom', message: `${what} ${aggregations.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(names)] as Aggregation[];
  })
  .meta({
    description: `Comma-separated: only meters with one of these aggregations (${aggregations.join(', ')})`,
    example: 'SUM,MAX',
  });

/** Togai's /usage_meters API: the contract both the handlers and the OpenAPI document use. */
export const usageMeterRoutes = {
  create: createRoute({
    method: 'post',
    path: '/usage_meters',
    tags,
    summary: 'Create a usage meter (as DRAFT) on an event schema',
    request: { body: jsonBody(createUsageMeterRequest) },
    responses: { 201: jsonResponse(usageMeterSchema, 'The new DRAFT meter'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/usage_meters',
    tags,
    summary: 'List usage meters, oldest first',
    request: {
      query: pageQuerySchema.extend({ status: statusFilterSchema, aggregations: aggregationListSchema.optional() }),
    },
    responses: {
      200: jsonResponse(pageSchema(usageMeterSchema, 'UsageMeterPaginatedResponse'), 'A page of meters'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/usage_meters/{id}',
    tags,
    summary: 'Get a usage meter, optionally with its event schema',
    request: {
      params: idParam,
      query: z.object({
        includeSchema: z
          .enum(['true', 'false'])
          .optional()
          .meta({ description: 'Embed the event schema as `eventSchema`' }),
      }),
    },
    responses: { 200: jsonResponse(usageMeterSchema, 'The meter'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/usage_meters/{id}',
    tags,
    summary: 'Change a meter: freely while DRAFT; once activated only name, billableName and description',
    request: { params: idParam, body: jsonBody(updateUsageMeterRequest) },
    responses: {
      200: jsonResponse(usageMeterSchema, 'The meter after the change'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  ...lifecycleRoutes({
    path: '/usage_meters/{id}',
    params: idParam,
    schema: usageMeterSchema,
    noun: 'meter',
    tags,
    activateSummary:
      'DRAFT or INACTIVE → ACTIVE; its event schema must be ACTIVE and the meter must fit its current version',
    deactivateSummary: 'ACTIVE → INACTIVE: new events stop counting',
  }),
};
