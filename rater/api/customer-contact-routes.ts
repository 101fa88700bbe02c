import { customerContactRoutes as routes } from '../../shared/api/customer-contact-routes';
import { AppError, notFound } from '../../shared/errors/app-error';
import { insertContact, listContacts } from '../store/customer-contacts';
import { findCustomerRow } from '../store/customers';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

/** Togai's POST /customers/{id}/contacts. A contact belongs to an ACTIVE customer; its username is unique per tenant. */
export const customerContactRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal, home } = c.env;
    const { customerId } = c.req.valid('param');
    const input = c.req.valid('json');
    const contact = await inTenantHome(db, principal.tenantId, home, async (tx) => {
      const customer = await findCustomerRow(tx, principal.tenantId, customerId);
      if (!customer) {
        throw notFound('customer', customerId);
      }
      if (customer.status === 'ARCHIVED') {
        throw new AppError('conflict', 'customer_archived', `Customer '${customerId}' is archived and cannot change`);
      }
      return insertContact(tx, principal.tenantId, customerId, input);
    });
    if (!contact) {
      throw new AppError('conflict', 'username_taken', `The username '${input.preferredUsername}' is taken`, [
        { path: 'preferredUsername', message: 'another contact of this tenant has it' },
      ]);
    }
    return c.json(contact, 201);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { customerId } = c.req.valid('param');
    if (!(await findCustomerRow(db, principal.tenantId, customerId))) {
      throw notFound('customer', customerId);
    }
    return c.json({ data: await listContacts(db, principal.tenantId, customerId) }, 200);
  });
