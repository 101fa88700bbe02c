import { OpenAPIHono } from '@hono/zod-openapi';
import { rejectInvalidRequest } from '../../shared/errors/request-validation';
import type { RaterHono } from './hono-env';

/**
 * The rater's routers: each route is a contract of shared/api, validated by and documented from
 * that one definition (a request that fails it is a 422 naming each field), served with the
 * database and principal of each RPC call.
 */
export function createRouter() {
  return new OpenAPIHono<RaterHono>({ defaultHook: (result) => rejectInvalidRequest(result) });
}
