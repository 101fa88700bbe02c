import { metricsRoutes as routes } from '../../shared/api/metrics-routes';
import { queryMetrics } from '../queries/metrics';
import { createRouter } from './router';

/** POST /metrics — Togai's MetricsApi: USAGE and EVENTS series, exact, from the rollups. */
export const metricsRoutes = createRouter().openapi(routes.get, async (c) => {
  return c.json(await queryMetrics(c.env.db, c.env.principal.tenantId, c.req.valid('json')), 200);
});
