import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { pricePlanDefinitionSchema, type PricePlan, type PricePlanDefinition } from '../../shared/pricing/price-plan';
import type { Queryable } from '../db/connect';
import { pricePlanDrafts, pricePlans, pricePlanVersions } from '../db/schema';
import { toPricePlan, updatePricePlan, type PlanWrite } from './price-plans';

/** The next version of an ACTIVE plan being edited (Togai's v2 draft), not yet rating anyone. */
export interface PlanDraft {
  planId: string;
  baseVersion: number;
  definition: PricePlanDefinition;
  updatedAt: string;
}

type DraftRow = typeof pricePlanDrafts.$inferSelect;

function toDraft(row: DraftRow): PlanDraft {
  return {
    planId: row.planId,
    baseVersion: row.baseVersion,
    definition: pricePlanDefinitionSchema.parse(row.definition),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findPlanDraft(db: Queryable, tenantId: string, planId: string): Promise<PlanDraft | null> {
  const [row] = await db
    .select()
    .from(pricePlanDrafts)
    .where(and(eq(pricePlanDrafts.tenantId, tenantId), eq(pricePlanDrafts.planId, planId)));
  return row ? toDraft(row) : null;
}

export async function findPlanDrafts(
  db: Queryable,
  tenantId: string,
  planIds: string[],
): Promise<Map<string, PlanDraft>> {
  if (planIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .select()
    .from(pricePlanDrafts)
    .where(and(eq(pricePlanDrafts.tenantId, tenantId), inArray(pricePlanDrafts.planId, planIds)));
  return new Map(rows.map((row) => [row.planId, toDraft(row)]));
}

/**
 * Starts (`expected` null) or rewrites a draft, unless another request did so since `expected`
 * was read: false then, and nothing is written.
 */
export async function savePlanDraft(
  db: Queryable,
  tenantId: string,
  planId: string,
  expected: PlanDraft | null,
  draft: { baseVersion: number; definition: PricePlanDefinition },
): Promise<PlanDraft | null> {
  const d = pricePlanDrafts;
  const now = new Date(Math.max(Date.now(), expected ? Date.parse(expected.updatedAt) + 1 : 0));
  const [row] = expected
    ? await db
        .update(d)
        .set({ definition: draft.definition, updatedAt: now })
        .where(
          and(
            eq(d.tenantId, tenantId),
            eq(d.planId, planId),
            sql`date_trunc('milliseconds', ${d.updatedAt}) = ${expected.updatedAt}::timestamptz`,
          ),
        )
        .returning()
    : await db
        .insert(d)
        .values({
          tenantId,
          planId,
          baseVersion: draft.baseVersion,
          definition: draft.definition,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
  return row ? toDraft(row) : null;
}

export async function deletePlanDraft(db: Queryable, tenantId: string, planId: string): Promise<boolean> {
  const rows = await db
    .delete(pricePlanDrafts)
    .where(and(eq(pricePlanDrafts.tenantId, tenantId), eq(pricePlanDrafts.planId, planId)))
    .returning();
  return rows.length > 0;
}

/**
 * Finalizes a draft: it becomes version base + 1, the plan's latest, in one transaction with the
 * draft's removal. Refused (reason 'changed') if the plan moved on since `plan` was read.
 */
export async function publishPlanDraft(
  db: Queryable,
  tenantId: string,
  plan: PricePlan,
  draft: PlanDraft,
): Promise<PlanWrite> {
  return db.transaction(async (tx) => {
    const write = await updatePricePlan(tx, tenantId, plan, {
      definition: draft.definition,
      changed: true,
      newVersion: true,
    });
    if (write.ok) {
      await deletePlanDraft(tx, tenantId, plan.id);
    }
    return write;
  });
}

/**
 * Deletes a plan that was never finalized, with its only version: no account was ever associated
 * with it (only ACTIVE plans can be) and it rated nothing. False if it is no longer that DRAFT.
 */
export async function deleteDraftPlan(db: Queryable, tenantId: string, plan: PricePlan): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(pricePlans)
      .where(
        and(
          eq(pricePlans.tenantId, tenantId),
          eq(pricePlans.id, plan.id),
          eq(pricePlans.status, 'DRAFT'),
          eq(pricePlans.version, plan.version),
        ),
      )
      .returning();
    if (deleted.length === 0) {
      return false;
    }
    await tx
      .delete(pricePlanVersions)
      .where(and(eq(pricePlanVersions.tenantId, tenantId), eq(pricePlanVersions.planId, plan.id)));
    return true;
  });
}

/** A page of the plan's published versions, newest first, below `beforeVersion`. */
export async function listPlanVersions(
  db: Queryable,
  tenantId: string,
  planId: string,
  page: { beforeVersion?: number | undefined; limit: number },
): Promise<PricePlan[]> {
  const v = pricePlanVersions;
  const rows = await db
    .select({ plan: pricePlans, version: v })
    .from(pricePlans)
    .innerJoin(v, and(eq(v.tenantId, pricePlans.tenantId), eq(v.planId, pricePlans.id)))
    .where(
      and(
        eq(pricePlans.tenantId, tenantId),
        eq(pricePlans.id, planId),
        page.beforeVersion === undefined ? undefined : lt(v.version, page.beforeVersion),
      ),
    )
    .orderBy(desc(v.version))
    .limit(page.limit);
  return rows.map((r) => toPricePlan(r.plan, r.version));
}
