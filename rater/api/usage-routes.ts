import { Hono } from 'hono';
import { invalid } from '../../shared/errors/app-error';
import { parseOrThrow } from '../../shared/errors/zod-issues';
import { usageQuerySchema } from '../../shared/usage/usage-query';
import { queryUsage } from '../queries/usage';
import { findUsageMeter } from '../store/usage-meters';
import type { RaterHono } from './hono-env';

/**
 * GET /usage — Meterline's usage query (beyond Togai's /metrics): a meter's value, exact, from
 * the per-minute rollups. Values are decimal strings; MAX/MIN/LATEST are null when no event matched.
 */
export const usageRoutes = new Hono<RaterHono>().get('/usage', async (c) => {
  const query = parseOrThrow(usageQuerySchema, c.req.query(), 'invalid_usage_query');
  const { tenantId } = c.env.principal;
  const meter = await findUsageMeter(c.env.db, tenantId, query.meterId);
  if (!meter) throw invalid('invalid_usage_query', [{ path: 'meterId', message: `no usage meter '${query.meterId}'` }]);
  const result = await queryUsage(c.env.db, tenantId, meter, query);
  return c.json({
    meterId: meter.id,
    aggregation: meter.aggregation,
    accountId: query.accountId ?? null,
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    timeZone: query.timeZone,
    value: result.value,
    ...(result.data ? { window: query.window, data: result.data } : {}),
  });
});
