import { AppError } from '../../shared/errors/app-error';
import { invoiceCurrencyChangeIssue } from '../../shared/pricing/pinned-currency';
import type { Queryable } from '../db/connect';
import { lockAccountPlans, pinnedAssociations } from '../store/plan-associations';

/**
 * Before an account's invoiceCurrency becomes `invoiceCurrency` (an update, or an account created
 * for an id that has associations already): refuses, with 409 naming `path`, a currency its plans
 * in force or to come would price in differently from the currency each fixed. Takes the
 * account's plan lock for the rest of the transaction, so no association is made meanwhile.
 */
export async function holdInvoiceCurrency(
  tx: Queryable,
  tenantId: string,
  accountId: string,
  invoiceCurrency: string | undefined,
  path = 'invoiceCurrency',
): Promise<void> {
  await lockAccountPlans(tx, tenantId, accountId);
  const issue = invoiceCurrencyChangeIssue(
    await pinnedAssociations(tx, tenantId, accountId),
    invoiceCurrency,
    Date.now(),
    path,
  );
  if (issue) {
    throw new AppError(
      'conflict',
      'invoice_currency_fixed',
      `Account '${accountId}' has a price plan that fixed the currency it is rated in`,
      [issue],
    );
  }
}
