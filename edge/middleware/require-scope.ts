import { createMiddleware } from 'hono/factory';
import { requireScope, type Scope } from '../../shared/auth/api-key';
import type { EdgeHono } from '../hono-env';

/**
 * The scope check as a middleware, registered before the route's body and validation: a key that
 * may not call a route learns that (403), not what its body got wrong (422).
 */
export function scoped(scope: Scope, ...orElse: Scope[]) {
  return createMiddleware<EdgeHono>(async (c, next) => {
    requireScope(c.get('principal'), scope, ...orElse);
    await next();
  });
}
