import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { entryIdSchema, featureCreditsSchema } from '../entitlement/credit-entry';
import { featureIdSchema } from '../entitlement/feature';
import {
  RESERVATION_TTL_DEFAULT_SECONDS,
  RESERVATION_TTL_MAX_SECONDS,
  reservationStatuses,
} from '../entitlement/reservation';
import { ingestEventRequest, nonNegativeDecimalSchema } from '../event/event-wire';
import { currencySchema } from '../pricing/currency';
import { jsonBody, jsonResponse, problemSchema, problems } from './common';
import { accountParam, denialReasons } from './entitlement-routes';
import { extension, meterlineExtension } from './extension';
import { spendResponse } from './spend-limit-routes';

const tags = ['Reservations'];
const exact = (description: string) =>
  z.number().meta({ description: `${description}. Exact: the JSON text is the decimal` });

export const reserveRequest = z
  .strictObject({
    id: entryIdSchema.optional().meta({
      description:
        'Your idempotency key for the reservation, unique per account: sending the same request again is safe (200 with the reservation). Generated when absent — then a retry holds twice.',
    }),
    accountId: accountParam.meta({ description: 'The account whose credits (or money) are held' }),
    featureId: featureIdSchema.optional().meta({
      description: 'The feature whose credits are held. Without it, `currency` is needed: money is held',
    }),
    currency: currencySchema
      .optional()
      .meta(
        extension(
          "Holds money instead of credits: `amount` in this currency, against the account's spend limit (PUT /accounts/{accountId}/spend_limit), in its currency",
        ),
      ),
    amount: nonNegativeDecimalSchema
      .refine((v) => !/^0+(\.0+)?$/.test(v), 'must be more than 0')
      .meta({ description: 'The estimated maximum the work will consume: a number, or a decimal string' }),
    ttlSeconds: z
      .number()
      .int()
      .min(1)
      .max(RESERVATION_TTL_MAX_SECONDS)
      .default(RESERVATION_TTL_DEFAULT_SECONDS)
      .meta({
        description: `How long the hold lasts unless settled or released (default ${RESERVATION_TTL_DEFAULT_SECONDS}, at most ${RESERVATION_TTL_MAX_SECONDS}); then it is given back`,
      }),
  })
  .superRefine((r, ctx) => {
    if (r.featureId !== undefined && r.currency !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: "a reservation holds a feature's credits (featureId) or money (currency), not both",
      });
    } else if (r.featureId === undefined && r.currency === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['featureId'],
        message: 'is needed to hold credits; or give `currency` to hold money',
      });
    }
  })
  .meta({
    id: 'ReserveCreditsRequest',
    example: { id: 'req-7f3a', accountId: 'acme', featureId: 'feat.0f3k9x2m1q7a8b4c', amount: 4000, ttlSeconds: 120 },
  });
export type ReserveRequestWire = z.infer<typeof reserveRequest>;

export const reservationSchema = z
  .object({
    id: z.string().meta({ description: 'Names the account and your key: the same request gives the same id' }),
    accountId: z.string(),
    featureId: z.string().optional().meta({ description: 'A reservation of credits: the feature held' }),
    currency: z.string().optional().meta(extension('A reservation of money: the currency of `amount`')),
    amount: exact('What is held (or was)'),
    status: z.enum(reservationStatuses).meta({
      description:
        'HELD; SETTLED (the event ingested, the rest given back); RELEASED; EXPIRED (its TTL passed unsettled)',
    }),
    createdAt: z.string(),
    expiresAt: z.string(),
    settledAmount: exact('SETTLED, of credits: the actual amount debited').optional(),
    eventId: z.string().optional().meta({ description: 'SETTLED: the id of the usage event it ingested' }),
    endedAt: z.string().optional(),
    reason: z.enum(['RELEASED', 'EXPIRED', 'EVENT_ID_CONFLICT']).optional().meta({
      description:
        "Why a reservation ended without a settle; EVENT_ID_CONFLICT: the settle event's id belonged to another event, so nothing was debited",
    }),
  })
  .meta({ id: 'Reservation' });
export type ReservationWire = z.infer<typeof reservationSchema>;

export const reservationResponse = z
  .object({
    reservation: reservationSchema,
    balances: z
      .array(featureCreditsSchema)
      .meta({ description: "The feature's credits after the call (none for a reservation of money)" }),
    spend: spendResponse.optional().meta(extension("A reservation of money: the account's spend after the call")),
  })
  .meta({ id: 'ReservationResponse' });

export const settleResponse = z
  .object({
    reservation: reservationSchema,
    event: z.object({
      eventId: z.string(),
      status: z
        .enum(['ACCEPTED', 'DUPLICATE'])
        .meta({ description: 'ACCEPTED, or DUPLICATE for a retried settle whose event was already accepted' }),
      acceptedAt: z.string(),
    }),
    balances: z.array(featureCreditsSchema).meta({ description: "The consumed features' credits after the call" }),
    spend: spendResponse
      .optional()
      .meta(
        extension(
          "A reservation of money: the account's spend after the call — the estimate pending until the event is rated",
        ),
      ),
  })
  .meta({ id: 'SettleReservationResponse' });

/** A hold or a settle refused for want of credits: an answer, as /entitled's 403, not problem+json. */
export const reservationRefusal = z
  .object({
    success: z.literal(false),
    statusCode: z.literal(403),
    message: z.string(),
    details: z.object({
      reason: z.enum(denialReasons),
      featureId: z.string(),
      available: exact('What is left, overage allowance included'),
      balances: z.array(featureCreditsSchema),
    }),
  })
  .meta({ id: 'ReservationRefusal' });

/** A hold of money refused by the account's spend limit: the figures that say why. */
export const spendLimitRefusal = z
  .object({
    success: z.literal(false),
    statusCode: z.literal(403),
    message: z.string(),
    details: z.object({
      reason: z.literal('SPEND_LIMIT_EXCEEDED'),
      limit: exact('The spend limit per billing cycle'),
      currency: z.string(),
      spent: exact('Revenue rated in the current billing cycle'),
      held: exact('Estimates of money reservations still held'),
      pending: exact('Estimates of settled money reservations whose event is not rated yet'),
      available: exact('limit − spent − held − pending, never negative'),
      requested: exact('The amount asked for'),
    }),
  })
  .meta({ id: 'SpendLimitRefusal', ...extension() });
export type SpendLimitRefusalWire = z.infer<typeof spendLimitRefusal>;
export type ReservationRefusalWire = z.infer<typeof reservationRefusal>;

export const settleRequest = ingestEventRequest.meta({
  id: 'SettleReservationRequest',
  description:
    "The usage event the work caused: the reservation's feature consumes its actual amount. Without an `id`, one is derived from the reservation, so a retry claims the same one",
});

const reservationParams = z.object({
  reservationId: z
    .string()
    .min(5)
    .max(2048)
    .meta({ param: { name: 'reservationId', in: 'path' } }),
});

const refusal = {
  description:
    'Not enough credits (`details.reason`), or for money not enough left under the spend limit (`SPEND_LIMIT_EXCEEDED`): nothing held or debited — or the API key lacks the scope (problem+json)',
  content: {
    'application/json': { schema: z.union([reservationRefusal, spendLimitRefusal]) },
    'application/problem+json': { schema: problemSchema },
  },
};

/** Meterline's reservations (docs/design.md §15): hold, settle with the actual amount, release. Answered by the account's AccountLedger. */
export const reservationRoutes = {
  reserve: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/reservations',
    tags,
    summary:
      "Hold an estimated maximum of a feature's credits, or of money, for an account while work of unknown cost runs",
    description:
      "Decided in one transaction of the account's ledger: held reservations count against the balance, so concurrent ones never together " +
      "exceed it (nor the overage limit). With `currency` and no `featureId`, money is held against the account's spend limit: " +
      'limit − spent − held − pending (422 naming `currency` without a limit in that currency). ' +
      'Settle with the actual usage, or release; an unsettled hold is given back at its TTL. `ingest` scope.',
    request: { body: jsonBody(reserveRequest) },
    responses: {
      201: jsonResponse(reservationResponse, 'Held'),
      200: jsonResponse(
        reservationResponse,
        'Reserved before with this id (the same request): the reservation as it is now',
      ),
      403: refusal,
      ...problems(400, 404, 409, 413, 415, 422, 503),
    },
  }),
  read: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/reservations/{reservationId}',
    tags,
    summary: 'A reservation as it is now',
    request: { params: reservationParams },
    responses: { 200: jsonResponse(reservationResponse, 'The reservation'), ...problems(404, 422, 503) },
  }),
  settle: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/reservations/{reservationId}/settle',
    tags,
    summary: 'Settle with the actual usage: ingest its event exactly once and give back the rest of the hold',
    description:
      'The actual amount is what the event consumes of the reserved feature; above the hold, the excess must fit in the credits and overage ' +
      'allowance left (else 403 and the hold stays). Retrying with the same event is safe: 200 with `DUPLICATE`. Once answered 200 — or 503 after ' +
      'the ledger recorded the settle — the event is ingested exactly once, by the ledger itself if need be.',
    request: { params: reservationParams, body: jsonBody(settleRequest) },
    responses: {
      200: jsonResponse(settleResponse, 'Settled: debited and the event accepted'),
      403: refusal,
      ...problems(400, 404, 409, 413, 415, 422, 503),
    },
  }),
  release: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/reservations/{reservationId}/release',
    tags,
    summary: 'Cancel: give the whole hold back (again: the same answer)',
    request: { params: reservationParams },
    responses: {
      200: jsonResponse(reservationResponse, 'Released (or expired before)'),
      ...problems(404, 409, 422, 503),
    },
  }),
};
