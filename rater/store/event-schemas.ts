import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import {
  eventSchemaSchema,
  type CreateEventSchemaRequest,
  type EventSchema,
  type EventSchemaDefinition,
  type LifecycleStatus,
} from '../../shared/event-schema/event-schema';
import type { Queryable } from '../db/connect';
import { eventSchemas, eventSchemaVersions, usageMeters } from '../db/schema';
import { forgetMeteringConfig } from './metering-config-cache';

type Row = typeof eventSchemas.$inferSelect;

export function toEventSchema(row: Row): EventSchema {
  return fromColumns(row, { status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt });
}

/** A schema (or one frozen version of it) from its definition columns. */
function fromColumns(
  row: Pick<
    Row,
    | 'name'
    | 'version'
    | 'description'
    | 'attributes'
    | 'dimensions'
    | 'enrichments'
    | 'eventIdTemplate'
    | 'filterFields'
  >,
  meta: { status: string; createdAt: Date | string; updatedAt: Date },
): EventSchema {
  return eventSchemaSchema.parse({
    name: row.name,
    description: row.description ?? undefined,
    attributes: row.attributes,
    dimensions: row.dimensions,
    enrichments: row.enrichments ?? undefined,
    eventIdTemplate: row.eventIdTemplate ?? undefined,
    filterFields: row.filterFields ?? undefined,
    version: row.version,
    status: meta.status,
    createdAt: new Date(meta.createdAt).toISOString(),
    updatedAt: meta.updatedAt.toISOString(),
  });
}

function definitionColumns(d: EventSchemaDefinition) {
  return {
    description: d.description ?? null,
    attributes: d.attributes,
    dimensions: d.dimensions,
    enrichments: d.enrichments ?? null,
    eventIdTemplate: d.eventIdTemplate ?? null,
    filterFields: d.filterFields ?? null,
  };
}

/** Inserts a DRAFT schema; null when the tenant already has one of that name (archived ones too). */
export async function insertEventSchema(
  db: Queryable,
  tenantId: string,
  input: CreateEventSchemaRequest,
): Promise<EventSchema | null> {
  forgetMeteringConfig(tenantId);
  const [row] = await db
    .insert(eventSchemas)
    .values({ tenantId, name: input.name, ...definitionColumns(input) })
    .onConflictDoNothing()
    .returning();
  return row ? toEventSchema(row) : null;
}

export async function findEventSchema(db: Queryable, tenantId: string, name: string): Promise<EventSchema | null> {
  const [row] = await db
    .select()
    .from(eventSchemas)
    .where(and(eq(eventSchemas.tenantId, tenantId), eq(eventSchemas.name, name)));
  return row ? toEventSchema(row) : null;
}

/** The tenant's schemas of these names, by name; a name it has no schema of is absent. */
export async function findEventSchemas(
  db: Queryable,
  tenantId: string,
  names: string[],
): Promise<Map<string, EventSchema>> {
  if (names.length === 0) {
    return new Map();
  }
  const rows = await db
    .select()
    .from(eventSchemas)
    .where(and(eq(eventSchemas.tenantId, tenantId), inArray(eventSchemas.name, names)));
  return new Map(rows.map((row) => [row.name, toEventSchema(row)]));
}

/** A page of schemas by name; without a status filter, ARCHIVED ones stay hidden. */
export async function listEventSchemas(
  db: Queryable,
  tenantId: string,
  { status, after, limit }: { status?: LifecycleStatus | undefined; after?: string | undefined; limit: number },
) {
  const meters = db
    .select({ name: usageMeters.eventSchemaName, n: sql<number>`count(*)::int`.as('n') })
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), ne(usageMeters.status, 'ARCHIVED')))
    .groupBy(usageMeters.eventSchemaName)
    .as('meters');
  const rows = await db
    .select({ schema: eventSchemas, usageMetersCount: sql<number>`coalesce(${meters.n}, 0)` })
    .from(eventSchemas)
    .leftJoin(meters, eq(meters.name, eventSchemas.name))
    .where(
      and(
        eq(eventSchemas.tenantId, tenantId),
        status ? eq(eventSchemas.status, status) : ne(eventSchemas.status, 'ARCHIVED'),
        after === undefined ? undefined : gt(eventSchemas.name, after),
      ),
    )
    .orderBy(asc(eventSchemas.name))
    .limit(limit);
  return rows.map((r) => ({ ...toEventSchema(r.schema), usageMetersCount: Number(r.usageMetersCount) }));
}

/**
 * Moves a schema to `status`. Publishing (the first activation) freezes version 1. Optimistic:
 * returns null when the row changed since `expected` was read, so a racing change is not lost.
 */
export async function setEventSchemaStatus(
  db: Queryable,
  tenantId: string,
  expected: EventSchema,
  status: LifecycleStatus,
): Promise<EventSchema | null> {
  forgetMeteringConfig(tenantId);
  const [row] = await db
    .update(eventSchemas)
    .set({ status, updatedAt: new Date() })
    .where(schemaAt(tenantId, expected))
    .returning();
  if (!row) {
    return null;
  }
  if (expected.status === 'DRAFT' && status === 'ACTIVE') {
    await db
      .insert(eventSchemaVersions)
      .values({ tenantId, name: row.name, version: row.version, ...definitionColumns(expected) });
  }
  return toEventSchema(row);
}

/** Replaces the definition: in place while DRAFT, as a new frozen version once published. */
export async function updateEventSchemaDefinition(
  db: Queryable,
  tenantId: string,
  expected: EventSchema,
  definition: EventSchemaDefinition,
): Promise<EventSchema | null> {
  forgetMeteringConfig(tenantId);
  const published = expected.status !== 'DRAFT';
  const version = published ? expected.version + 1 : expected.version;
  const [row] = await db
    .update(eventSchemas)
    .set({ ...definitionColumns(definition), version, updatedAt: new Date() })
    .where(schemaAt(tenantId, expected))
    .returning();
  if (!row) {
    return null;
  }
  if (published) {
    await db
      .insert(eventSchemaVersions)
      .values({ tenantId, name: row.name, version, ...definitionColumns(definition) });
  }
  return toEventSchema(row);
}

/** Published versions, oldest first. Older ones read as ARCHIVED, as in Togai; the newest as the schema is. */
export async function listEventSchemaVersions(
  db: Queryable,
  tenantId: string,
  current: EventSchema,
): Promise<EventSchema[]> {
  const rows = await db
    .select()
    .from(eventSchemaVersions)
    .where(and(eq(eventSchemaVersions.tenantId, tenantId), eq(eventSchemaVersions.name, current.name)))
    .orderBy(asc(eventSchemaVersions.version));
  return rows.map((v) =>
    v.version === current.version
      ? current
      : fromColumns(v, { status: 'ARCHIVED', createdAt: current.createdAt, updatedAt: v.publishedAt }),
  );
}

function schemaAt(tenantId: string, expected: EventSchema) {
  return and(
    eq(eventSchemas.tenantId, tenantId),
    eq(eventSchemas.name, expected.name),
    eq(eventSchemas.version, expected.version),
    eq(eventSchemas.status, expected.status),
  );
}
