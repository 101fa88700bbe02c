import type { Customer } from '../../shared/account/customer';
import { customerRoutes as routes } from '../../shared/api/customer-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { AppError, concurrentChange, notFound } from '../../shared/errors/app-error';
import type { Database, Queryable } from '../db/connect';
import { findAccount } from '../store/accounts';
import {
  archiveCustomer,
  findCustomer,
  insertCustomer,
  listCustomers,
  toCustomer,
  updateCustomer,
} from '../store/customers';
import { inTenantHome } from '../store/tenant-home';
import { createAccountOf } from './create-account';
import { createRouter } from './router';

/** Togai's /customers API: a customer is ACTIVE from creation until it is deleted (archived). */
export const customerRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal } = c.env;
    const { account, ...input } = c.req.valid('json');
    const tenantId = principal.tenantId;
    // Customers hold personal data: like configuration, they pin the tenant to its jurisdiction.
    const created = await inTenantHome(db, tenantId, c.env.home, async (tx) => {
      const row = await insertCustomer(tx, tenantId, input);
      if (!row) {
        throw exists('customer', input.id, 'id');
      }
      if (account) {
        await createAccountOf(tx, tenantId, row.id, account, 'account');
      }
      return row;
    });
    const customer = toCustomer(created);
    return c.json(
      {
        id: customer.id,
        togaiCustomerId: customer.togaiCustomerId,
        name: customer.name,
        primaryEmail: customer.primaryEmail,
        billingAddress: customer.billingAddress,
        address: customer.address,
        ...(input.settings ? { settings: input.settings } : {}),
        ...(account ? { account: (await findAccount(db, tenantId, account.id))!.account } : {}),
      },
      201,
    );
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findCustomer(db, principal.tenantId, id));
    const rows = await listCustomers(db, principal.tenantId, { afterId, limit: pageSize + 1 });
    return c.json(
      toPage(rows, pageSize, (customer) => customer.id),
      200,
    );
  })
  .openapi(routes.get, async (c) =>
    c.json(await mustFind(c.env.db, c.env.principal.tenantId, c.req.valid('param').customerId), 200),
  )
  .openapi(routes.update, async (c) => {
    const { db, principal } = c.env;
    const customer = await mustFind(db, principal.tenantId, c.req.valid('param').customerId);
    if (customer.status === 'ARCHIVED') {
      throw archived('customer', customer.id);
    }
    const updated = await updateCustomer(db, principal.tenantId, customer, c.req.valid('json'));
    if (!updated) {
      throw concurrentChange('customer', customer.id);
    }
    return c.json(updated, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { db, principal } = c.env;
    const customer = await mustFind(db, principal.tenantId, c.req.valid('param').customerId);
    await db.transaction((tx) => archiveCustomer(tx, principal.tenantId, customer.id));
    return c.json({ success: true }, 200);
  });

async function mustFind(db: Queryable | Database, tenantId: string, id: string): Promise<Customer> {
  const customer = await findCustomer(db, tenantId, id);
  if (!customer) {
    throw notFound('customer', id);
  }
  return customer;
}

/** An id already used (archived objects keep theirs), naming the field that carried it. */
export function exists(what: string, id: string, path: string): AppError {
  return new AppError('conflict', `${what}_exists`, `A ${what} with id '${id}' already exists`, [
    { path, message: 'is taken (archived ones keep their ids)' },
  ]);
}

export function archived(what: string, id: string): AppError {
  return new AppError('conflict', `${what}_archived`, `The ${what} '${id}' is archived (deleted) and cannot change`);
}
