import { AppError, concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import { eventSchemaRoutes as routes } from '../../shared/api/event-schema-routes';
import { checkEventSchema } from '../../shared/event-schema/check-event-schema';
import { checkSchemaEvolution } from '../../shared/event-schema/check-schema-evolution';
import { duplicateFieldIssues, type EventSchema } from '../../shared/event-schema/event-schema';
import { nextStatus, type LifecycleAction } from '../../shared/lifecycle/lifecycle';
import type { Database } from '../db/connect';
import {
  findEventSchema,
  insertEventSchema,
  listEventSchemas,
  listEventSchemaVersions,
  setEventSchemaStatus,
  updateEventSchemaDefinition,
} from '../store/event-schemas';
import { decodePageToken, toPage } from '../../shared/api/page';
import { activeMeterIdsOfSchema } from '../store/usage-meters';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

/** Togai's /event_schema API with DESIGN §3's lifecycle and versioning rules. */
export const eventSchemaRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const input = c.req.valid('json');
    const issues = checkEventSchema(input);
    if (issues.length > 0) throw invalid('invalid_event_schema', issues);
    const { tenantId } = c.env.principal;
    const created = await inTenantHome(c.env.db, tenantId, c.env.home, (tx) => insertEventSchema(tx, tenantId, input));
    if (!created) {
      throw nameTaken('event schema', input.name, 'schemas');
    }
    return c.json(created, 201);
  })
  .openapi(routes.list, async (c) => {
    const { status, nextToken, pageSize } = c.req.valid('query');
    const rows = await listEventSchemas(c.env.db, c.env.principal.tenantId, { status, after: decodePageToken(nextToken), limit: pageSize + 1 });
    return c.json(toPage(rows, pageSize, (s) => s.name), 200);
  })
  .openapi(routes.get, async (c) => {
    const schema = await mustFind(c.env.db, c.env.principal.tenantId, c.req.valid('param').name);
    const { version } = c.req.valid('query');
    if (version === undefined || version === schema.version) return c.json(schema, 200);
    const found = (await listEventSchemaVersions(c.env.db, c.env.principal.tenantId, schema)).find((v) => v.version === version);
    if (!found) throw notFound('event schema version', `${schema.name}@${version}`);
    return c.json(found, 200);
  })
  .openapi(routes.update, async (c) => {
    const { tenantId } = c.env.principal;
    const schema = await mustFind(c.env.db, tenantId, c.req.valid('param').name);
    const patch = c.req.valid('json');
    if (schema.status === 'ARCHIVED') {
      throw new AppError('conflict', 'event_schema_archived', `Event schema '${schema.name}' is archived and cannot change`);
    }
    const next = {
      description: 'description' in patch ? patch.description : schema.description,
      attributes: patch.attributes ?? schema.attributes,
      dimensions: patch.dimensions ?? schema.dimensions,
      enrichments: patch.enrichments ?? schema.enrichments,
      eventIdTemplate: 'eventIdTemplate' in patch ? patch.eventIdTemplate : schema.eventIdTemplate,
      filterFields: patch.filterFields ?? schema.filterFields,
    };
    const issues = [...duplicateFieldIssues(next), ...checkEventSchema(next)];
    if (schema.status !== 'DRAFT') issues.push(...checkSchemaEvolution(schema, next));
    if (issues.length > 0) throw invalid('invalid_event_schema', issues);
    const updated = await updateEventSchemaDefinition(c.env.db, tenantId, schema, next);
    return c.json(updated ?? raced(schema), 200);
  })
  .openapi(routes.versions, async (c) => {
    const schema = await mustFind(c.env.db, c.env.principal.tenantId, c.req.valid('param').name);
    const versions = await listEventSchemaVersions(c.env.db, c.env.principal.tenantId, schema);
    // A DRAFT has no published version yet; it is listed as what it is.
    return c.json({ data: schema.status === 'DRAFT' ? [schema] : versions }, 200);
  })
  .openapi(routes.activate, async (c) => c.json(await transition(c.env, c.req.valid('param').name, 'activate'), 200))
  .openapi(routes.deactivate, async (c) => c.json(await transition(c.env, c.req.valid('param').name, 'deactivate'), 200))
  .openapi(routes.archive, async (c) => c.json(await transition(c.env, c.req.valid('param').name, 'archive'), 200))
  .openapi(routes.delete, async (c) => {
    await transition(c.env, c.req.valid('param').name, 'archive');
    return c.json({ success: true }, 200);
  });

async function transition(
  env: { db: Database; principal: { tenantId: string } },
  name: string,
  action: LifecycleAction,
): Promise<EventSchema> {
  const { db, principal } = env;
  const schema = await mustFind(db, principal.tenantId, name);
  const status = nextStatus('Event schema', name, schema.status, action);
  if (status === schema.status) return schema;
  // The status is written first: the row lock it takes makes a racing meter activation (which
  // share-locks this row) wait, so the ACTIVE-meter count below cannot be outdated at commit.
  const moved = await db.transaction(async (tx) => {
    const written = await setEventSchemaStatus(tx, principal.tenantId, schema, status);
    if (written && action === 'deactivate') {
      const meters = await activeMeterIdsOfSchema(tx, principal.tenantId, name);
      if (meters.length > 0) {
        throw new AppError(
          'conflict',
          'event_schema_in_use',
          `Event schema '${name}' has ACTIVE usage meters; deactivate them first: ${meters.join(', ')}`,
          meters.map((id) => ({ path: 'usageMeters', message: id })),
        );
      }
    }
    return written;
  });
  return moved ?? raced(schema);
}

async function mustFind(db: Database, tenantId: string, name: string): Promise<EventSchema> {
  const schema = await findEventSchema(db, tenantId, name);
  if (!schema) throw notFound('event schema', name);
  return schema;
}

function raced(schema: EventSchema): never {
  throw concurrentChange('event schema', schema.name);
}
