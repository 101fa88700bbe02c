import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { togaiInstant, type PlanOverride, type PricingSchedule } from '../../shared/pricing/pricing-schedule';
import type { Queryable } from '../db/connect';
import { planAssociations, pricePlans } from '../db/schema';

export interface ScheduleRow {
  id: string;
  pricePlanId: string;
  pricePlanName: string;
  pricePlanDescription: string | null;
  pricePlanVersion: number;
  effectiveFrom: Date;
  effectiveUntil: Date | null;
}

/**
 * An account's associations with their plans' names (Togai's pricing schedules), oldest first:
 * all of them, or a page after `afterId`, only those overlapping [start, end) when given.
 */
export async function listSchedules(
  db: Queryable,
  tenantId: string,
  accountId: string,
  page: { after?: { effectiveFrom: Date; id: string }; limit?: number; start?: number; end?: number } = {},
): Promise<ScheduleRow[]> {
  const a = planAssociations;
  const query = db
    .select({
      id: a.id,
      pricePlanId: a.planId,
      pricePlanName: pricePlans.name,
      pricePlanDescription: pricePlans.description,
      pricePlanVersion: a.planVersion,
      effectiveFrom: a.effectiveFrom,
      effectiveUntil: a.effectiveUntil,
    })
    .from(a)
    .innerJoin(pricePlans, and(eq(pricePlans.tenantId, a.tenantId), eq(pricePlans.id, a.planId)))
    .where(
      and(
        eq(a.tenantId, tenantId),
        eq(a.accountId, accountId),
        page.after
          ? sql`(${a.effectiveFrom}, ${a.id}) > (${page.after.effectiveFrom.toISOString()}::timestamptz, ${page.after.id})`
          : undefined,
        page.end === undefined ? undefined : lt(a.effectiveFrom, new Date(page.end)),
        page.start === undefined ? undefined : or(isNull(a.effectiveUntil), gt(a.effectiveUntil, new Date(page.start))),
      ),
    )
    .orderBy(asc(a.effectiveFrom), asc(a.id));
  return page.limit === undefined ? query : query.limit(page.limit);
}

/** One schedule's position, for a page token: only the caller's own schedules are found. */
export async function findScheduleKey(
  db: Queryable,
  tenantId: string,
  accountId: string,
  id: string,
): Promise<{ effectiveFrom: Date; id: string } | null> {
  const a = planAssociations;
  const [row] = await db
    .select({ effectiveFrom: a.effectiveFrom, id: a.id })
    .from(a)
    .where(and(eq(a.tenantId, tenantId), eq(a.accountId, accountId), eq(a.id, id)));
  return row ?? null;
}

export function toPlanOverride(row: ScheduleRow): PlanOverride {
  return {
    id: row.id,
    pricePlanId: row.pricePlanId,
    pricePlanName: row.pricePlanName,
    startDate: togaiInstant(row.effectiveFrom.toISOString()),
    endDate: togaiInstant(row.effectiveUntil?.toISOString()),
    pricePlanVersion: row.pricePlanVersion,
  };
}

export function toPricingSchedule(row: ScheduleRow, withInfo: boolean): PricingSchedule {
  return {
    id: row.id,
    pricePlanId: row.pricePlanId,
    pricePlanName: row.pricePlanName,
    startDate: togaiInstant(row.effectiveFrom.toISOString()),
    endDate: togaiInstant(row.effectiveUntil?.toISOString()),
    version: row.pricePlanVersion,
    isOverriden: false,
    ...(withInfo
      ? {
          pricePlanInfo: {
            name: row.pricePlanName,
            ...(row.pricePlanDescription ? { description: row.pricePlanDescription } : {}),
          },
        }
      : {}),
  };
}
