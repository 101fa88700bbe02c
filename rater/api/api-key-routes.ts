import { createMiddleware } from 'hono/factory';
import { apiKeyRoutes as routes } from '../../shared/api/api-key-routes';
import { requireScope } from '../../shared/auth/api-key';
import { AppError } from '../../shared/errors/app-error';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '../store/api-keys';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import type { RaterHono } from './hono-env';
import { createRouter } from './router';

/**
 * The edge lets any `read` key through on a GET; keys are more sensitive than configuration, so
 * every /api_keys route wants `admin` — checked before the input, so a weaker key learns nothing.
 */
const adminOnly = createMiddleware<RaterHono>(async (c, next) => {
  requireScope(c.env.principal, 'admin');
  await next();
});

const router = createRouter();
router.use('/api_keys/*', adminOnly);

/** A tenant's API keys. A key may revoke itself; it then stops working like any other. */
export const apiKeyRoutes = router
  .openapi(routes.create, async (c) => {
    const { name, scopes } = c.req.valid('json');
    const { secret, ...apiKey } = await createApiKey(c.env.directory, c.env.principal.tenantId, { name, scopes });
    return c.json({ ...apiKey, key: secret }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { nextToken, pageSize, includeRevoked } = c.req.valid('query');
    const { directory: db, principal } = c.env;
    // Keys are never deleted, so a token naming none of this tenant's keys was not ours to give.
    const after = await decodeOwnPageToken(nextToken, (id) => findApiKey(db, principal.tenantId, id));
    const rows = await listApiKeys(db, principal.tenantId, {
      includeRevoked: includeRevoked === 'true',
      after,
      limit: pageSize + 1,
    });
    return c.json(
      toPage(rows, pageSize, (k) => k.id),
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const { id } = c.req.valid('param');
    return c.json((await findApiKey(c.env.directory, c.env.principal.tenantId, id)) ?? unknownKey(id), 200);
  })
  .openapi(routes.revoke, async (c) => {
    const { id } = c.req.valid('param');
    return c.json((await revokeApiKey(c.env.directory, c.env.principal.tenantId, id)) ?? unknownKey(id), 200);
  });

/** Another tenant's key is unknown too: the answer must not tell whether the id exists. */
function unknownKey(id: string): never {
  throw new AppError('not_found', 'api_key_not_found', `No API key '${id}'`);
}
