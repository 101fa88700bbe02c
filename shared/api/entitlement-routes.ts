import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  creditEntrySchema,
  entryIdSchema,
  featureCreditsSchema,
  grantCreditsRequest,
  overageRequest,
  updateCreditEntryRequest,
} from '../entitlement/credit-entry';
import { featureIdSchema } from '../entitlement/feature';
import { ingestEventRequest } from '../event/event-wire';
import { jsonBody, jsonResponse, pageQuerySchema, problemSchema, problems, successSchema } from './common';
import { extension, meterlineExtension } from './extension';

const tags = ['Entitlements'];

export const accountParam = z
  .string()
  .min(1)
  .max(512)
  .refine((v) => !v.includes('\u0000'), 'must not contain the NUL character (U+0000)')
  .meta({ param: { name: 'accountId', in: 'path' }, example: 'acme' });
const featureParam = featureIdSchema.meta({
  param: { name: 'featureId', in: 'path' },
  example: 'feat.0f3k9x2m1q7a8b4c',
});
const accountFeature = z.object({ accountId: accountParam, featureId: featureParam });
const entryParams = accountFeature.extend({ entryId: entryIdSchema.meta({ param: { name: 'entryId', in: 'path' } }) });

export const denialReasons = ['NO_FEATURE', 'NO_GRANT', 'INSUFFICIENT_CREDITS'] as const;

/**
 * POST /entitled's answer, both ways. Being refused is an expected outcome, not an error: a 403
 * with `entitled: false` and the reason, never problem+json.
 */
export const entitledResponse = z
  .object({
    success: z.boolean(),
    statusCode: z.number().int().meta(extension()),
    message: z.string().meta(extension()),
    details: z
      .object({
        entitled: z.boolean(),
        eventId: z.string(),
        status: z
          .enum(['ACCEPTED', 'DUPLICATE'])
          .optional()
          .meta({ description: 'Entitled: ACCEPTED, or DUPLICATE when the id was already accepted' }),
        acceptedAt: z.string().optional(),
        reason: z
          .enum(denialReasons)
          .optional()
          .meta({
            description:
              'Not entitled: NO_FEATURE (no ACTIVE feature is consumed by this event schema), NO_GRANT (the account has no live ' +
              'credits and no overage allowance for the feature), INSUFFICIENT_CREDITS (not enough left)',
          }),
        featureId: z.string().optional().meta({ description: 'Not entitled: the feature that refused' }),
        available: z.number().optional().meta({
          description:
            'INSUFFICIENT_CREDITS: what is left, overage allowance included (exact: the JSON text is the decimal)',
        }),
        balances: z.array(featureCreditsSchema).meta({ description: "The consumed features' credits after this call" }),
      })
      .meta(extension('Whether the event was entitled, what became of it, and the balances after the call')),
  })
  .meta({
    id: 'EntitledEventResponse',
    description: "Togai's BaseSuccessResponse (`success`), with Meterline's details",
  });
export type EntitledResponse = z.infer<typeof entitledResponse>;

export const entitlementValueSchema = z
  .object({ featureId: z.string(), featureName: z.string().meta(extension()), value: z.string() })
  .meta({ id: 'GetEntitlementValuesResponseDataInner' });

/** Togai's GetEntitlementValuesResponse: both reads, of all values or of one, answer a list. */
export const entitlementValuesSchema = z
  .object({ data: z.array(entitlementValueSchema) })
  .meta({ id: 'GetEntitlementValuesResponse' });

const valueRequest = z
  .strictObject({ value: z.string().min(1).max(200) })
  .meta({ id: 'ValidateEntitlementValueRequest' });

/** Togai's BaseSuccessResponse: `success` is whether the value is granted. */
export const valueCheckResponse = z
  .object({
    success: z.boolean().meta({ description: "Whether the account's value grants the value asked for" }),
    entitled: z.boolean().meta(extension('The same as success')),
    featureId: z.string().meta(extension()),
    value: z.string().optional().meta(extension("The account's value, when it has one")),
  })
  .meta({ id: 'ValidateEntitlementValueResponse' });

/** Togai's GetFeatureCreditEntriesPaginatedResponse; `context` is Meterline's. */
const entriesPageSchema = z
  .object({
    data: z.array(creditEntrySchema),
    nextToken: z.string().optional().meta({ description: 'Present when there are more entries' }),
    context: z
      .object({ pageSize: z.number().int(), sortOrder: z.enum(['ASC', 'DESC']) })
      .meta(extension('How the page was cut')),
  })
  .meta({ id: 'GetFeatureCreditEntriesPaginatedResponse' });

/** A 403 that is an answer (application/json), or a key without the scope (problem+json). */
function refusal<S extends z.ZodType>(schema: S, description: string) {
  return {
    description: `${description} — or the API key lacks the scope (problem+json)`,
    content: { 'application/json': { schema }, 'application/problem+json': { schema: problemSchema } },
  };
}

/** Togai's EntitlementsApi, answered at the edge by each account's AccountLedger object. */
export const entitlementRoutes = {
  entitled: createRoute({
    method: 'post',
    path: '/entitled',
    tags,
    summary: 'Ingest an event only if its account is entitled: checks and debits its credits atomically',
    description:
      'The event is validated as for /ingest, the credits of every feature its schema is associated with are debited — ' +
      'all or none — and only then is the event ingested. A retry with the same event id never debits twice. ' +
      'Needs the `ingest` scope.',
    request: { body: jsonBody(ingestEventRequest) },
    responses: {
      ...problems(400, 409, 413, 415, 422, 503),
      200: jsonResponse(entitledResponse, 'Entitled: debited, and the event accepted (or already accepted)'),
      403: refusal(entitledResponse, 'Not entitled (`details.reason`): nothing debited, nothing ingested'),
    },
  }),
  credits: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/features/{featureId}',
    tags,
    summary: "An account's credits for a feature, current to the last debit (`ingest` or `read` scope)",
    request: { params: accountFeature },
    responses: { 200: jsonResponse(featureCreditsSchema, 'Granted, balance, overage'), ...problems(404, 422, 503) },
  }),
  setOverage: createRoute({
    ...meterlineExtension,
    method: 'patch',
    path: '/accounts/{accountId}/features/{featureId}',
    tags,
    summary: 'Set how far below zero the balance may go (null: not at all)',
    request: { params: accountFeature, body: jsonBody(overageRequest) },
    responses: {
      200: jsonResponse(featureCreditsSchema, 'The credits after the change'),
      ...problems(400, 404, 415, 422, 503),
    },
  }),
  listEntries: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/features/{featureId}/entries',
    tags,
    summary: 'List credit entries, oldest first',
    request: { params: accountFeature, query: pageQuerySchema },
    responses: { 200: jsonResponse(entriesPageSchema, 'A page of entries'), ...problems(404, 422, 503) },
  }),
  grant: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/accounts/{accountId}/features/{featureId}/entries',
    tags,
    summary: 'Grant credits: an entry of `granted` units, effective from/until',
    description:
      'Sending the same `id` again is safe: 200 with the entry. Unsettled overage is paid from the new credits first.',
    request: { params: accountFeature, body: jsonBody(grantCreditsRequest) },
    responses: {
      201: jsonResponse(creditEntrySchema, 'The new entry'),
      200: jsonResponse(creditEntrySchema, 'The entry, granted before with this id'),
      ...problems(400, 404, 409, 415, 422, 503),
    },
  }),
  updateEntry: createRoute({
    method: 'patch',
    path: '/accounts/{accountId}/features/{featureId}/entries/{entryId}',
    tags,
    summary: 'Adjust an entry: `granted` (not below what was used) and `effectiveUntil` (in the future)',
    request: { params: entryParams, body: jsonBody(updateCreditEntryRequest) },
    responses: {
      200: jsonResponse(creditEntrySchema, 'The entry after the change'),
      ...problems(400, 404, 409, 415, 422, 503),
    },
  }),
  voidEntry: createRoute({
    method: 'post',
    path: '/accounts/{accountId}/features/{featureId}/entries/{entryId}/void',
    tags,
    summary: 'Void an entry: what is left of it is gone, what was used stays used',
    request: { params: entryParams },
    responses: { 200: jsonResponse(successSchema, 'Voided (again, for a repeat)'), ...problems(404, 422, 503) },
  }),
  values: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/entitlements',
    tags,
    summary: "The account's entitlement values (boolean and configuration features)",
    request: { params: z.object({ accountId: accountParam }) },
    responses: { 200: jsonResponse(entitlementValuesSchema, 'Every value set'), ...problems(422, 503) },
  }),
  value: createRoute({
    method: 'get',
    path: '/accounts/{accountId}/entitlements/{featureId}',
    tags,
    summary: "The account's value for one feature",
    request: { params: accountFeature },
    responses: {
      200: jsonResponse(entitlementValuesSchema, 'The value, as a list of one'),
      ...problems(404, 422, 503),
    },
  }),
  setValue: createRoute({
    ...meterlineExtension,
    method: 'put',
    path: '/accounts/{accountId}/entitlements/{featureId}',
    tags,
    summary: 'Set the account\'s value for a feature (e.g. "true", "10", "gold")',
    request: { params: accountFeature, body: jsonBody(valueRequest) },
    responses: { 200: jsonResponse(entitlementValueSchema, 'The value set'), ...problems(400, 404, 415, 422, 503) },
  }),
  checkValue: createRoute({
    method: 'post',
    path: '/accounts/{accountId}/entitlements/{featureId}',
    tags,
    summary:
      "Check a value: entitled when equal, or, for numbers, when the requested value does not exceed the account's",
    request: { params: accountFeature, body: jsonBody(valueRequest) },
    responses: {
      200: jsonResponse(valueCheckResponse, '`success`: entitled or not'),
      ...problems(400, 404, 415, 422, 503),
    },
  }),
};
