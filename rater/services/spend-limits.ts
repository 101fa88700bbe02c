import { AppError, invalid } from '../../shared/errors/app-error';
import type { LedgerMessage } from '../../shared/queue/ledger-message';
import type { SpendLimit } from '../../shared/spend/spend-limit';
import { currencyInForce, lockAccountPlans } from '../store/plan-associations';
import { deleteSpendLimit, saveSpendLimit, type StoredSpendLimit } from '../store/spend-limits';
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
    return saveSpendLimit(tx, ctx.tenantId, accountId, limit);
  });
  await push(ctx, queue, accountId, stored);
  return stored;
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
 * After the commit. A lost push would leave the ledger's copy stale, so a failed send is the
 * caller's to repeat (a repeat takes a newer version, and the same value wins).
 */
async function push(
  ctx: TenantContext,
  queue: Queue<LedgerMessage>,
  accountId: string,
  stored: StoredSpendLimit,
): Promise<void> {
  try {
    await queue.send({ kind: 'spend-limit', tenantId: ctx.tenantId, accountId, ...stored });
  } catch (error) {
    console.error(`spend limit of account '${accountId}' stored but not sent to its ledger`, error);
    throw new AppError(
      'unavailable',
      'ledger_queue_unavailable',
      'The spend limit is stored but could not reach the account ledger; send the request again (it is safe)',
    );
  }
}
