import { createMiddleware } from 'hono/factory';
import { bearerToken, hashApiKey } from '../../shared/auth/api-key';
import { AppError } from '../../shared/errors/app-error';
import { principalForKey } from '../config/tenant-config';
import type { EdgeHono } from '../hono-env';
import { limitFailedAuthentication, limitRequests, refuseBlockedClient } from './rate-limits';

/**
 * Resolves `Authorization: Bearer <key>` to the tenant and scopes it carries, within the limits:
 * an address that sent too many keys that are not valid is refused before its key is looked up,
 * and every request counts against its key's and its tenant's rate (edge/middleware/rate-limits.ts).
 */
export const authenticate = createMiddleware<EdgeHono>(async (c, next) => {
  const client = c.req.header('cf-connecting-ip') ?? 'unknown';
  refuseBlockedClient(client);
  const key = bearerToken(c.req.header('authorization'));
  const principal = await principalForKey(c.env, await hashApiKey(key));
  if (!principal) {
    await limitFailedAuthentication(c.env, client);
    throw new AppError('unauthenticated', 'invalid_api_key', 'The API key is not valid or was revoked');
  }
  await limitRequests(c.env, principal);
  c.set('principal', principal);
  await next();
});
