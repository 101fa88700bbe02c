import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { EventSchema, LifecycleStatus } from '../../shared/event-schema/event-schema';
import {
  usageMeterSchema,
  type Aggregation,
  type CreateUsageMeterRequest,
  type UsageMeter,
} from '../../shared/meter/usage-meter';
import type { Queryable } from '../db/connect';
import { eventSchemas, usageMeters } from '../db/schema';
import { toEventSchema } from './event-schemas';
import { isUniqueViolation, newId, nextStamp } from './write-guards';
import { forgetMeteringConfig } from './metering-config-cache';

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

/** Inserts a DRAFT meter; null when the tenant already has a meter of that name (archived ones too). */
export async function insertUsageMeter(
  db: Queryable,
  tenantId: string,
  input: CreateUsageMeterRequest,
): Promise<UsageMeter | null> {
  forgetMeteringConfig(tenantId);
  // Stamped here, at millisecond precision, so the updatedAt a client reads matches the row exactly.
  const now = new Date();
  const [row] = await db
    .insert(usageMeters)
    .values({ tenantId, id: newId('um.'), ...input, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return row ? toUsageMeter(row) : null;
}

export async function findUsageMeter(db: Queryable, tenantId: string, id: string): Promise<UsageMeter | null> {
  const [row] = await db
    .select()
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), eq(usageMeters.id, id)));
  return row ? toUsageMeter(row) : null;
}

/** The tenant's meters of these ids, by id; an id it has no meter of is absent. */
export async function findUsageMeters(
  db: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, UsageMeter>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select()
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), inArray(usageMeters.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, toUsageMeter(row)]));
}

/**
 * A page of meters in creation order. The token is the last meter's id: its (created_at, id) is
 * read back in SQL, so the key is exact to the microsecond and a rename never moves a meter.
 * Without a status filter, ARCHIVED meters stay hidden.
 */
export async function listUsageMeters(
  db: Queryable,
  tenantId: string,
  filter: {
    status?: LifecycleStatus | undefined;
    aggregations?: Aggregation[] | undefined;
    afterId?: string | undefined;
    limit: number;
  },
): Promise<UsageMeter[]> {
  const m = usageMeters;
  const after =
    filter.afterId === undefined
      ? undefined
      : sql`(${m.createdAt}, ${m.id}) > (select a.created_at, a.id from usage_meters a where a.tenant_id = ${tenantId} and a.id = ${filter.afterId})`;
  const rows = await db
    .select()
    .from(m)
    .where(
      and(
        eq(m.tenantId, tenantId),
        filter.status ? eq(m.status, filter.status) : ne(m.status, 'ARCHIVED'),
        filter.aggregations ? inArray(m.aggregation, filter.aggregations) : undefined,
        after,
      ),
    )
    .orderBy(asc(m.createdAt), asc(m.id))
    .limit(filter.limit);
  return rows.map(toUsageMeter);
}

/** The outcome of a guarded write: the meter as written, or why nothing was written. */
export type MeterWrite = { ok: true; meter: UsageMeter } | { ok: false; reason: 'changed' | 'name_taken' };

/** The fields a PATCH may set; the caller has already decided which are allowed. */
export type MeterChange = Partial<
  Pick<Row, 'name' | 'billableName' | 'description' | 'eventSchemaName' | 'aggregation' | 'filters' | 'computations'>
>;

/** Applies `change` unless the meter changed since `expected` was read, or the new name is taken. */
export async function updateUsageMeter(
  db: Queryable,
  tenantId: string,
  expected: UsageMeter,
  change: MeterChange,
): Promise<MeterWrite> {
  forgetMeteringConfig(tenantId);
  try {
    const [row] = await db
      .update(usageMeters)
      .set({ ...change, updatedAt: nextStamp(expected) })
      .where(meterAt(tenantId, expected))
      .returning();
    return row ? { ok: true, meter: toUsageMeter(row) } : { ok: false, reason: 'changed' };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, reason: 'name_taken' };
    }
    throw error;
  }
}

/** Moves a meter to `status`; null when it changed since `expected` was read (optimistic). */
export async function setUsageMeterStatus(
  db: Queryable,
  tenantId: string,
  expected: UsageMeter,
  status: LifecycleStatus,
): Promise<UsageMeter | null> {
  forgetMeteringConfig(tenantId);
  const now = nextStamp(expected);
  const [row] = await db
    .update(usageMeters)
    .set({ status, updatedAt: now, ...(status === 'ACTIVE' ? { lastActivatedAt: now } : {}) })
    .where(meterAt(tenantId, expected))
    .returning();
  return row ? toUsageMeter(row) : null;
}

/**
 * The meter's schema, share-locked until the transaction ends: while a meter is being activated
 * against it, the schema cannot be deactivated or changed underneath the check.
 */
export async function lockEventSchemaOf(
  tx: Queryable,
  tenantId: string,
  meter: UsageMeter,
): Promise<EventSchema | null> {
  const [row] = await tx
    .select()
    .from(eventSchemas)
    .where(and(eq(eventSchemas.tenantId, tenantId), eq(eventSchemas.name, meter.eventSchemaName)))
    .for('share');
  return row ? toEventSchema(row) : null;
}

/** The tenant's ACTIVE meters on the given schemas: what a batch is metered against. */
export async function activeMetersBySchema(
  db: Queryable,
  tenantId: string,
  schemaNames: string[],
): Promise<UsageMeter[]> {
  if (schemaNames.length === 0) {
    return [];
  }
  const rows = await db
    .select()
    .from(usageMeters)
    .where(
      and(
        eq(usageMeters.tenantId, tenantId),
        eq(usageMeters.status, 'ACTIVE'),
        inArray(usageMeters.eventSchemaName, schemaNames),
      ),
    );
  return rows.map(toUsageMeter);
}

/** Ids of the schema's ACTIVE meters: while there are any, the schema cannot be deactivated. */
export async function activeMeterIdsOfSchema(db: Queryable, tenantId: string, schemaName: string): Promise<string[]> {
  const rows = await db
    .select({ id: usageMeters.id })
    .from(usageMeters)
    .where(
      and(
        eq(usageMeters.tenantId, tenantId),
        eq(usageMeters.eventSchemaName, schemaName),
        eq(usageMeters.status, 'ACTIVE'),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The version check of an optimistic write: status and updatedAt as the client's read saw them.
 * Compared at millisecond precision, the precision of the ISO string the read returned.
 */
function meterAt(tenantId: string, expected: UsageMeter) {
  return and(
    eq(usageMeters.tenantId, tenantId),
    eq(usageMeters.id, expected.id),
    eq(usageMeters.status, expected.status),
    sql`date_trunc('milliseconds', ${usageMeters.updatedAt}) = ${expected.updatedAt}::timestamptz`,
  );
}
