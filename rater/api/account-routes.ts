import type { Account } from '../../shared/account/account';
import { accountRoutes as routes } from '../../shared/api/account-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { concurrentChange, invalid, notFound } from '../../shared/errors/app-error';
import type { Database } from '../db/connect';
import { addAliases, endAliases, listAliases, type AliasEnd } from '../store/account-aliases';
import { archiveAccount, findAccount, listAccounts, updateAccount } from '../store/accounts';
import { findCustomer } from '../store/customers';
import { inTenantHome } from '../store/tenant-home';
import { holdInvoiceCurrency } from './account-currency';
import { aliasesToAdd, createAccountOf, refuseAliases } from './create-account';
import { archived } from './customer-routes';
import { createRouter } from './router';

/**
 * Togai's /accounts API. An account's id is the accountId of events, credits and plan
 * associations, which never require an account to exist: creating one adds a customer, a name and
 * aliases to an id, and deleting one archives it without touching its usage.
 */
export const accountRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal } = c.env;
    const { customerId, ...input } = c.req.valid('json');
    const tenantId = principal.tenantId;
    await inTenantHome(db, tenantId, c.env.home, async (tx) => {
      const customer = await findCustomer(tx, tenantId, customerId);
      if (!customer) {
        throw invalid('invalid_body', [{ path: 'customerId', message: `is not a customer of this tenant` }]);
      }
      if (customer.status === 'ARCHIVED') {
        throw invalid('invalid_body', [{ path: 'customerId', message: 'is an archived (deleted) customer' }]);
      }
      await createAccountOf(tx, tenantId, customerId, input);
    });
    return c.json(await mustFind(db, tenantId, input.id), 201);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize, customerId, search } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findAccount(db, principal.tenantId, id));
    const rows = await listAccounts(db, principal.tenantId, { customerId, search, afterId, limit: pageSize + 1 });
    return c.json(
      toPage(rows, pageSize, (account) => account.id),
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const { effectiveOn } = c.req.valid('query');
    const at = effectiveOn ? new Date(effectiveOn) : new Date();
    return c.json(await mustFind(c.env.db, c.env.principal.tenantId, c.req.valid('param').accountId, at), 200);
  })
  .openapi(routes.update, async (c) => {
    const { db, principal } = c.env;
    const id = c.req.valid('param').accountId;
    const found = await findAccount(db, principal.tenantId, id);
    if (!found) {
      throw notFound('account', id);
    }
    if (found.account.status === 'ARCHIVED') {
      throw archived('account', id);
    }
    const change = c.req.valid('json');
    const movesCurrency =
      change.invoiceCurrency !== undefined && change.invoiceCurrency !== found.account.invoiceCurrency;
    const updated = movesCurrency
      ? await db.transaction(async (tx) => {
          // Rating reads the currency each association fixed: one this change would contradict refuses it.
          await holdInvoiceCurrency(tx, principal.tenantId, id, change.invoiceCurrency);
          return updateAccount(tx, principal.tenantId, id, found.updatedAt, change);
        })
      : await updateAccount(db, principal.tenantId, id, found.updatedAt, change);
    if (!updated) {
      throw concurrentChange('account', id);
    }
    return c.json(await mustFind(db, principal.tenantId, id), 200);
  })
  .openapi(routes.delete, async (c) => {
    const { db, principal } = c.env;
    const id = c.req.valid('param').accountId;
    await mustFind(db, principal.tenantId, id);
    await archiveAccount(db, principal.tenantId, id);
    return c.json({ success: true }, 200);
  })
  .openapi(routes.addAliases, async (c) => {
    const { db, principal } = c.env;
    const id = c.req.valid('param').accountId;
    await mustChange(db, principal.tenantId, id);
    await db.transaction(async (tx) =>
      refuseAliases(await addAliases(tx, principal.tenantId, id, aliasesToAdd(c.req.valid('json')))),
    );
    return c.json(await mustFind(db, principal.tenantId, id), 200);
  })
  .openapi(routes.removeAliases, async (c) => {
    const { db, principal } = c.env;
    const id = c.req.valid('param').accountId;
    await mustChange(db, principal.tenantId, id);
    const body = c.req.valid('json');
    const now = new Date();
    const ends: AliasEnd[] = [
      ...(body.aliases ?? []).map((value, i) => ({ path: `aliases.${i}`, at: now, value })),
      ...(body.accountAliases ?? []).map((a, i) => ({
        path: `accountAliases.${i}.id`,
        at: a.from ? new Date(a.from) : now,
        id: a.id,
      })),
    ];
    const issues = await db.transaction((tx) => endAliases(tx, principal.tenantId, id, ends));
    if (issues.length > 0) {
      throw invalid('invalid_body', issues);
    }
    return c.json(await mustFind(db, principal.tenantId, id), 200);
  })
  .openapi(routes.listAliases, async (c) => {
    const { db, principal } = c.env;
    const id = c.req.valid('param').accountId;
    await mustFind(db, principal.tenantId, id);
    return c.json({ data: await listAliases(db, principal.tenantId, id) }, 200);
  });

async function mustFind(db: Database, tenantId: string, id: string, at?: Date): Promise<Account> {
  const found = await findAccount(db, tenantId, id, at);
  if (!found) {
    throw notFound('account', id);
  }
  return found.account;
}

/** The account, which must exist and not be archived for its aliases to change. */
async function mustChange(db: Database, tenantId: string, id: string): Promise<void> {
  if ((await mustFind(db, tenantId, id)).status === 'ARCHIVED') {
    throw archived('account', id);
  }
}
