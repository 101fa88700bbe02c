import { eventSchemaRoutes as routes } from '../../shared/api/event-schema-routes';
import { decodePageToken, toPage } from '../../shared/api/page';
import {
  createEventSchema,
  eventSchemaAt,
  eventSchemaVersions,
  transitionEventSchema,
  updateEventSchema,
} from '../services/event-schemas';
import { tenantContext } from '../services/tenant-context';
import { listEventSchemas } from '../store/event-schemas';
import { createRouter } from './router';

/** Togai's /event_schema API; the rules live in services/event-schemas.ts. */
export const eventSchemaRoutes = createRouter()
  .openapi(routes.create, async (c) => c.json(await createEventSchema(tenantContext(c.env), c.req.valid('json')), 201))
  .openapi(routes.list, async (c) => {
    const { status, nextToken, pageSize } = c.req.valid('query');
    const rows = await listEventSchemas(c.env.db, c.env.principal.tenantId, {
      status,
      after: decodePageToken(nextToken),
      limit: pageSize + 1,
    });
    return c.json(
      toPage(rows, pageSize, (s) => s.name),
      200,
    );
  })
  .openapi(routes.get, async (c) =>
    c.json(await eventSchemaAt(tenantContext(c.env), c.req.valid('param').name, c.req.valid('query').version), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(await updateEventSchema(tenantContext(c.env), c.req.valid('param').name, c.req.valid('json')), 200),
  )
  .openapi(routes.versions, async (c) =>
    c.json({ data: await eventSchemaVersions(tenantContext(c.env), c.req.valid('param').name) }, 200),
  )
  .openapi(routes.activate, async (c) =>
    c.json(await transitionEventSchema(tenantContext(c.env), c.req.valid('param').name, 'activate'), 200),
  )
  .openapi(routes.deactivate, async (c) =>
    c.json(await transitionEventSchema(tenantContext(c.env), c.req.valid('param').name, 'deactivate'), 200),
  )
  .openapi(routes.archive, async (c) =>
    c.json(await transitionEventSchema(tenantContext(c.env), c.req.valid('param').name, 'archive'), 200),
  )
  .openapi(routes.delete, async (c) => {
    await transitionEventSchema(tenantContext(c.env), c.req.valid('param').name, 'archive');
    return c.json({ success: true }, 200);
  });
