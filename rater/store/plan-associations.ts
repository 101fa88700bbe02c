import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  planAssociationSchema,
  pricePlanDefinitionSchema,
  type PlanAssociation,
  type PricePlanDefinition,
} from '../../shared/pricing/price-plan';
import { pricePlanInCurrency, ratingCurrency } from '../../shared/pricing/plan-currency';
import type { PinnedAssociation } from '../../shared/pricing/pinned-currency';
import type { RatingAssociation } from '../../shared/pricing/rate-usage';
import type { Queryable } from '../db/connect';
import { accounts, planAssociations, pricePlanVersions } from '../db/schema';
import { forgetAssociations } from './metering-config-cache';
import { newId } from './write-guards';

type Row = typeof planAssociations.$inferSelect;

export function toPlanAssociation(row: Row): PlanAssociation {
  return planAssociationSchema.parse({
    id: row.id,
    accountId: row.accountId,
    pricePlanId: row.planId,
    pricePlanVersion: row.planVersion,
    effectiveFrom: row.effectiveFrom.toISOString(),
    effectiveUntil: row.effectiveUntil?.toISOString(),
  });
}

/** Every association of the account, oldest first. */
export async function listPlanAssociations(
  db: Queryable,
  tenantId: string,
  accountId: string,
): Promise<PlanAssociation[]> {
  const a = planAssociations;
  const rows = await db
    .select()
    .from(a)
    .where(and(eq(a.tenantId, tenantId), eq(a.accountId, accountId)))
    .orderBy(asc(a.effectiveFrom), asc(a.id));
  return rows.map(toPlanAssociation);
}

/**
 * For rating: every association of these accounts (oldest first per account), each with the
 * definition of the plan version it pinned — which never changes once the plan is ACTIVE — in
 * the currency the association fixed when it was made (pinned-currency.ts), never the account's
 * invoiceCurrency of today. An account need not have a row.
 */
export async function planAssociationsFor(
  db: Queryable,
  tenantId: string,
  accountIds: string[],
): Promise<Array<PlanAssociation & { definition: PricePlanDefinition }>> {
  if (accountIds.length === 0) {
    return [];
  }
  const a = planAssociations;
  const v = pricePlanVersions;
  const rows = await db
    .select({ association: a, definition: v.definition })
    .from(a)
    .innerJoin(v, and(eq(v.tenantId, a.tenantId), eq(v.planId, a.planId), eq(v.version, a.planVersion)))
    .where(and(eq(a.tenantId, tenantId), inArray(a.accountId, [...new Set(accountIds)])))
    .orderBy(asc(a.accountId), asc(a.effectiveFrom), asc(a.id));
  return rows.map((r) => {
    const definition = pricePlanDefinitionSchema.parse(r.definition);
    return { ...toPlanAssociation(r.association), definition: pricePlanInCurrency(definition, r.association.currency) };
  });
}

/** planAssociationsFor in the shape the rating code compares instants in: epoch milliseconds, null for "open". */
export async function ratingAssociationsFor(
  db: Queryable,
  tenantId: string,
  accountIds: string[],
): Promise<RatingAssociation[]> {
  return (await planAssociationsFor(db, tenantId, accountIds)).map(forRating);
}

function forRating(a: PlanAssociation & { definition: PricePlanDefinition }): RatingAssociation {
  return {
    ...a,
    effectiveFrom: Date.parse(a.effectiveFrom),
    effectiveUntil: a.effectiveUntil === undefined ? null : Date.parse(a.effectiveUntil),
  };
}

/**
 * Serialises associating one account until the transaction ends, so two concurrent requests cannot
 * both see "nothing after this instant" and leave overlapping associations. A transaction-scoped
 * advisory lock, because the account may have no row yet to lock.
 */
export async function lockAccountPlans(tx: Queryable, tenantId: string, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${planLockKey(tenantId, accountId)}, 0))`);
}

/**
 * The metering side of that lock: shared, so batches never wait on each other, only on an
 * association being made for one of their accounts (which takes it exclusively). Taken in key
 * order, one statement for the batch.
 */
export async function lockAccountsForRating(tx: Queryable, tenantId: string, accountIds: string[]): Promise<void> {
  const keys = [...new Set(accountIds)].map((id) => planLockKey(tenantId, id)).sort();
  await tx.execute(
    sql`select pg_advisory_xact_lock_shared(hashtextextended(k, 0)) from unnest(${sql.param(keys)}::text[]) with ordinality as u (k, n) order by n`,
  );
}

export function planLockKey(tenantId: string, accountId: string): string {
  return `plan_associations/${tenantId}/${accountId}`;
}

/** Ends associations at `at` (the start of the one that follows them). */
export async function endPlanAssociations(tx: Queryable, tenantId: string, ids: string[], at: string): Promise<void> {
  forgetAssociations(tenantId);
  if (ids.length === 0) {
    return;
  }
  await tx
    .update(planAssociations)
    .set({ effectiveUntil: new Date(at) })
    .where(and(eq(planAssociations.tenantId, tenantId), inArray(planAssociations.id, ids)));
}

/**
 * Inserts an association, fixing the currency the account is rated in under it from the account's
 * invoiceCurrency now. Called under lockAccountPlans, which an invoiceCurrency change also takes,
 * so the two cannot interleave.
 */
export async function insertPlanAssociation(
  tx: Queryable,
  tenantId: string,
  association: Omit<PlanAssociation, 'id'>,
): Promise<PlanAssociation> {
  forgetAssociations(tenantId);
  const [plan] = await tx
    .select({ definition: pricePlanVersions.definition })
    .from(pricePlanVersions)
    .where(
      and(
        eq(pricePlanVersions.tenantId, tenantId),
        eq(pricePlanVersions.planId, association.pricePlanId),
        eq(pricePlanVersions.version, association.pricePlanVersion),
      ),
    );
  if (!plan) {
    throw new Error(`no version ${association.pricePlanVersion} of price plan ${association.pricePlanId}`);
  }
  const [account] = await tx
    .select({ invoiceCurrency: accounts.invoiceCurrency })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, association.accountId)));
  const currency = ratingCurrency(pricePlanDefinitionSchema.parse(plan.definition), account?.invoiceCurrency);
  const [row] = await tx
    .insert(planAssociations)
    .values({
      tenantId,
      id: newId('pa.'),
      accountId: association.accountId,
      planId: association.pricePlanId,
      planVersion: association.pricePlanVersion,
      currency,
      effectiveFrom: new Date(association.effectiveFrom),
      effectiveUntil: association.effectiveUntil === undefined ? null : new Date(association.effectiveUntil),
    })
    .returning();
  return toPlanAssociation(row!);
}

/** The account's associations with the currency each fixed, for checking an invoiceCurrency change (pinned-currency.ts). */
export async function pinnedAssociations(
  db: Queryable,
  tenantId: string,
  accountId: string,
): Promise<PinnedAssociation[]> {
  const a = planAssociations;
  const v = pricePlanVersions;
  const rows = await db
    .select({ id: a.id, currency: a.currency, definition: v.definition, effectiveUntil: a.effectiveUntil })
    .from(a)
    .innerJoin(v, and(eq(v.tenantId, a.tenantId), eq(v.planId, a.planId), eq(v.version, a.planVersion)))
    .where(and(eq(a.tenantId, tenantId), eq(a.accountId, accountId)))
    .orderBy(asc(a.effectiveFrom), asc(a.id));
  return rows.map((r) => ({
    id: r.id,
    currency: r.currency,
    definition: pricePlanDefinitionSchema.parse(r.definition),
    effectiveUntil: r.effectiveUntil?.getTime() ?? null,
  }));
}

/**
 * Associations of every tenant in force at `since` or later (the daily cron passes a time two
 * months back, so an association ended early has its credits cut even if that send was missed).
 */
export interface AssociationKey {
  tenantId: string;
  id: string;
}

/** One page of the associations open since `since`, after `after`, in (tenant, id) order. */
export async function openAssociations(
  db: Queryable,
  since: Date,
  page: { after?: AssociationKey | null; limit: number },
): Promise<(RatingAssociation & { tenantId: string })[]> {
  const a = planAssociations;
  const v = pricePlanVersions;
  const rows = await db
    .select({ tenantId: a.tenantId, association: a, definition: v.definition })
    .from(a)
    .innerJoin(v, and(eq(v.tenantId, a.tenantId), eq(v.planId, a.planId), eq(v.version, a.planVersion)))
    .where(
      and(
        or(isNull(a.effectiveUntil), gt(a.effectiveUntil, since)),
        page.after ? sql`(${a.tenantId}, ${a.id}) > (${page.after.tenantId}, ${page.after.id})` : undefined,
      ),
    )
    .orderBy(asc(a.tenantId), asc(a.id))
    .limit(page.limit);
  return rows.map((r) => ({
    ...forRating({ ...toPlanAssociation(r.association), definition: pricePlanDefinitionSchema.parse(r.definition) }),
    tenantId: r.tenantId,
  }));
}

export interface AccountKey {
  tenantId: string;
  accountId: string;
}

/**
 * One page of the accounts, every tenant's, with a plan that had begun by `now` and had not ended
 * before `endedSince`, in (tenant, account) order.
 */
export async function accountsWithPlans(
  db: Queryable,
  window: { now: Date; endedSince: Date },
  page: { after?: AccountKey | null; limit: number },
): Promise<AccountKey[]> {
  const a = planAssociations;
  const after = page.after
    ? sql`AND (${a.tenantId}, ${a.accountId}) > (${page.after.tenantId}, ${page.after.accountId})`
    : sql``;
  const { rows } = await db.execute<{ tenant_id: string; account_id: string }>(sql`
    SELECT DISTINCT ${a.tenantId} AS tenant_id, ${a.accountId} AS account_id FROM ${a}
     WHERE ${a.effectiveFrom} <= ${window.now.toISOString()}::timestamptz
       AND (${a.effectiveUntil} IS NULL OR ${a.effectiveUntil} > ${window.endedSince.toISOString()}::timestamptz) ${after}
     ORDER BY 1, 2 LIMIT ${page.limit}`);
  return rows.map((row) => ({ tenantId: row.tenant_id, accountId: row.account_id }));
}

/** The currency the account is rated in at `at`: its association in force then, or null with none. */
export async function currencyInForce(
  tx: Queryable,
  tenantId: string,
  accountId: string,
  at: Date,
): Promise<string | null> {
  const a = planAssociations;
  const [row] = await tx
    .select({ currency: a.currency })
    .from(a)
    .where(
      and(
        eq(a.tenantId, tenantId),
        eq(a.accountId, accountId),
        sql`${a.effectiveFrom} <= ${at.toISOString()}::timestamptz`,
        or(isNull(a.effectiveUntil), gt(a.effectiveUntil, at)),
      ),
    )
    .limit(1);
  return row?.currency ?? null;
}
