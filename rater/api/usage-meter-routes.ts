import { Hono } from 'hono';
import { AppError, invalid, notFound } from '../../shared/errors/app-error';
import { checkUsageMeter } from '../../shared/meter/check-usage-meter';
import { createUsageMeterRequest } from '../../shared/meter/usage-meter';
import { findEventSchema } from '../store/event-schemas';
import { findUsageMeter, insertUsageMeter, setUsageMeterStatus } from '../store/usage-meters';
import type { RaterHono } from './hono-env';
import { readBody } from './read-body';

/** Togai's /usage_meters routes. (Listing, PATCH, deactivation and archiving: issue #3.) */
export const usageMeterRoutes = new Hono<RaterHono>()
  .post('/usage_meters', async (c) => {
    const { tenantId } = c.env.principal;
    const input = await readBody(c, createUsageMeterRequest);
    const schema = await findEventSchema(c.env.db, tenantId, input.eventSchemaName);
    if (!schema) {
      throw invalid('invalid_usage_meter', [{ path: 'eventSchemaName', message: `no event schema named '${input.eventSchemaName}'` }]);
    }
    const issues = checkUsageMeter(input, schema);
    if (issues.length > 0) throw invalid('invalid_usage_meter', issues);
    const created = await insertUsageMeter(c.env.db, tenantId, input);
    if (!created) {
      throw new AppError('conflict', 'usage_meter_exists', `A usage meter named '${input.name}' already exists`, [
        { path: 'name', message: 'is taken' },
      ]);
    }
    return c.json(created, 201);
  })
  .get('/usage_meters/:id', async (c) => {
    const meter = await findUsageMeter(c.env.db, c.env.principal.tenantId, c.req.param('id'));
    if (!meter) throw notFound('usage meter', c.req.param('id'));
    return c.json(meter);
  })
  .post('/usage_meters/:id/activate', async (c) => {
    const { tenantId } = c.env.principal;
    const meter = await findUsageMeter(c.env.db, tenantId, c.req.param('id'));
    if (!meter) throw notFound('usage meter', c.req.param('id'));
    if (meter.status === 'ACTIVE') return c.json(meter);
    if (meter.status === 'ARCHIVED') {
      throw new AppError('conflict', 'usage_meter_archived', `Usage meter '${meter.id}' is archived and cannot be activated`);
    }
    const schema = await findEventSchema(c.env.db, tenantId, meter.eventSchemaName);
    if (schema?.status !== 'ACTIVE') {
      throw new AppError(
        'conflict',
        'event_schema_not_active',
        `Usage meter '${meter.id}' needs its event schema '${meter.eventSchemaName}' to be ACTIVE first`,
      );
    }
    return c.json(await setUsageMeterStatus(c.env.db, tenantId, meter.id, 'ACTIVE'));
  });
