import { aliasRoutes as routes } from '../../shared/api/alias-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { AppError, notFound } from '../../shared/errors/app-error';
import { aliasHeld, deleteAlias, findAlias, listRegisteredAliases, registerAliases } from '../store/alias-registry';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

/** Togai's /aliases API: HTTP in and out; the store keeps the registry. */
export const aliasRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal, home } = c.env;
    const values = c.req.valid('json').aliases.map((a) => a.value);
    const result = await inTenantHome(db, principal.tenantId, home, (tx) =>
      registerAliases(tx, principal.tenantId, values),
    );
    if (!result.ok) {
      throw new AppError(
        'conflict',
        'alias_exists',
        `Already registered: ${result.taken.join(', ')}`,
        result.taken.map((value) => ({
          path: `aliases.${values.indexOf(value)}.value`,
          message: 'is registered already',
        })),
      );
    }
    return c.json({ data: result.aliases }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize } = c.req.valid('query');
    const afterValue = await decodeOwnPageToken(nextToken, (value) => findAlias(db, principal.tenantId, value));
    const rows = await listRegisteredAliases(db, principal.tenantId, { afterValue, limit: pageSize + 1 });
    const page = toPage(rows, pageSize, (a) => a.value);
    return c.json({ data: page.data, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }, 200);
  })
  .openapi(routes.get, async (c) => {
    const { alias } = c.req.valid('param');
    const found = await findAlias(c.env.db, c.env.principal.tenantId, alias);
    if (!found) {
      throw notFound('alias', alias);
    }
    return c.json(found, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { db, principal, home } = c.env;
    const { alias } = c.req.valid('param');
    await inTenantHome(db, principal.tenantId, home, async (tx) => {
      if (!(await findAlias(tx, principal.tenantId, alias))) {
        throw notFound('alias', alias);
      }
      if (await aliasHeld(tx, principal.tenantId, alias, new Date())) {
        throw new AppError(
          'conflict',
          'alias_in_use',
          `An account holds the alias '${alias}' now or from a later date; remove it from the account first`,
        );
      }
      await deleteAlias(tx, principal.tenantId, alias);
    });
    return c.json({ success: true }, 200);
  });
