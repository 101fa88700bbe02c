import { exactNumber } from '../../shared/api/exact-number';
import { spendLimitRoutes as routes } from '../../shared/api/spend-limit-routes';
import { Decimal } from '../../shared/decimal/decimal';
import type { StoredSpendLimit } from '../store/spend-limits';
import { removeSpendLimit, setSpendLimit } from '../services/spend-limits';
import { tenantContext } from '../services/tenant-context';
import { createRouter } from './router';

/** Spend limits: HTTP in and out; the rules are in rater/services/spend-limits.ts. */
export const spendLimitRoutes = createRouter()
  .openapi(routes.set, async (c) => {
    const { accountId } = c.req.valid('param');
    const { amount, currency } = c.req.valid('json');
    const limit = { amount: new Decimal(amount).toFixed(), currency };
    const stored = await setSpendLimit(tenantContext(c.env), c.env.ledgerQueue, accountId, limit, new Date());
    return c.json(toWire(accountId, stored), 200);
  })
  .openapi(routes.remove, async (c) => {
    const { accountId } = c.req.valid('param');
    return c.json(toWire(accountId, await removeSpendLimit(tenantContext(c.env), c.env.ledgerQueue, accountId)), 200);
  });

function toWire(accountId: string, stored: StoredSpendLimit) {
  return {
    accountId,
    spendLimit: stored.limit ? { amount: exactNumber(stored.limit.amount), currency: stored.limit.currency } : null,
  };
}
