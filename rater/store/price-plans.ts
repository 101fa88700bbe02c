import { and, asc, eq, ne, sql } from 'drizzle-orm';
import {
  pricePlanDefinitionSchema,
  pricePlanSchema,
  type CreatePricePlanRequest,
  type PricePlan,
  type PricePlanDefinition,
} from '../../shared/pricing/price-plan';
import type { PlanStatus } from '../../shared/pricing/plan-lifecycle';
import type { Queryable } from '../db/connect';
import { pricePlans, pricePlanVersions } from '../db/schema';
import { isUniqueViolation, newId, nextStamp } from './write-guards';

type PlanRow = typeof pricePlans.$inferSelect;
type VersionRow = typeof pricePlanVersions.$inferSelect;

/** A plan as of one of its versions: the plan's name and status, that version's definition. */
export function toPricePlan(
  plan: PlanRow,
  version: Pick<VersionRow, 'version' | 'definition' | 'createdAt'>,
): PricePlan {
  const latest = version.version === plan.version;
  return pricePlanSchema.parse({
    ...pricePlanDefinitionSchema.parse(version.definition),
    id: plan.id,
    name: plan.name,
    description: plan.description ?? undefined,
    status: plan.status,
    version: version.version,
    createdAt: plan.createdAt.toISOString(),
    // An earlier version was last changed when it was published.
    updatedAt: (latest ? plan.updatedAt : version.createdAt).toISOString(),
  });
}

/** Inserts a DRAFT plan and its version 1; null when the tenant already has a plan of that name (archived ones too). */
export async function insertPricePlan(
  db: Queryable,
  tenantId: string,
  input: CreatePricePlanRequest,
): Promise<PricePlan | null> {
  const { name, description, ...definition } = input;
  // Stamped here, at millisecond precision, so the updatedAt a client reads matches the row exactly.
  const now = new Date();
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(pricePlans)
      .values({
        tenantId,
        id: newId('pp.'),
        name,
        description: description ?? null,
        status: 'DRAFT',
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!plan) {
      return null;
    }
    const [version] = await tx
      .insert(pricePlanVersions)
      .values({ tenantId, planId: plan.id, version: 1, definition, createdAt: now })
      .returning();
    return toPricePlan(plan, version!);
  });
}

/** The plan at its latest version. */
export async function findPricePlan(db: Queryable, tenantId: string, id: string): Promise<PricePlan | null> {
  const [row] = await db
    .select({ plan: pricePlans, version: pricePlanVersions })
    .from(pricePlans)
    .innerJoin(pricePlanVersions, latestVersion())
    .where(and(eq(pricePlans.tenantId, tenantId), eq(pricePlans.id, id)));
  return row ? toPricePlan(row.plan, row.version) : null;
}

/** The plan as of `version` (what an association pinned); null when it has no such version. */
export async function findPlanVersion(
  db: Queryable,
  tenantId: string,
  planId: string,
  version: number,
): Promise<PricePlan | null> {
  const v = pricePlanVersions;
  const [row] = await db
    .select({ plan: pricePlans, version: v })
    .from(pricePlans)
    .innerJoin(v, and(eq(v.tenantId, pricePlans.tenantId), eq(v.planId, pricePlans.id), eq(v.version, version)))
    .where(and(eq(pricePlans.tenantId, tenantId), eq(pricePlans.id, planId)));
  return row ? toPricePlan(row.plan, row.version) : null;
}

/**
 * A page of plans in creation order, at their latest versions, keyed like features: the token is
 * the last plan's id. Without a status filter, ARCHIVED ones stay hidden.
 */
export async function listPricePlans(
  db: Queryable,
  tenantId: string,
  filter: { status?: PlanStatus | undefined; afterId?: string | undefined; limit: number },
): Promise<PricePlan[]> {
  const p = pricePlans;
  const after =
    filter.afterId === undefined
      ? undefined
      : sql`(${p.createdAt}, ${p.id}) > (select a.created_at, a.id from price_plans a where a.tenant_id = ${tenantId} and a.id = ${filter.afterId})`;
  const rows = await db
    .select({ plan: p, version: pricePlanVersions })
    .from(p)
    .innerJoin(pricePlanVersions, latestVersion())
    .where(and(eq(p.tenantId, tenantId), filter.status ? eq(p.status, filter.status) : ne(p.status, 'ARCHIVED'), after))
    .orderBy(asc(p.createdAt), asc(p.id))
    .limit(filter.limit);
  return rows.map((r) => toPricePlan(r.plan, r.version));
}

/** The outcome of a guarded write: the plan as written, or why nothing was written. */
export type PlanWrite = { ok: true; plan: PricePlan } | { ok: false; reason: 'changed' | 'name_taken' };

/**
 * Writes a PATCH unless the plan changed since `expected` was read, or the new name is taken. The
 * definition replaces the latest version's in place (DRAFT), or becomes version n+1 (`newVersion`,
 * an ACTIVE plan's new rates); when it did not change, only the name and description are written.
 */
export async function updatePricePlan(
  db: Queryable,
  tenantId: string,
  expected: PricePlan,
  change: {
    name?: string | undefined;
    description?: string | undefined;
    definition: PricePlanDefinition;
    changed: boolean;
    newVersion: boolean;
  },
): Promise<PlanWrite> {
  const version = change.newVersion ? expected.version + 1 : expected.version;
  const now = nextStamp(expected);
  try {
    const written = await db.transaction(async (tx) => {
      const [plan] = await tx
        .update(pricePlans)
        .set({ name: change.name, description: change.description, version, updatedAt: now })
        .where(planAt(tenantId, expected))
        .returning();
      if (!plan) {
        return null;
      }
      const v = pricePlanVersions;
      const [row] = change.newVersion
        ? await tx
            .insert(v)
            .values({ tenantId, planId: plan.id, version, definition: change.definition, createdAt: now })
            .returning()
        : change.changed
          ? await tx
              .update(v)
              .set({ definition: change.definition })
              .where(and(eq(v.tenantId, tenantId), eq(v.planId, plan.id), eq(v.version, version)))
              .returning()
          : await tx
              .select()
              .from(v)
              .where(and(eq(v.tenantId, tenantId), eq(v.planId, plan.id), eq(v.version, version)));
      return toPricePlan(plan, row!);
    });
    return written ? { ok: true, plan: written } : { ok: false, reason: 'changed' };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, reason: 'name_taken' };
    }
    throw error;
  }
}

/** Moves a plan to `status`; null when it changed since `expected` was read (optimistic). */
export async function setPricePlanStatus(
  db: Queryable,
  tenantId: string,
  expected: PricePlan,
  status: PlanStatus,
): Promise<PricePlan | null> {
  const [plan] = await db
    .update(pricePlans)
    .set({ status, updatedAt: nextStamp(expected) })
    .where(planAt(tenantId, expected))
    .returning();
  if (!plan) {
    return null;
  }
  return {
    ...expected,
    status: pricePlanSchema.shape.status.parse(plan.status),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/**
 * The plan at its latest version, share-locked until the transaction ends: while an account is
 * being associated with it, it cannot be archived or gain a version the association would miss.
 */
export async function lockPricePlan(tx: Queryable, tenantId: string, id: string): Promise<PricePlan | null> {
  const [row] = await tx
    .select({ plan: pricePlans, version: pricePlanVersions })
    .from(pricePlans)
    .innerJoin(pricePlanVersions, latestVersion())
    .where(and(eq(pricePlans.tenantId, tenantId), eq(pricePlans.id, id)))
    .for('share', { of: pricePlans });
  return row ? toPricePlan(row.plan, row.version) : null;
}

function latestVersion() {
  const v = pricePlanVersions;
  return and(eq(v.tenantId, pricePlans.tenantId), eq(v.planId, pricePlans.id), eq(v.version, pricePlans.version));
}

/** The version check of an optimistic write: status, version and updatedAt as the client's read saw them. */
function planAt(tenantId: string, expected: PricePlan) {
  return and(
    eq(pricePlans.tenantId, tenantId),
    eq(pricePlans.id, expected.id),
    eq(pricePlans.status, expected.status),
    eq(pricePlans.version, expected.version),
    sql`date_trunc('milliseconds', ${pricePlans.updatedAt}) = ${expected.updatedAt}::timestamptz`,
  );
}
