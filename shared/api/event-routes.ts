import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { nameSchema } from '../event-schema/event-schema';
import { eventStatuses } from '../metering/meter-event';
import { aggregationSchema } from '../meter/usage-meter';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems } from './common';

const tags = ['Events'];
const decimal = z.string().meta({ description: 'An exact decimal', example: '1500.25' });
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z' });

export const eventStatusSchema = z.enum(eventStatuses).meta({
  id: 'EventStatus',
  description:
    'Where the event is in the pipeline. METERED: counted by at least one meter. NO_MATCHING_METERS: no ACTIVE ' +
    'meter of its schema matched it. ENRICHMENT_FAILED: an enrichment formula failed on its data. ' +
    'SCHEMA_NOT_FOUND: its schema was gone when it was rated. FAILED: the rater could not process it.',
});

/** The event as the client sent it, in Togai's Event shape; fields computed by enrichment are apart. */
const eventPayloadSchema = z
  .object({
    id: z.string(),
    schemaName: z.string(),
    timestamp: z.string().meta({ description: 'The event time, normalised to UTC' }),
    accountId: z.string(),
    attributes: z.array(z.object({ name: z.string(), value: decimal, unit: z.string().optional() })),
    dimensions: z.record(z.string(), z.string()),
  })
  .meta({ id: 'EventPayload' });

export const eventWithStatusSchema = z
  .object({
    eventPayload: eventPayloadSchema,
    schemaVersion: z.number().int().meta({ description: 'The version of the schema the event was validated against' }),
    ingestionStatus: z.object({
      status: eventStatusSchema,
      statusDescription: z.string().optional().meta({ description: 'Why, when the event was not metered as sent' }),
      field: z.string().optional().meta({ description: 'ENRICHMENT_FAILED: the enrichment field whose formula failed' }),
    }),
    enrichedFields: z
      .array(z.object({ name: z.string(), type: z.enum(['ATTRIBUTE', 'DIMENSION']), value: z.string() }))
      .meta({ description: "Fields the schema's enrichments computed onto the event (Togai's EnrichedField)" }),
    meters: z
      .array(z.object({ meterId: z.string(), aggregation: aggregationSchema, value: decimal }))
      .meta({ description: 'The meters that counted the event, and the value each counted' }),
    meterFailures: z
      .array(z.object({ meterId: z.string(), reason: z.string() }))
      .optional()
      .meta({ description: "Meters whose formula failed on this event; the event still counts for the others" }),
    acceptedAt: z.string().meta({ description: 'When the edge accepted the event' }),
    processedAt: z.string().meta({ description: 'When the rater metered it' }),
  })
  .meta({
    id: 'EventWithStatus',
    description: "An event as received and what happened to it: Togai's EventWithStatus, with Meterline's pipeline detail",
  });
export type EventWithStatus = z.infer<typeof eventWithStatusSchema>;

const idParam = z.object({
  id: z.string().min(1).max(512).meta({ param: { name: 'id', in: 'path' }, description: 'The event id (percent-encoded)', example: 'req-0001' }),
});

// One object with its refinement: zod 4 keeps it on the object, so the route's validation runs it.
const listQuerySchema = pageQuerySchema
  .extend({
    accountId: z.string().min(1).max(512).optional(),
    schemaName: nameSchema.optional(),
    status: eventStatusSchema.optional(),
    from: instant.optional().meta({ description: 'Events at or after this time (the event timestamp)' }),
    to: instant.optional().meta({ description: 'Events before this time' }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && new Date(q.to).getTime() <= new Date(q.from).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });

export const replayEventsRequest = z
  .strictObject({
    eventIds: z.array(z.string().min(1).max(512)).min(1).max(1000).optional().meta({ description: 'These FAILED events (others are ignored)' }),
    parkedMessageIds: z
      .array(z.string().regex(/^[0-9]{1,18}$/, 'must be the id of a parked message'))
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'Meterline extension: these parked messages (GET /parked_messages)' }),
    limit: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .meta({ description: 'Without eventIds or parkedMessageIds: the oldest FAILED events, and the oldest parked messages, this many of each' }),
  })
  .meta({ id: 'ReplayEventsRequest' });

const parkedQueueSchema = z.string().meta({ description: 'The queue the message was parked from', example: 'meterline-ledger' });

export const replayEventsResponse = z
  .object({
    replayed: z.number().int(),
    events: z.array(z.object({ id: z.string(), status: eventStatusSchema, reason: z.string().optional() })),
    parkedMessages: z
      .array(z.object({ id: z.string(), queue: parkedQueueSchema, status: z.enum(['REPLAYED', 'PARKED']), reason: z.string().optional() }))
      .meta({ description: 'Meterline extension: what became of each parked message; PARKED ones are parked again with the reason' }),
  })
  .meta({ id: 'ReplayEventsResponse' });

export const parkedMessageSchema = z
  .object({
    id: z.string(),
    queue: parkedQueueSchema,
    body: z.unknown().meta({ description: 'The message as the queue delivered it' }),
    reason: z.string().meta({ description: 'Why it is parked: malformed, or not delivered after every retry' }),
    parkedAt: z.string(),
  })
  .meta({
    id: 'ParkedMessage',
    description:
      'Meterline extension: a queue message a consumer could not deliver after every retry (an event batch, a ledger debit or ' +
      'grant), or could not read. Parked in Postgres, never dropped; POST /events/replay sends it on.',
  });

/** Togai's /events API: what happened to each event the rater has consumed. */
export const eventRoutes = {
  get: createRoute({
    method: 'get', path: '/events/{id}', tags, summary: 'An event as received and its status through the pipeline',
    description:
      'An event accepted moments ago may not have reached the rater yet: it answers 404 until then (usually a second or two).',
    request: { params: idParam },
    responses: { 200: jsonResponse(eventWithStatusSchema, 'The event and its status'), ...problems(404, 422) },
  }),
  list: createRoute({
    method: 'get', path: '/events', tags, summary: 'List events, newest first (by event timestamp, then id)',
    request: { query: listQuerySchema },
    responses: { 200: jsonResponse(pageSchema(eventWithStatusSchema, 'EventWithStatusPaginatedResponse'), 'A page of events'), ...problems(422) },
  }),
  replay: createRoute({
    method: 'post', path: '/events/replay', tags, summary: 'Meter FAILED events again, and send parked messages on (admin)',
    description:
      'FAILED events (dead-lettered after every delivery failed, or refused by the database) are metered again, ' +
      'each exactly once; one that fails again stays FAILED with the new reason. Parked messages (a Meterline extension: ' +
      'GET /parked_messages) are sent on — an event batch metered, a ledger debit or grant sent to the account ledgers — ' +
      'and one that still cannot be is parked again with the new reason. Needs an admin key.',
    request: { body: jsonBody(replayEventsRequest) },
    responses: { 200: jsonResponse(replayEventsResponse, 'What happened to each replayed event'), ...problems(400, 403, 422) },
  }),
  parked: createRoute({
    method: 'get', path: '/parked_messages', tags, summary: 'Queue messages parked after every retry failed (Meterline extension)',
    request: { query: pageQuerySchema },
    responses: { 200: jsonResponse(pageSchema(parkedMessageSchema, 'ParkedMessagePaginatedResponse'), 'A page of parked messages, oldest first'), ...problems(422) },
  }),
};
