import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { featureSchema, type NewFeature, type Feature, type FeatureChange } from '../../shared/entitlement/feature';
import type { Queryable } from '../db/connect';
import { features } from '../db/schema';
import { isUniqueViolation, newId, nextStamp } from './write-guards';
import { forgetMeteringConfig } from './metering-config-cache';

type Row = typeof features.$inferSelect;
type FeatureStatus = Feature['status'];

export function toFeature(row: Row): Feature {
  return featureSchema.parse({
    id: row.id,
    name: row.name,
    billableName: row.billableName ?? undefined,
    displayName: row.billableName ?? row.name,
    status: row.status,
    schemaAssociations: row.schemaAssociations,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** Inserts an ACTIVE feature; null when the tenant already has a feature of that name (archived ones too). */
export async function insertFeature(db: Queryable, tenantId: string, input: NewFeature): Promise<Feature | null> {
  forgetMeteringConfig(tenantId);
  // Stamped here, at millisecond precision, so the updatedAt a client reads matches the row exactly.
  const now = new Date();
  const [row] = await db
    .insert(features)
    .values({ tenantId, id: newId('feat.'), ...input, status: 'ACTIVE', createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return row ? toFeature(row) : null;
}

export async function findFeature(db: Queryable, tenantId: string, id: string): Promise<Feature | null> {
  const [row] = await db
    .select()
    .from(features)
    .where(and(eq(features.tenantId, tenantId), eq(features.id, id)));
  return row ? toFeature(row) : null;
}

/** The tenant's features of these ids, by id; an id it has no feature of is absent. */
export async function findFeatures(db: Queryable, tenantId: string, ids: string[]): Promise<Map<string, Feature>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select()
    .from(features)
    .where(and(eq(features.tenantId, tenantId), inArray(features.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, toFeature(row)]));
}

/**
 * A page of features in creation order, keyed like meters: the token is the last feature's id,
 * whose (created_at, id) is read back in SQL. Without a status filter, ARCHIVED ones stay hidden.
 */
export async function listFeatures(
  db: Queryable,
  tenantId: string,
  filter: { status?: FeatureStatus | undefined; afterId?: string | undefined; limit: number },
): Promise<Feature[]> {
  const f = features;
  const after =
    filter.afterId === undefined
      ? undefined
      : sql`(${f.createdAt}, ${f.id}) > (select a.created_at, a.id from features a where a.tenant_id = ${tenantId} and a.id = ${filter.afterId})`;
  const rows = await db
    .select()
    .from(f)
    .where(and(eq(f.tenantId, tenantId), filter.status ? eq(f.status, filter.status) : ne(f.status, 'ARCHIVED'), after))
    .orderBy(asc(f.createdAt), asc(f.id))
    .limit(filter.limit);
  return rows.map(toFeature);
}

/** The outcome of a guarded write: the feature as written, or why nothing was written. */
export type FeatureWrite = { ok: true; feature: Feature } | { ok: false; reason: 'changed' | 'name_taken' };

/** Applies `change` unless the feature changed since `expected` was read, or the new name is taken. */
export async function updateFeature(
  db: Queryable,
  tenantId: string,
  expected: Feature,
  change: FeatureChange,
): Promise<FeatureWrite> {
  forgetMeteringConfig(tenantId);
  try {
    const [row] = await db
      .update(features)
      .set({ ...change, updatedAt: nextStamp(expected) })
      .where(featureAt(tenantId, expected))
      .returning();
    return row ? { ok: true, feature: toFeature(row) } : { ok: false, reason: 'changed' };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, reason: 'name_taken' };
    }
    throw error;
  }
}

/** ACTIVE → ARCHIVED; null when the feature changed since `expected` was read (optimistic). */
export async function archiveFeature(db: Queryable, tenantId: string, expected: Feature): Promise<Feature | null> {
  forgetMeteringConfig(tenantId);
  const [row] = await db
    .update(features)
    .set({ status: 'ARCHIVED', updatedAt: nextStamp(expected) })
    .where(featureAt(tenantId, expected))
    .returning();
  return row ? toFeature(row) : null;
}

/** The tenant's ACTIVE features: what the edge replicates to check and debit entitlements. */
export async function activeFeatures(db: Queryable, tenantId: string): Promise<Feature[]> {
  const rows = await db
    .select()
    .from(features)
    .where(and(eq(features.tenantId, tenantId), eq(features.status, 'ACTIVE')))
    .orderBy(asc(features.createdAt), asc(features.id));
  return rows.map(toFeature);
}

/** The tenant's ACTIVE features that events of any of these schemas consume. */
export async function activeFeaturesForSchemas(
  db: Queryable,
  tenantId: string,
  schemaNames: string[],
): Promise<Feature[]> {
  if (schemaNames.length === 0) {
    return [];
  }
  const associated = sql`exists (select 1 from jsonb_array_elements(${features.schemaAssociations}) as association(value)
    where ${inArray(sql`association.value ->> 'schemaName'`, schemaNames)})`;
  const rows = await db
    .select()
    .from(features)
    .where(and(eq(features.tenantId, tenantId), eq(features.status, 'ACTIVE'), associated))
    .orderBy(asc(features.createdAt), asc(features.id));
  return rows.map(toFeature);
}

/** The version check of an optimistic write, at the millisecond precision of the ISO string read. */
function featureAt(tenantId: string, expected: Feature) {
  return and(
    eq(features.tenantId, tenantId),
    eq(features.id, expected.id),
    eq(features.status, expected.status),
    sql`date_trunc('milliseconds', ${features.updatedAt}) = ${expected.updatedAt}::timestamptz`,
  );
}
