import { tenantSettingsRoutes as routes } from '../../shared/api/tenant-settings-routes';
import { tenantSettings, updateTenantSettings } from '../store/tenant-settings';
import { createRouter } from './router';

/** GET and PATCH /tenant_settings: the rules live in the store, which locks the tenant's row. */
export const tenantSettingsRoutes = createRouter()
  .openapi(routes.get, async (c) => {
    return c.json(await tenantSettings(c.env.directory, c.env.principal.tenantId, c.env.dedupShards), 200);
  })
  .openapi(routes.update, async (c) => {
    const change = c.req.valid('json');
    return c.json(
      await updateTenantSettings(c.env.databases, c.env.principal.tenantId, change, c.env.dedupShards, new Date()),
      200,
    );
  });
