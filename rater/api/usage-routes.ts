import { usageRoutes as routes } from '../../shared/api/usage-routes';
import { invalid } from '../../shared/errors/app-error';
import { groupByKeys } from '../../shared/usage/usage-query';
import { issuesFromZod } from '../../shared/errors/zod-issues';
import { queryUsage } from '../queries/usage';
import { findUsageMeter } from '../store/usage-meters';
import { createRouter } from './router';

/**
 * GET /usage — Meterline's usage query (beyond Togai's /metrics): a meter's value, exact, from
 * the per-minute rollups. Values are decimal strings; MAX/MIN/LATEST are null when no event matched.
 */
export const usageRoutes = createRouter().openapi(
  routes.get,
  async (c) => {
    const query = c.req.valid('query');
    const { tenantId } = c.env.principal;
    const meter = await findUsageMeter(c.env.db, tenantId, query.meterId);
    if (!meter) {
      throw invalid('invalid_usage_query', [{ path: 'meterId', message: `no usage meter '${query.meterId}'` }]);
    }
    const result = await queryUsage(c.env.db, tenantId, meter, query);
    return c.json(
      {
        meterId: meter.id,
        aggregation: meter.aggregation,
        accountId: query.accountId ?? null,
        from: new Date(query.from).toISOString(),
        to: new Date(query.to).toISOString(),
        timeZone: query.timeZone,
        value: result.value,
        ...(result.data ? { window: query.window, data: result.data } : {}),
        ...(result.groups ? { groupBy: groupByKeys(query), groups: result.groups } : {}),
      },
      200,
    );
  },
  // The usage query's own code, as before the route had a contract: clients branch on it.
  (result) => {
    if (!result.success) {
      throw invalid('invalid_usage_query', issuesFromZod(result.error));
    }
    return undefined;
  },
);
