import { createMiddleware } from 'hono/factory';
import { bearerToken, hashApiKey } from '../../shared/auth/api-key';
import { AppError } from '../../shared/errors/app-error';
import { principalForKey } from '../config/tenant-config';
import type { EdgeHono } from '../hono-env';

/** Resolves `Authorization: Bearer <key>` to the tenant and scopes it carries. */
export const authenticate = createMiddleware<EdgeHono>(async (c, next) => {
  const key = bearerToken(c.req.header('authorization'));
  const principal = await principalForKey(c.env, await hashApiKey(key));
  if (!principal) throw new AppError('unauthenticated', 'invalid_api_key', 'The API key is not valid or was revoked');
  c.set('principal', principal);
  await next();
});
