import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { nonNegativeDecimalSchema } from '../event/event-wire';
import { currencySchema } from '../pricing/currency';
import { jsonBody, jsonResponse, problems } from './common';
import { accountParam } from './entitlement-routes';
import { meterlineExtension } from './extension';

const tags = ['Spend limits'];
const exact = (description: string) =>
  z.number().meta({ description: `${description}. Exact: the JSON text is the decimal` });
const accountParams = z.object({ accountId: accountParam });

export const spendLimitRequest = z
  .strictObject({
    amount: nonNegativeDecimalSchema.meta({
      description: 'What the account may be committed to per billing cycle: a number, or a decimal string',
    }),
    currency: currencySchema.meta({
      description: 'The currency the account is rated in: its price plan association’s',
    }),
  })
  .meta({ id: 'SpendLimitRequest', example: { amount: 500, currency: 'USD' } });
export type SpendLimitRequestWire = z.infer<typeof spendLimitRequest>;

export const spendLimitResponse = z
  .object({
    accountId: z.string(),
    spendLimit: z
      .object({ amount: exact('The limit per billing cycle'), currency: z.string() })
      .nullable()
      .meta({ description: 'The limit, or null once removed' }),
  })
  .meta({ id: 'SpendLimitResponse' });

export const spendResponse = z
  .object({
    accountId: z.string(),
    spendLimit: z
      .object({ amount: exact('The limit per billing cycle'), currency: z.string() })
      .nullable()
      .meta({ description: 'The limit, or null without one' }),
    spent: exact("Revenue rated for the account's events in the current billing cycle, in the limit's currency"),
    held: exact('Estimates of money reservations still held'),
    pending: exact('Estimates of settled money reservations whose event is not rated yet'),
    available: exact('limit − spent − held − pending, never negative').nullable().meta({
      description: 'What a money reservation may still hold; null without a limit',
    }),
  })
  .meta({ id: 'AccountSpend' });
export type SpendWire = z.infer<typeof spendResponse>;

/** Meterline's spend limits (shared/spend/README.md): stored by the rater, enforced and counted by the AccountLedger. */
export const spendLimitRoutes = {
  set: createRoute({
    ...meterlineExtension,
    method: 'put',
    path: '/accounts/{accountId}/spend_limit',
    tags,
    summary: 'Set the money an account may commit per billing cycle through money reservations',
    description:
      'In the currency of the price plan association in force (else 422 naming `currency`). Money reservations are held against ' +
      'limit − spent − held − pending in the account ledger. `admin` scope.',
    request: { params: accountParams, body: jsonBody(spendLimitRequest) },
    responses: {
      200: jsonResponse(spendLimitResponse, 'The limit, stored and sent to the account ledger'),
      ...problems(400, 404, 409, 415, 422, 503),
    },
  }),
  remove: createRoute({
    ...meterlineExtension,
    method: 'delete',
    path: '/accounts/{accountId}/spend_limit',
    tags,
    summary: "Remove the account's spend limit: money reservations are refused from then on",
    request: { params: accountParams },
    responses: {
      200: jsonResponse(spendLimitResponse, 'Removed'),
      ...problems(404, 409, 422, 503),
    },
  }),
};

/** Answered at the edge by the account's AccountLedger, which holds what is held and pending. */
export const spendRoutes = {
  read: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/accounts/{accountId}/spend',
    tags,
    summary: "The account's spend in the current billing cycle: limit, spent, held, pending, available",
    description: '`read` or `ingest` scope.',
    request: { params: accountParams },
    responses: { 200: jsonResponse(spendResponse, 'The spend'), ...problems(422, 503) },
  }),
};
