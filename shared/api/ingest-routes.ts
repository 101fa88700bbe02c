import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ingestEventRequest } from '../event/event-wire';
import { jsonBody, jsonResponse, problems } from './common';

/** Togai's IngestEventResponse, with what happened to the event in `details`. */
export const ingestEventResponse = z
  .object({
    success: z.boolean(),
    statusCode: z.number().int(),
    message: z.string(),
    details: z.object({
      eventId: z.string(),
      status: z.enum(['ACCEPTED', 'DUPLICATE']),
      acceptedAt: z.string().meta({ description: 'When the id was first accepted' }),
    }),
  })
  .meta({ id: 'IngestEventResponse' });

export const ingestRoutes = {
  ingest: createRoute({
    method: 'post',
    path: '/ingest',
    tags: ['Ingestion'],
    summary: 'Ingest one usage event',
    description:
      'Validated against the ACTIVE version of its schema. The id is accepted at most once per tenant for 45 days: ' +
      'a repeat with the same payload answers 200 DUPLICATE (safe to retry), with another payload 409.',
    request: { body: jsonBody(ingestEventRequest) },
    responses: {
      202: jsonResponse(ingestEventResponse, 'Accepted: stored, and on its way to be metered'),
      200: jsonResponse(ingestEventResponse, 'Duplicate: this id was already accepted with this payload'),
      ...problems(400, 409, 413, 415, 422, 503),
    },
  }),
};
