import { and, eq, inArray } from 'drizzle-orm';
import { usageMeterSchema, type CreateUsageMeterRequest, type UsageMeter } from '../../shared/meter/usage-meter';
import type { LifecycleStatus } from '../../shared/event-schema/event-schema';
import type { Database, Queryable } from '../db/connect';
import { usageMeters } from '../db/schema';

type Row = typeof usageMeters.$inferSelect;

export function toUsageMeter(row: Row): UsageMeter {
  return usageMeterSchema.parse({
    id: row.id,
    name: row.name,
    billableName: row.billableName ?? undefined,
    displayName: row.billableName ?? row.name,
    description: row.description ?? undefined,
    type: row.type,
    aggregation: row.aggregation,
    eventSchemaName: row.eventSchemaName,
    filters: row.filters,
    computations: row.computations,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastActivatedAt: row.lastActivatedAt?.toISOString(),
  });
}

/** Inserts a DRAFT meter; null when the tenant already has a meter of that name. */
export async function insertUsageMeter(db: Database, tenantId: string, input: CreateUsageMeterRequest): Promise<UsageMeter | null> {
  const [row] = await db
    .insert(usageMeters)
    .values({ tenantId, id: newMeterId(), ...input })
    .onConflictDoNothing()
    .returning();
  return row ? toUsageMeter(row) : null;
}

export async function findUsageMeter(db: Database, tenantId: string, id: string): Promise<UsageMeter | null> {
  const [row] = await db.select().from(usageMeters).where(and(eq(usageMeters.tenantId, tenantId), eq(usageMeters.id, id)));
  return row ? toUsageMeter(row) : null;
}

export async function setUsageMeterStatus(db: Database, tenantId: string, id: string, status: LifecycleStatus): Promise<UsageMeter> {
  const now = new Date();
  const [row] = await db
    .update(usageMeters)
    .set({ status, updatedAt: now, ...(status === 'ACTIVE' ? { lastActivatedAt: now } : {}) })
    .where(and(eq(usageMeters.tenantId, tenantId), eq(usageMeters.id, id)))
    .returning();
  if (!row) throw new Error(`usage meter ${id} vanished during an update`);
  return toUsageMeter(row);
}

/** The tenant's ACTIVE meters on the given schemas: what a batch is metered against. */
export async function activeMetersBySchema(
  db: Queryable,
  tenantId: string,
  schemaNames: string[],
): Promise<UsageMeter[]> {
  if (schemaNames.length === 0) return [];
  const rows = await db
    .select()
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), eq(usageMeters.status, 'ACTIVE'), inArray(usageMeters.eventSchemaName, schemaNames)));
  return rows.map(toUsageMeter);
}

/** Togai-style ids: `um.` and 16 random base-36 characters (within Togai's 20-character limit). */
function newMeterId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `um.${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

/** Ids of the schema's ACTIVE meters: while there are any, the schema cannot be deactivated. */
export async function activeMeterIdsOfSchema(db: Queryable, tenantId: string, schemaName: string): Promise<string[]> {
  const rows = await db
    .select({ id: usageMeters.id })
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), eq(usageMeters.eventSchemaName, schemaName), eq(usageMeters.status, 'ACTIVE')));
  return rows.map((r) => r.id);
}
