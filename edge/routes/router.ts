import { OpenAPIHono } from '@hono/zod-openapi';
import { rejectInvalidRequest } from '../../shared/errors/request-validation';
import type { EdgeHono } from '../hono-env';

/**
 * The edge's routers: each route is a contract of shared/api, validated by and documented from
 * that one definition; a request that fails it is a 422 naming each field.
 */
export function createRouter() {
  return new OpenAPIHono<EdgeHono>({ defaultHook: (result) => rejectInvalidRequest(result) });
}
