import { Hono } from 'hono';
import { requireScope } from '../../shared/auth/api-key';
import { forgetTenantKeys, forgetTenantSchemas } from '../config/tenant-config';
import type { EdgeHono } from '../hono-env';

/** The configuration and query API lives in the rater, next to Postgres (DESIGN §1). */
const FORWARDED = ['/event_schema', '/usage_meters', '/usage', '/metrics', '/events', '/accounts', '/price_plans', '/api_keys'];
/** POST routes that only read. */
const READ_ONLY_POSTS = new Set(['/metrics']);

/**
 * Forwards an authenticated request to the rater over the service binding, with the principal as
 * an RPC argument — never as a header a client could forge. Reads need `read`, changes `admin`.
 */
export const forwardToRater = new Hono<EdgeHono>().all('*', async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (!FORWARDED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return next();

  const principal = c.get('principal');
  const reads = c.req.method === 'GET' || c.req.method === 'HEAD' || READ_ONLY_POSTS.has(path);
  requireScope(principal, reads ? 'read' : 'admin');
  const response = await c.env.RATER.serveApi(c.req.raw, principal);
  if (!reads && response.ok) {
    if (path.startsWith('/api_keys')) forgetTenantKeys(principal.tenantId);
    else await forgetTenantSchemas(c.env, principal.tenantId);
  }
  return response;
});
