import { and, eq } from 'drizzle-orm';
import { eventSchemaSchema, type CreateEventSchemaRequest, type EventSchema, type LifecycleStatus } from '../../shared/event-schema/event-schema';
import type { Database } from '../db/connect';
import { eventSchemas } from '../db/schema';

type Row = typeof eventSchemas.$inferSelect;

export function toEventSchema(row: Row): EventSchema {
  return eventSchemaSchema.parse({
    name: row.name,
    description: row.description ?? undefined,
    attributes: row.attributes,
    dimensions: row.dimensions,
    enrichments: row.enrichments ?? undefined,
    eventIdTemplate: row.eventIdTemplate ?? undefined,
    version: row.version,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** Inserts a DRAFT schema; false when the tenant already has one of that name. */
export async function insertEventSchema(db: Database, tenantId: string, input: CreateEventSchemaRequest): Promise<EventSchema | null> {
  const [row] = await db
    .insert(eventSchemas)
    .values({
      tenantId,
      name: input.name,
      description: input.description,
      attributes: input.attributes,
      dimensions: input.dimensions,
      enrichments: input.enrichments,
      eventIdTemplate: input.eventIdTemplate,
    })
    .onConflictDoNothing()
    .returning();
  return row ? toEventSchema(row) : null;
}

export async function findEventSchema(db: Database, tenantId: string, name: string): Promise<EventSchema | null> {
  const [row] = await db
    .select()
    .from(eventSchemas)
    .where(and(eq(eventSchemas.tenantId, tenantId), eq(eventSchemas.name, name)));
  return row ? toEventSchema(row) : null;
}

export async function setEventSchemaStatus(db: Database, tenantId: string, name: string, status: LifecycleStatus): Promise<EventSchema> {
  const [row] = await db
    .update(eventSchemas)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(eventSchemas.tenantId, tenantId), eq(eventSchemas.name, name)))
    .returning();
  if (!row) throw new Error(`event schema ${name} vanished during an update`);
  return toEventSchema(row);
}
