import { AppError, invalid } from '../../shared/errors/app-error';
import { toScheduleChange, type UpdatePricingScheduleRequest } from '../../shared/pricing/pricing-schedule';
import { placeScheduleChange } from '../../shared/pricing/schedule-change';
import type { Database, Queryable } from '../db/connect';
import {
  endPlanAssociations,
  insertPlanAssociation,
  listPlanAssociations,
  lockAccountPlans,
  ratingAssociationsFor,
} from '../store/plan-associations';
import { firstRatedCycleFrom } from '../store/cycle-usage';
import { lockPricePlan } from '../store/price-plans';
import { holdPurgeWatermark } from '../store/purge-watermark';
import { listSchedules, type ScheduleRow } from '../store/pricing-schedules';
import { meteredUsageSince, rateBackdatedUsage } from './rate-backdated-usage';

/** A dry run's answer, carried out of the transaction it rolls back. */
class DryRun extends Error {
  constructor(readonly schedules: ScheduleRow[]) {
    super('dry run');
  }
}

/**
 * Applies Togai schedule edits to one account, in order, all or nothing, in one transaction under
 * the account's plan lock (exclusive: metering waits for it, see write-revenue.ts). Each new
 * association's catch-up rates the usage metered since its effectiveFrom in that same transaction.
 * Errors name the field, prefixed by `prefix(i)` (the batch's `edits.i.`). Returns the account's
 * schedules after the edits; a dry run computes them and rolls everything back.
 */
export async function changePricingSchedule(
  db: Database,
  tenantId: string,
  accountId: string,
  edits: UpdatePricingScheduleRequest[],
  { dryRun = false, prefix = (_: number): string => '' }: { dryRun?: boolean; prefix?: (index: number) => string } = {},
): Promise<ScheduleRow[]> {
  try {
    return await db.transaction(async (tx) => {
      await lockAccountPlans(tx, tenantId, accountId);
      const purgedBefore = await holdPurgeWatermark(tx);
      for (const [i, edit] of edits.entries()) {
        await applyEdit(tx, tenantId, accountId, edit, prefix(i), purgedBefore);
      }
      const schedules = await listSchedules(tx, tenantId, accountId);
      if (dryRun) {
        throw new DryRun(schedules);
      }
      return schedules;
    });
  } catch (error) {
    if (error instanceof DryRun) {
      return error.schedules;
    }
    throw error;
  }
}

async function applyEdit(
  tx: Queryable,
  tenantId: string,
  accountId: string,
  edit: UpdatePricingScheduleRequest,
  prefix: string,
  purgedBefore: number,
): Promise<void> {
  const change = toScheduleChange(edit);
  // What a new plan catches up, and what an ended one rated by event time, are read from the raw events.
  if (change.from < purgedBefore) {
    const kept = new Date(purgedBefore).toISOString();
    throw invalid('schedule_before_retention', [
      {
        path: `${prefix}effectiveFrom`,
        message: `must be at or after ${kept}: raw events before it are purged (RAW_EVENT_RETENTION_DAYS), so usage there cannot be rated`,
      },
    ]);
  }
  const plan = change.mode === 'ASSOCIATE' ? await activePlan(tx, tenantId, edit.pricePlanId!, prefix) : null;
  const placement = placeScheduleChange(await listPlanAssociations(tx, tenantId, accountId), change);
  if (!placement.ok) {
    const { blocking } = placement;
    const span = `${blocking.effectiveFrom} – ${blocking.effectiveUntil ?? 'open'}`;
    throw placement.reason === 'starts_inside'
      ? new AppError(
          'conflict',
          'plan_association_overlaps',
          `Account '${accountId}' has an association (${blocking.id}, ${span}) starting inside the period; a scheduled plan is not rewritten — change it from its own start, or end this period before it`,
          [
            {
              path: `${prefix}effectiveFrom`,
              message: `the period must end by ${blocking.effectiveFrom}, when association '${blocking.id}' starts`,
            },
          ],
        )
      : new AppError(
          'conflict',
          'plan_association_split',
          `Association ${blocking.id} (${span}) runs past effectiveUntil; Meterline does not split an association around a change — run the change to its end`,
          [
            {
              path: `${prefix}effectiveUntil`,
              message: `must be at or after the end of association '${blocking.id}' (${blocking.effectiveUntil ?? 'open-ended: leave it open'})`,
            },
          ],
        );
  }
  if (placement.end) {
    const ended = (await ratingAssociationsFor(tx, tenantId, [accountId])).find((a) => a.id === placement.end!.id)!;
    const meters = ended.definition.usageRateCards.map((card) => card.usageMeterId);
    const rated = await meteredUsageSince(
      tx,
      tenantId,
      accountId,
      { from: change.from, until: ended.effectiveUntil },
      meters,
    );
    if (rated.length > 0) {
      throw new AppError(
        'conflict',
        'plan_association_rated',
        `Association ${ended.id} has already rated usage metered at or after effectiveFrom (from ${rated[0]!.event.timestamp}); ` +
          'Meterline does not re-rate usage under another plan — start the change after that usage',
        [{ path: `${prefix}effectiveFrom`, message: `association '${ended.id}' has rated usage since then` }],
      );
    }
    // Usage stamped before `from` but arriving after its cycle's grace period is rated into a later
    // cycle; one starting at or after `from` would be on no statement once the association ends there.
    const cycle = await firstRatedCycleFrom(tx, tenantId, ended.id, change.from);
    if (cycle !== null) {
      throw new AppError(
        'conflict',
        'plan_association_rated',
        `Association ${ended.id} has already rated usage in its cycle from ${cycle}, at or after effectiveFrom (late usage counts in the cycle open when it arrived); ` +
          'Meterline does not re-rate usage under another plan — start the change after that cycle',
        [
          {
            path: `${prefix}effectiveFrom`,
            message: `association '${ended.id}' has rated usage in its cycle from ${cycle}`,
          },
        ],
      );
    }
    await endPlanAssociations(tx, tenantId, [ended.id], new Date(change.from).toISOString());
  }
  if (!plan) {
    return;
  }
  const inserted = await insertPlanAssociation(tx, tenantId, {
    accountId,
    pricePlanId: plan.id,
    pricePlanVersion: plan.version,
    effectiveFrom: new Date(change.from).toISOString(),
    ...(change.until === null ? {} : { effectiveUntil: new Date(change.until).toISOString() }),
  });
  const association = (await ratingAssociationsFor(tx, tenantId, [accountId])).find((a) => a.id === inserted.id)!;
  await rateBackdatedUsage(tx, tenantId, association);
}

/** The plan to associate, share-locked: unknown → 422, not ACTIVE → 409, both naming pricePlanId. */
async function activePlan(tx: Queryable, tenantId: string, id: string, prefix: string) {
  const plan = await lockPricePlan(tx, tenantId, id);
  if (!plan) {
    throw invalid('invalid_plan_association', [{ path: `${prefix}pricePlanId`, message: `no price plan '${id}'` }]);
  }
  if (plan.status !== 'ACTIVE') {
    throw new AppError(
      'conflict',
      'price_plan_not_active',
      `Price plan '${plan.id}' is ${plan.status}; only ACTIVE plans can be associated`,
      [{ path: `${prefix}pricePlanId`, message: `is ${plan.status}` }],
    );
  }
  return plan;
}
