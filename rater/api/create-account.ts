import type { NewAccount } from '../../shared/account/account';
import { AppError, invalid, type FieldIssue } from '../../shared/errors/app-error';
import type { Queryable } from '../db/connect';
import { addAliases, type NewAlias } from '../store/account-aliases';
import { insertAccount } from '../store/accounts';
import { holdInvoiceCurrency } from './account-currency';

/**
 * Creates an account of a customer with its aliases, in the caller's transaction (POST /accounts,
 * and POST /customers with an `account`). `prefix` is where the account sits in the request body.
 */
export async function createAccountOf(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  input: NewAccount,
  prefix = '',
): Promise<void> {
  const at = (field: string) => [prefix, field].filter(Boolean).join('.');
  const { aliases, accountAliases, ...account } = input;
  // Associations need no account: an id may have plans (and their fixed currencies) before it has a row.
  if (account.invoiceCurrency !== undefined) {
    await holdInvoiceCurrency(tx, tenantId, input.id, account.invoiceCurrency, at('invoiceCurrency'));
  }
  if (!(await insertAccount(tx, tenantId, customerId, account))) {
    throw new AppError('conflict', 'account_exists', `An account with id '${input.id}' already exists`, [
      { path: at('id'), message: 'is taken (archived ones keep their ids)' },
    ]);
  }
  refuseAliases(await addAliases(tx, tenantId, input.id, aliasesToAdd({ aliases, accountAliases }, prefix)));
}

/** What addAliases refused, as the error: the request's own faults first, then aliases taken. */
export function refuseAliases(refused: { taken: FieldIssue[]; invalid: FieldIssue[] }): void {
  if (refused.invalid.length > 0) {
    throw invalid('invalid_aliases', refused.invalid);
  }
  const first = refused.taken[0];
  if (first) {
    throw new AppError('conflict', 'alias_taken', `${first.path}: ${first.message}`, refused.taken);
  }
}

/** The aliases of an add request, each with the body field it came from. */
export function aliasesToAdd(
  input: {
    aliases?: string[] | undefined;
    accountAliases?:
      | { value: string; effectiveFrom?: string | undefined; effectiveUntil?: string | undefined }[]
      | undefined;
  },
  prefix = '',
): NewAlias[] {
  const at = (field: string) => [prefix, field].filter(Boolean).join('.');
  return [
    ...(input.aliases ?? []).map((value, i) => ({ path: at(`aliases.${i}`), value })),
    ...(input.accountAliases ?? []).map((alias, i) => ({ path: at(`accountAliases.${i}.value`), ...alias })),
  ];
}
