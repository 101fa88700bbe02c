import { Hono } from 'hono';
import { requireScope } from '../../shared/auth/api-key';
import { parseJsonBody } from '../../shared/api/strict-json';
import { AppError } from '../../shared/errors/app-error';
import { forgetKey, forgetTenantConfig } from '../config/tenant-config';
import type { EdgeHono } from '../hono-env';

/** The configuration and query API lives in the rater, next to Postgres (DESIGN §1). */
const FORWARDED = ['/event_schema', '/usage_meters', '/features', '/usage', '/revenue', '/metrics', '/events', '/customers', '/accounts', '/aliases', '/credits', '/price_plans', '/v2/price_plans', '/api_keys', '/parked_messages', '/settings', '/tenant_settings', '/alerts', '/alert_templates', '/incidents', '/webhooks'];
/** POST routes that only read. */
const READ_ONLY_POSTS = new Set(['/metrics']);
/** Configuration bodies are small; anything larger is refused here, before the rater. */
const MAX_BODY_BYTES = 256 * 1024;

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
  const response = await c.env.RATER.serveApi(await bufferedRequest(c.req.raw), principal);
  if (!reads && response.ok) {
    const revoked = c.req.method === 'DELETE' ? /^\/api_keys\/([^/]+)$/.exec(path)?.[1] : undefined;
    if (revoked) {
      const keyHash = await c.env.RATER.apiKeyHash(principal.tenantId, decodeURIComponent(revoked));
      if (keyHash) await forgetKey(c.env, keyHash);
    } else if (path.startsWith('/event_schema') || path === '/features' || path.startsWith('/features/')) {
      // Only schemas and features are replicated at the edge; other changes have nothing there to forget.
      await forgetTenantConfig(c.env, principal.tenantId);
    }
  }
  return response;
});

/**
 * The public edge refuses what the rater could not read — another media type, an oversized body,
 * bytes that are not UTF-8, text Postgres cannot store —
 * and passes a buffered copy, not the client's stream: the body is small, and a stream the rater
 * leaves unread (a refused request) must not hold the RPC call open.
 */
async function bufferedRequest(request: Request): Promise<Request> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const declared = Number(request.headers.get('content-length') ?? 0);
  const body = declared > MAX_BODY_BYTES ? null : await request.arrayBuffer();
  if (body === null || body.byteLength > MAX_BODY_BYTES) {
    throw new AppError('too_large', 'payload_too_large', `The body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  if (body.byteLength > 0 && !/^application\/(.+\+)?json\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json');
  }
  if (body.byteLength === 0) return new Request(request.url, { method: request.method, headers: request.headers, body: null });
  // Read strictly here (exact numbers, UTF-8, storable text) and passed on as read.
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body: JSON.stringify(parseJsonBody(body)) });
}
