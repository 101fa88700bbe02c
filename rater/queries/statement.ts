import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors/app-error';
import { cycleContaining } from '../../shared/pricing/pricing-cycle';
import { associationAt, type RatingAssociation } from '../../shared/pricing/rate-usage';
import { buildStatement, type Statement } from '../../shared/pricing/statement';
import type { Queryable } from '../db/connect';
import { cycleUsage as u } from '../db/schema';
import { ratingAssociationsFor } from '../store/plan-associations';

/**
 * GET /accounts/{id}/statement: the cycle containing `at`, by the plan in force then (or the last
 * one before it), with every plan in force during that cycle and the usage each one rated in it.
 */
export async function accountStatement(
  db: Queryable,
  tenantId: string,
  accountId: string,
  at: number,
  now: number,
): Promise<Statement> {
  const associations = await ratingAssociationsFor(db, tenantId, [accountId]);
  const current = associationAt(associations, accountId, at) ?? latestBefore(associations, at);
  if (!current) {
    throw new AppError(
      'not_found',
      'no_price_plan',
      `Account '${accountId}' has no price plan in force at or before ${new Date(at).toISOString()}`,
    );
  }
  const cycle = cycleContaining(current.definition.pricingCycle, current.effectiveFrom, at);
  const parts = associations.filter(
    (a) => a.effectiveFrom < cycle.end && (a.effectiveUntil === null || a.effectiveUntil > cycle.start),
  );

  const rows = await db
    .select({ associationId: u.associationId, meterId: u.meterId, quantity: sql<string>`sum(${u.quantity})::text` })
    .from(u)
    .where(
      and(
        eq(u.tenantId, tenantId),
        eq(u.accountId, accountId),
        inArray(
          u.associationId,
          parts.map((p) => p.id),
        ),
        lt(u.cycleStart, new Date(cycle.end)),
        gt(u.cycleEnd, new Date(cycle.start)),
      ),
    )
    .groupBy(u.associationId, u.meterId);
  return buildStatement(
    accountId,
    cycle,
    parts.map((association) => ({
      association,
      usage: new Map(
        rows.filter((row) => row.associationId === association.id).map((row) => [row.meterId, row.quantity]),
      ),
    })),
    now,
  );
}

function latestBefore(associations: RatingAssociation[], at: number): RatingAssociation | undefined {
  return associations.filter((a) => a.effectiveFrom <= at).sort((a, b) => b.effectiveFrom - a.effectiveFrom)[0];
}
