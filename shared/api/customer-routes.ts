import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createCustomerRequest,
  createCustomerResponse,
  customerIdSchema,
  customerSchema,
  updateCustomerRequest,
} from '../account/customer';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, successSchema } from './common';

const tags = ['Customers'];
const idParam = z.object({
  customerId: customerIdSchema.meta({ param: { name: 'customerId', in: 'path' }, example: 'acme_inc' }),
});

/** Togai's CustomersApi (contacts aside): the contract both the handlers and the OpenAPI document use. */
export const customerRoutes = {
  create: createRoute({
    method: 'post',
    path: '/customers',
    tags,
    summary: 'Create a customer, and with it an account if `account` is given',
    request: { body: jsonBody(createCustomerRequest) },
    responses: {
      201: jsonResponse(createCustomerResponse, 'The new customer (and account)'),
      ...problems(400, 409, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/customers',
    tags,
    summary: 'List customers, oldest first (archived ones too)',
    request: { query: pageQuerySchema },
    responses: {
      200: jsonResponse(pageSchema(customerSchema, 'CustomerPaginatedResponse'), 'A page of customers'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/customers/{customerId}',
    tags,
    summary: 'Get a customer',
    request: { params: idParam },
    responses: { 200: jsonResponse(customerSchema, 'The customer'), ...problems(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/customers/{customerId}',
    tags,
    summary: 'Change a customer: the fields given replace the current ones; an ARCHIVED customer cannot change',
    request: { params: idParam, body: jsonBody(updateCustomerRequest) },
    responses: {
      200: jsonResponse(customerSchema, 'The customer after the change'),
      ...problems(400, 404, 409, 415, 422),
    },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/customers/{customerId}',
    tags,
    summary: 'Delete a customer: it and its accounts become ARCHIVED (kept, ids stay taken; repeats are no-ops)',
    request: { params: idParam },
    responses: { 200: jsonResponse(successSchema, '{"success": true}'), ...problems(404, 422) },
  }),
};
