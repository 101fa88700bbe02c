import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { usageMeterRoutes as routes } from '../../shared/api/usage-meter-routes';
import { tenantContext } from '../services/tenant-context';
import {
  createUsageMeter,
  transitionUsageMeter,
  updateUsageMeter,
  usageMeterWithSchema,
} from '../services/usage-meters';
import { findUsageMeter, listUsageMeters } from '../store/usage-meters';
import { createRouter } from './router';

/** Togai's /usage_meters API; the rules live in services/usage-meters.ts. */
export const usageMeterRoutes = createRouter()
  .openapi(routes.create, async (c) => c.json(await createUsageMeter(tenantContext(c.env), c.req.valid('json')), 201))
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { status, aggregations, nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findUsageMeter(db, principal.tenantId, id));
    const rows = await listUsageMeters(db, principal.tenantId, { status, aggregations, afterId, limit: pageSize + 1 });
    return c.json(
      toPage(rows, pageSize, (m) => m.id),
      200,
    );
  })
  .openapi(routes.get, async (c) =>
    c.json(
      await usageMeterWithSchema(
        tenantContext(c.env),
        c.req.valid('param').id,
        c.req.valid('query').includeSchema === 'true',
      ),
      200,
    ),
  )
  .openapi(routes.update, async (c) =>
    c.json(await updateUsageMeter(tenantContext(c.env), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.activate, async (c) =>
    c.json(await transitionUsageMeter(tenantContext(c.env), c.req.valid('param').id, 'activate'), 200),
  )
  .openapi(routes.deactivate, async (c) =>
    c.json(await transitionUsageMeter(tenantContext(c.env), c.req.valid('param').id, 'deactivate'), 200),
  )
  .openapi(routes.archive, async (c) =>
    c.json(await transitionUsageMeter(tenantContext(c.env), c.req.valid('param').id, 'archive'), 200),
  )
  .openapi(routes.delete, async (c) => {
    await transitionUsageMeter(tenantContext(c.env), c.req.valid('param').id, 'archive');
    return c.json({ success: true }, 200);
  });
