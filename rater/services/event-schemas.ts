import { AppError, concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import { checkEventSchema } from '../../shared/event-schema/check-event-schema';
import { checkSchemaEvolution } from '../../shared/event-schema/check-schema-evolution';
import {
  duplicateFieldIssues,
  type CreateEventSchemaRequest,
  type EventSchema,
  type UpdateEventSchemaRequest,
} from '../../shared/event-schema/event-schema';
import { nextStatus, type LifecycleAction } from '../../shared/lifecycle/lifecycle';
import {
  findEventSchema,
  insertEventSchema,
  listEventSchemaVersions,
  setEventSchemaStatus,
  updateEventSchemaDefinition,
} from '../store/event-schemas';
import { inTenantHome } from '../store/tenant-home';
import { activeMeterIdsOfSchema } from '../store/usage-meters';
import type { TenantContext } from './tenant-context';

/** Event schemas: docs/design.md §3's lifecycle and versioning rules, each change in one transaction. */
export async function createEventSchema(ctx: TenantContext, input: CreateEventSchemaRequest): Promise<EventSchema> {
  const issues = checkEventSchema(input);
  if (issues.length > 0) {
    throw invalid('invalid_event_schema', issues);
  }
  const created = await inTenantHome(ctx.db, ctx.tenantId, ctx.home, (tx) =>
    insertEventSchema(tx, ctx.tenantId, input),
  );
  if (!created) {
    throw nameTaken('event schema', input.name, 'schemas');
  }
  return created;
}

/** The schema as it is now, or as it was at `version`. */
export async function eventSchemaAt(
  ctx: TenantContext,
  name: string,
  version: number | undefined,
): Promise<EventSchema> {
  const schema = await mustFindEventSchema(ctx, name);
  if (version === undefined || version === schema.version) {
    return schema;
  }
  const found = (await listEventSchemaVersions(ctx.db, ctx.tenantId, schema)).find((v) => v.version === version);
  if (!found) {
    throw notFound('event schema version', `${schema.name}@${version}`);
  }
  return found;
}

/** Every published version; a DRAFT has none yet and is listed as what it is. */
export async function eventSchemaVersions(ctx: TenantContext, name: string): Promise<EventSchema[]> {
  const schema = await mustFindEventSchema(ctx, name);
  return schema.status === 'DRAFT' ? [schema] : listEventSchemaVersions(ctx.db, ctx.tenantId, schema);
}

/** A DRAFT changes freely; a published schema only evolves compatibly (a new version). */
export async function updateEventSchema(
  ctx: TenantContext,
  name: string,
  patch: UpdateEventSchemaRequest,
): Promise<EventSchema> {
  const schema = await mustFindEventSchema(ctx, name);
  if (schema.status === 'ARCHIVED') {
    throw new AppError(
      'conflict',
      'event_schema_archived',
      `Event schema '${schema.name}' is archived and cannot change`,
    );
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
  if (schema.status !== 'DRAFT') {
    issues.push(...checkSchemaEvolution(schema, next));
  }
  if (issues.length > 0) {
    throw invalid('invalid_event_schema', issues);
  }
  return (await updateEventSchemaDefinition(ctx.db, ctx.tenantId, schema, next)) ?? raced(schema);
}

export async function transitionEventSchema(
  ctx: TenantContext,
  name: string,
  action: LifecycleAction,
): Promise<EventSchema> {
  const schema = await mustFindEventSchema(ctx, name);
  const status = nextStatus('Event schema', name, schema.status, action);
  if (status === schema.status) {
    return schema;
  }
  // The status is written first: the row lock it takes makes a racing meter activation (which
  // share-locks this row) wait, so the ACTIVE-meter count below cannot be outdated at commit.
  const moved = await ctx.db.transaction(async (tx) => {
    const written = await setEventSchemaStatus(tx, ctx.tenantId, schema, status);
    if (written && action === 'deactivate') {
      const meters = await activeMeterIdsOfSchema(tx, ctx.tenantId, name);
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

async function mustFindEventSchema(ctx: TenantContext, name: string): Promise<EventSchema> {
  const schema = await findEventSchema(ctx.db, ctx.tenantId, name);
  if (!schema) {
    throw notFound('event schema', name);
  }
  return schema;
}

function raced(schema: EventSchema): never {
  throw concurrentChange('event schema', schema.name);
}
