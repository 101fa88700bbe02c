import { Hono } from 'hono';
import { AppError, invalid, notFound } from '../../shared/errors/app-error';
import { checkEventSchema } from '../../shared/event-schema/check-event-schema';
import { createEventSchemaRequest } from '../../shared/event-schema/event-schema';
import { findEventSchema, insertEventSchema, setEventSchemaStatus } from '../store/event-schemas';
import type { RaterHono } from './hono-env';
import { readBody } from './read-body';

/** Togai's /event_schema routes. (Listing, versions, PATCH and archiving: issue #3.) */
export const eventSchemaRoutes = new Hono<RaterHono>()
  .post('/event_schema', async (c) => {
    const input = await readBody(c, createEventSchemaRequest);
    const issues = checkEventSchema(input);
    if (issues.length > 0) throw invalid('invalid_event_schema', issues);
    const created = await insertEventSchema(c.env.db, c.env.principal.tenantId, input);
    if (!created) {
      throw new AppError('conflict', 'event_schema_exists', `An event schema named '${input.name}' already exists`, [
        { path: 'name', message: 'is taken' },
      ]);
    }
    return c.json(created, 201);
  })
  .get('/event_schema/:name', async (c) => {
    const schema = await findEventSchema(c.env.db, c.env.principal.tenantId, c.req.param('name'));
    if (!schema) throw notFound('event schema', c.req.param('name'));
    return c.json(schema);
  })
  .post('/event_schema/:name/activate', async (c) => {
    const { tenantId } = c.env.principal;
    const schema = await findEventSchema(c.env.db, tenantId, c.req.param('name'));
    if (!schema) throw notFound('event schema', c.req.param('name'));
    if (schema.status === 'ACTIVE') return c.json(schema);
    if (schema.status === 'ARCHIVED') {
      throw new AppError('conflict', 'event_schema_archived', `Event schema '${schema.name}' is archived and cannot be activated`);
    }
    return c.json(await setEventSchemaStatus(c.env.db, tenantId, schema.name, 'ACTIVE'));
  });
