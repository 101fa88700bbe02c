import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createCustomerContactRequest, customerContactSchema } from '../account/customer-contact';
import { customerIdSchema } from '../account/customer';
import { jsonBody, jsonResponse, problems } from './common';
import { meterlineExtension } from './extension';

const tags = ['Customers'];
const idParam = z.object({
  customerId: customerIdSchema.meta({ param: { name: 'customerId', in: 'path' }, example: 'acme_inc' }),
});

/** Togai's create_customer_contact, and a read of them (Togai has none). */
export const customerContactRoutes = {
  create: createRoute({
    method: 'post',
    path: '/customers/{customerId}/contacts',
    tags,
    summary: 'Add a contact to a customer (no portal login: Meterline has no customer portal)',
    request: { params: idParam, body: jsonBody(createCustomerContactRequest) },
    responses: { 201: jsonResponse(customerContactSchema, 'The contact'), ...problems(400, 404, 409, 415, 422) },
  }),
  list: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/customers/{customerId}/contacts',
    tags,
    summary: "The customer's contacts, oldest first",
    request: { params: idParam },
    responses: {
      200: jsonResponse(
        z.object({ data: z.array(customerContactSchema) }).meta({ id: 'CustomerContactList' }),
        'The contacts',
      ),
      ...problems(404, 422),
    },
  }),
};
