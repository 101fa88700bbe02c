import type { RouteConfig } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { raterApiRoutes, requiredScope } from '../../shared/api/api-routes';
import { requireScope, type Principal } from '../../shared/auth/api-key';
import { parseJsonBody } from '../../shared/api/strict-json';
import { AppError } from '../../shared/errors/app-error';
import { forgetKey, forgetTenantConfig } from '../config/tenant-config';
import type { EdgeHono } from '../hono-env';

/** Configuration bodies are small; anything larger is refused here, before the rater. */
const MAX_BODY_BYTES = 256 * 1024;

/** What the edge keeps of the rater's data, and must forget when a change succeeds. */
type Forget = (c: Context<EdgeHono>, principal: Principal) => Promise<void>;
/** Only schemas and features are replicated at the edge; other changes have nothing there to forget. */
const forgetReplicatedConfig: Forget = (c, principal) => forgetTenantConfig(c.env, principal.tenantId);
const forgetRevokedKey: Forget = async (c, principal) => {
  const keyId = c.req.param('id');
  const keyHash = keyId ? await c.env.RATER.apiKeyHash(principal.tenantId, keyId) : null;
  if (keyHash) {
    await forgetKey(c.env, keyHash);
  }
};
const forgetting = new Map<RouteConfig, Forget>([
  ...[...Object.values(raterApiRoutes.eventSchemas), ...Object.values(raterApiRoutes.features)].map(
    (route) => [route, forgetReplicatedConfig] as const,
  ),
  [raterApiRoutes.apiKeys.revoke, forgetRevokedKey],
]);

/**
 * The configuration and query API lives in the rater, next to Postgres (docs/design.md §1). The edge
 * forwards exactly the routes of the rater's contracts (shared/api/api-routes.ts) over the service
 * binding, with the principal as an RPC argument — never as a header a client could forge — after
 * checking the scope the contract asks for.
 */
export const forwardToRater = new Hono<EdgeHono>();
for (const route of Object.values(raterApiRoutes).flatMap((group) => Object.values(group) as RouteConfig[])) {
  forwardToRater.on(route.method.toUpperCase(), honoPath(route.path), async (c) => {
    const principal = c.get('principal');
    const scope = requiredScope(route);
    requireScope(principal, scope);
    const response = await c.env.RATER.serveApi(await bufferedRequest(c.req.raw), principal);
    if (scope !== 'read' && response.ok) {
      await forgetting.get(route)?.(c, principal);
    }
    return response;
  });
}

/** `/event_schema/{name}` → `/event_schema/:name`. */
function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * The public edge refuses what the rater could not read — another media type, an oversized body,
 * bytes that are not UTF-8, text Postgres cannot store —
 * and passes a buffered copy, not the client's stream: the body is small, and a stream the rater
 * leaves unread (a refused request) must not hold the RPC call open.
 */
async function bufferedRequest(request: Request): Promise<Request> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return request;
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  const body = declared > MAX_BODY_BYTES ? null : await request.arrayBuffer();
  if (body === null || body.byteLength > MAX_BODY_BYTES) {
    throw new AppError('too_large', 'payload_too_large', `The body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  if (body.byteLength > 0 && !/^application\/(.+\+)?json\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json');
  }
  if (body.byteLength === 0) {
    // No body at all, whatever Content-Type a client sends by habit (curl -H with every call): an
    // optional body is then absent, as for POST /price_plans/{id}/activate, not malformed JSON.
    const headers = new Headers(request.headers);
    headers.delete('content-type');
    headers.delete('content-length');
    return new Request(request.url, { method: request.method, headers, body: null });
  }
  // Read strictly here (exact numbers, UTF-8, storable text) and passed on as read.
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body: JSON.stringify(parseJsonBody(body)) });
}
