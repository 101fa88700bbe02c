import { exactNumber } from '../../shared/api/exact-number';
import { spendRoutes, type SpendWire } from '../../shared/api/spend-limit-routes';
import { requireScope } from '../../shared/auth/api-key';
import { AppError } from '../../shared/errors/app-error';
import { tenantFeatures } from '../config/tenant-config';
import type { SpendView } from '../ledger/ledger-spend';
import { ledgerFor, type LedgerOwner } from '../ledger/ledger-protocol';
import { scoped } from '../middleware/require-scope';
import { createRouter } from './router';

/**
 * An account's spend against its limit (shared/spend/README.md), answered by its AccountLedger:
 * what is held and pending lives only there, and spent is what the rater's revenue told it. The
 * limit is set through the rater (PUT /accounts/{id}/spend_limit), which stores and pushes it; a
 * ledger without a copy reads it through. `read` or `ingest` scope, as feature balances.
 */
export const accountSpendRouter = createRouter();
accountSpendRouter.use('/accounts/:accountId/spend', scoped('read', 'ingest'));

accountSpendRouter.openapi(spendRoutes.read, async (c) => {
  const principal = c.get('principal');
  requireScope(principal, 'read', 'ingest');
  const owner = { tenantId: principal.tenantId, accountId: c.req.valid('param').accountId };
  // The placement reservations use (edge/routes/reservations.ts): the same object.
  const { jurisdiction } = await tenantFeatures(c.env, principal.tenantId);
  const ledger = ledgerFor(c.env, owner, { region: principal.placement?.region ?? null, jurisdiction });
  const spend = await ledger.spendOf(owner).catch((error: unknown): never => {
    console.error(`ledger of account '${owner.accountId}' failed`, error);
    throw new AppError(
      'unavailable',
      'ledger_unavailable',
      'The account ledger is briefly unavailable; send the request again',
    );
  });
  return c.json(toSpendWire(owner, spend), 200);
});

export function toSpendWire(owner: LedgerOwner, spend: SpendView): SpendWire {
  return {
    accountId: owner.accountId,
    spendLimit: spend.limit ? { amount: exactNumber(spend.limit.amount), currency: spend.limit.currency } : null,
    spent: exactNumber(spend.spent),
    held: exactNumber(spend.held),
    pending: exactNumber(spend.pending),
    available: spend.available === null ? null : exactNumber(spend.available),
  };
}
