import { AppError, invalid } from '../../shared/errors/app-error';
import type { LedgerMessage } from '../../shared/queue/ledger-message';
import type { SpendLimit } from '../../shared/spend/spend-limit';
import { ratedCycleRevenue } from '../../shared/spend/opening-spend';
import type { Queryable } from '../db/connect';
import { sendSpendAdjustments } from '../pipeline/send-spend-adjustments';
import { cycleUsageAt } from '../store/cycle-usage';
import { currencyInForce, lockAccountPlans, ratingAssociationsFor } from '../store/plan-associations';
import { queueSpendChanges, withOwedAdjustments } from '../store/spend-adjustments';
import {
  deleteSpendLimit,
  lockSpendTracking,
  markSpendLimitPushed,
  saveSpendLimit,
  type StoredSpendLimit,
} from '../store/spend-limits';
import { inTenantHome } from '../store/tenant-home';
import type { TenantContext } from './tenant-context';

/**
 * Spend limits (shared/spend/README.md): stored in Postgres, where metering reads them, and pushed
 * to the account's AccountLedger, which enforces them on money reservations. Each set or removal
 * takes a new version and the ledger keeps the highest it saw, so pushes may arrive in any order
 * or twice; a ledger with no copy reads the stored one (Rater.spendLimitOf).
 */
export async function setSpendLimit(
  ctx: TenantContext,
  queue: Queue<LedgerMessage>,
  accountId: string,
  limit: SpendLimit,
  now: Date,
): Promise<StoredSpendLimit> {
  const stored = await inTenantHome(ctx.db, ctx.tenantId, ctx.home, async (tx) => {
    // An account is rated under its associations whether or not it has a row (plan-associations.ts):
    // the association in force is what a limit needs. The plan lock: no association is made in another currency while the limit is checked against it.
    await lockAccountPlans(tx, ctx.tenantId, accountId);
    const currency = await currencyInForce(tx, ctx.tenantId, accountId, now);
    if (currency === null) {
      throw invalid('invalid_body', [
        { path: 'currency', message: `account '${accountId}' has no price plan in force to rate its spend in` },
      ]);
    }
    if (currency !== limit.currency) {
      throw invalid('invalid_body', [
        { path: 'currency', message: `must be ${currency}, the currency account '${accountId}' is rated in` },
      ]);
    }
    const tracked = await lockSpendTracking(tx, ctx.tenantId, accountId);
    const saved = await saveSpendLimit(tx, ctx.tenantId, accountId, limit);
    if (tracked?.currency !== limit.currency) {
      await queueOpeningSpend(tx, ctx.tenantId, accountId, limit.currency, now);
    }
    return saved;
  });
  await push(ctx, queue, accountId, stored);
  return stored;
}

/**
 * Spend starts reaching the ledger when a limit is first set (or set in another currency): what
 * the current cycle rated before then goes as one adjustment, under the plan lock, so each event
 * is counted once — rated before, in the opening; after, by its own record.
 */
async function queueOpeningSpend(
  tx: Queryable,
  tenantId: string,
  accountId: string,
  currency: string,
  now: Date,
): Promise<void> {
  const usage = await cycleUsageAt(tx, tenantId, accountId, currency, now.getTime());
  if (usage.length === 0) {
    return;
  }
  const associations = await ratingAssociationsFor(tx, tenantId, [accountId]);
  const opening = ratedCycleRevenue(usage, associations).map((cycle) => ({ accountId, ...cycle }));
  await queueSpendChanges(tx, tenantId, opening);
}

/** Removes the account's limit: its money reservations are refused from then on. */
export async function removeSpendLimit(
  ctx: TenantContext,
  queue: Queue<LedgerMessage>,
  accountId: string,
): Promise<StoredSpendLimit> {
  const removed = await inTenantHome(ctx.db, ctx.tenantId, ctx.home, (tx) =>
    deleteSpendLimit(tx, ctx.tenantId, accountId),
  );
  if (!removed) {
    throw new AppError('not_found', 'spend_limit_not_found', `Account '${accountId}' has no spend limit`);
  }
  await push(ctx, queue, accountId, removed);
  return removed;
}

/**
 * After the commit. A lost push would leave the ledger's copy stale: a failed send answers 503, for
 * the caller to repeat (a repeat takes a newer version, and the same value wins), and the stale
 * sweep sends it meanwhile, as the row's pushed version stays behind its version. The ledger keeps
 * the highest version, so the sweep resending one that did arrive changes nothing.
 */
async function push(
  ctx: TenantContext,
  queue: Queue<LedgerMessage>,
  accountId: string,
  stored: StoredSpendLimit,
): Promise<void> {
  // The account's owed adjustments go on their own (to be settled) and inside the push (so the
  // ledger records them before it keeps the limit), whichever arrives first.
  await sendSpendAdjustments(queue, ctx.db, ctx.tenantId, [accountId]).catch((error: unknown) =>
    console.error(`spend adjustments of account '${accountId}' not sent now; the stale sweep sends them`, error),
  );
  try {
    const message = { kind: 'spend-limit' as const, tenantId: ctx.tenantId, accountId, ...stored };
    await queue.send(await withOwedAdjustments(ctx.db, message));
  } catch (error) {
    console.error(`spend limit of account '${accountId}' stored but not sent to its ledger`, error);
    throw new AppError(
      'unavailable',
      'ledger_queue_unavailable',
      'The spend limit is stored but could not reach the account ledger; send the request again (it is safe)',
    );
  }
  // Unmarked, the sweep sends it once more: harmless.
  await markSpendLimitPushed(ctx.db, ctx.tenantId, accountId, stored.version).catch((error: unknown) =>
    console.error(`spend limit of account '${accountId}' sent but not marked pushed`, error),
  );
}
