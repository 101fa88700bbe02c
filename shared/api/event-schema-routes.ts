import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createEventSchemaRequest,
  eventSchemaSchema,
  nameSchema,
  updateEventSchemaRequest,
} from '../event-schema/event-schema';
import { lifecycleRoutes } from './lifecycle-routes';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, statusFilterSchema } from './common';

const tags = ['Event schemas'];
const nameParam = z.object({ name: nameSchema.meta({ param: { name: 'name', in: 'path' }, example: 'api_calls' }) });
const listItem = eventSchemaSchema.extend({ usageMetersCount: z.number().int() }).meta({ id: 'EventSchemaListData' });

/** Togai's /event_schema API: the contract both the handlers and the OpenAPI document use. */
export const eventSchemaRoutes = {
  create: createRoute({
    method: 'post',
    path: '/event_schema',
    tags,
    summary: 'Create an event schema (as DRAFT)',
    request: { body: jsonBody(createEventSchemaRequest) },
    responses: { 201: jsonResponse(eventSchemaSchema, 'The new DRAFT schema'), ...problems(400, 409, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/event_schema',
    tags,
    summary: 'List event schemas, by name',
    request: { query: pageQuerySchema.extend({ status: statusFilterSchema }) },
    responses: {
      200: jsonResponse(pageSchema(listItem, 'EventSchemaListPaginatedResponse'), 'A page of schemas'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/event_schema/{name}',
    tags,
    summary: 'Get an event schema, or one of its versions',
    request: { params: nameParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: jsonResponse(eventSchemaSchema, 'The schema'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/event_schema/{name}',
    tags,
    summary: 'Change a schema: freely while DRAFT; once published only by adding fields (a new version)',
    request: { params: nameParam, body: jsonBody(updateEventSchemaRequest) },
    responses: {
      200: jsonResponse(eventSchemaSchema, 'The schema after the change'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  versions: createRoute({
    method: 'get',
    path: '/event_schema/{name}/versions',
    tags,
    summary: 'Every published version, oldest first',
    request: { params: nameParam },
    responses: {
      200: jsonResponse(
        z.object({ data: z.array(eventSchemaSchema) }).meta({ id: 'EventSchemaVersionsResponse' }),
        'The versions',
      ),
      ...problems(404),
    },
  }),
  ...lifecycleRoutes({
    path: '/event_schema/{name}',
    params: nameParam,
    schema: eventSchemaSchema,
    noun: 'schema',
    tags,
    activateSummary: 'Publish (DRAFT → ACTIVE) or reactivate (INACTIVE → ACTIVE)',
    deactivateSummary: 'ACTIVE → INACTIVE; refused while ACTIVE meters use it',
  }),
};
