import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { eventSchema, ingestEventRequest } from '../event/event-wire';
import { jsonBody, jsonResponse, problems } from './common';
import { extension } from './extension';

/**
 * Togai's IngestEventResponse. Togai types `details` as a free-form object, so what happened to
 * the event rides there without leaving Togai's model.
 */
export const ingestEventResponse = z
  .object({
    success: z.boolean(),
    statusCode: z.number().int(),
    message: z.string().max(500),
    details: z
      .object({
        eventId: z.string(),
        status: z.enum(['ACCEPTED', 'DUPLICATE']),
        acceptedAt: z.string().meta({ description: 'When the id was first accepted' }),
      })
      .meta(extension("Togai's free-form details, filled with what happened to the event")),
  })
  .meta({ id: 'IngestEventResponse' });

export const MAX_BATCH_EVENTS = 1000;

/** What happened to one event of a batch, in the order sent. */
export const batchEventResultSchema = z
  .object({
    index: z.number().int(),
    id: z.string().optional().meta({ description: 'Absent only when the event was too malformed to have one' }),
    status: z.enum(['ACCEPTED', 'DUPLICATE', 'CONFLICT', 'INVALID', 'UNAVAILABLE']).meta({
      description: 'UNAVAILABLE: the id could not be claimed just now, so the event was not accepted; send it again',
    }),
    acceptedAt: z
      .string()
      .optional()
      .meta({ description: 'ACCEPTED, DUPLICATE and CONFLICT: when the id was first accepted' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'BatchEventResult' });

export const ingestBatchResponse = z
  .object({
    success: z.boolean().meta({ description: 'True when every event was accepted or was a duplicate' }),
    statusCode: z.number().int(),
    message: z.string(),
    details: z
      .object({
        accepted: z.number().int(),
        duplicates: z.number().int(),
        rejected: z.number().int(),
        events: z.array(batchEventResultSchema),
      })
      .meta(extension("Togai's free-form details, filled with what happened to each event")),
  })
  .meta({
    id: 'IngestBatchEventResponse',
    description: "Togai's IngestEventResponse (what Togai's ingestBatch answers), with each event's outcome in details",
  });

export const ingestBatchRequest = z
  .strictObject({ events: z.array(eventSchema).min(1).max(MAX_BATCH_EVENTS) })
  .meta({ id: 'IngestBatchEventRequest' });

export const ingestRoutes = {
  ingest: createRoute({
    method: 'post',
    path: '/ingest',
    tags: ['Ingestion'],
    summary: 'Ingest one usage event',
    description:
      'Validated against the ACTIVE version of its schema. The id is accepted at most once per tenant for 45 days: ' +
      'a repeat with the same payload answers 202 again with details.status DUPLICATE (safe to retry), with another payload 409.',
    request: { body: jsonBody(ingestEventRequest) },
    responses: {
      202: jsonResponse(
        ingestEventResponse,
        'Accepted: stored, and on its way to be metered; or already accepted with this payload (details.status DUPLICATE)',
      ),
      ...problems(400, 409, 413, 415, 422, 503),
    },
  }),
  ingestBatch: createRoute({
    method: 'post',
    path: '/ingestBatch',
    tags: ['Ingestion'],
    summary: 'Ingest up to 1000 usage events, each judged on its own',
    description:
      'Each event is validated, de-duplicated and accepted on its own, exactly as by /ingest: a batch is never ' +
      'all-or-nothing. 202 when every event was accepted (or was a duplicate); 207 with a result per event otherwise.',
    request: { body: jsonBody(ingestBatchRequest) },
    responses: {
      202: jsonResponse(ingestBatchResponse, 'Every event accepted or a duplicate'),
      207: jsonResponse(ingestBatchResponse, 'Some events were not accepted: see details.events'),
      ...problems(400, 413, 415, 422, 503),
    },
  }),
};
