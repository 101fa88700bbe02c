import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { nameSchema } from '../event-schema/event-schema';
import { instantSchema } from '../time/instant';
import { recordedTogaiStatuses, togaiEventStatuses } from './event-status';
import { aggregationSchema } from '../meter/usage-meter';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems } from './common';
import { extension, meterlineExtension } from './extension';
import {
  correctionHistorySchema,
  correctionQuerySchema,
  eventCorrectionRequest,
  eventsCorrectionResponse,
} from './event-correction-routes';

const tags = ['Events'];
const decimal = z.string().meta({ description: 'An exact decimal', example: '1500.25' });
const instant = instantSchema();

export const eventStatusSchema = z.enum(togaiEventStatuses).meta({
  id: 'EventIngestionStatus',
  description:
    "Togai's IngestionStatus.status. Meterline records seven of them: INGESTION_COMPLETED_EVENT_METERED (counted by at " +
    'least one meter), INGESTION_COMPLETED_NO_MATCHING_METERS (no ACTIVE meter of its schema matched it), ' +
    'INGESTION_FAILED_ENRICHMENT_FAILED (an enrichment formula failed on its data), INGESTION_FAILED_SCHEMA_NOT_DEFINED ' +
    '(its schema was gone when it was rated), INGESTION_FAILED_ACCOUNT_NOT_FOUND (no account of that id, when the ' +
    'tenant setting unknownAccounts is FAIL; POST /events/replay with its id meters it once the account exists) and ' +
    'INGESTION_FAILED (the rater could not process it; POST /events/replay ' +
    'meters it again) and REVERTED (undone by POST /events/correction; it counts for nothing). The edge refuses past-grace, duplicate and uncredited events before they exist, and an event ' +
    'still in flight is not listed yet.',
});
const recordedStatusSchema = z.enum(recordedTogaiStatuses);

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

const enrichedFieldSchema = z
  .object({ name: z.string(), type: z.enum(['ATTRIBUTE', 'DIMENSION']), value: z.string() })
  .meta({ id: 'EnrichedField' });

/** Togai's EventPipelineInfo: the parts Meterline knows of an event's way through the pipeline. */
const eventPipelineInfoSchema = z
  .object({
    eventSchema: z
      .object({ name: z.string(), version: z.number().int() })
      .meta({ description: 'The schema version the event was validated against' }),
    usageMeters: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          version: z
            .number()
            .int()
            .meta({ description: 'Meterline meters are changed in place, not versioned: always 1' }),
          status: z.enum(['PROCESSED_FILTERED_OUT', 'PROCESSED_UNITS_COMPUTED']).meta({
            description:
              'Meterline lists the meters that counted the event (PROCESSED_UNITS_COMPUTED); it keeps no record of those that did not',
          }),
          units: z.number().optional().meta({
            description: 'The value the meter counted, as an exact decimal number; absent for UNIQUE_COUNT meters',
          }),
        }),
      )
      .meta({ description: 'The meters that counted the event' }),
    enrichments: z
      .object({ attributes: z.array(enrichedFieldSchema), dimensions: z.array(enrichedFieldSchema) })
      .meta({ description: "Fields the schema's enrichments computed onto the event" }),
  })
  .meta({ id: 'EventPipelineInfo' });

export const eventWithStatusSchema = z
  .object({
    referenceId: z
      .string()
      .meta({ description: 'The event id: Meterline identifies an event by its id alone (unique per tenant)' }),
    eventPayload: eventPayloadSchema,
    ingestionStatus: z
      .object({
        status: eventStatusSchema,
        statusDescription: z
          .string()
          .max(250)
          .optional()
          .meta({ description: 'Why, when the event was not metered as sent (at most 250 characters, as Togai)' }),
        field: z
          .string()
          .optional()
          .meta(extension('INGESTION_FAILED_ENRICHMENT_FAILED: the enrichment field whose formula failed')),
      })
      .meta({ id: 'IngestionStatus' }),
    createdAt: z.string().meta({ description: 'When the edge accepted the event' }),
    eventPipelineInfo: eventPipelineInfoSchema,
    schemaVersion: z.number().int().meta(extension('the version of the schema the event was validated against')),
    enrichedFields: z
      .array(enrichedFieldSchema)
      .meta(
        extension("fields the schema's enrichments computed onto the event, attributes and dimensions in one list"),
      ),
    meters: z
      .array(z.object({ meterId: z.string(), aggregation: aggregationSchema, value: decimal }))
      .meta(extension('the meters that counted the event, and the value each counted, as an exact decimal string')),
    meterFailures: z
      .array(z.object({ meterId: z.string(), reason: z.string() }))
      .optional()
      .meta(extension('meters whose formula failed on this event; the event still counts for the others')),
    acceptedAt: z.string().meta(extension('when the edge accepted the event (as createdAt)')),
    processedAt: z.string().meta(extension('when the rater recorded it')),
    corrections: correctionHistorySchema.optional(),
  })
  .meta({
    id: 'EventWithStatusAndEventPipelineInfo',
    description:
      "An event as received and what happened to it: Togai's EventWithStatusAndEventPipelineInfo, with Meterline's extensions",
  });
export type EventWithStatus = z.infer<typeof eventWithStatusSchema>;

export const getEventResponse = z
  .object({ events: z.array(eventWithStatusSchema).length(1) })
  .meta({ id: 'GetEventResponse' });
export const getEventsResponse = z
  .object({
    events: z
      .array(eventWithStatusSchema)
      .min(1)
      .meta({ description: "At least one, as Togai's model requires: a page with none is a 404 (no_events)" }),
    nextToken: z.string().optional().meta({ description: 'Present when there are more events' }),
  })
  .meta({ id: 'GetEventsResponse' });

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(512)
    .meta({ param: { name: 'id', in: 'path' }, description: 'The event id (percent-encoded)', example: 'req-0001' }),
});

// One object with its refinement: zod 4 keeps it on the object, so the route's validation runs it.
const listQuerySchema = pageQuerySchema
  .extend({
    accountId: z.string().min(1).max(512).optional(),
    schemaName: nameSchema.optional(),
    status: recordedStatusSchema
      .optional()
      .meta({ description: 'Only events with this status (a value of IngestionStatus that Meterline records)' }),
    from: instant.optional().meta(extension('events at or after this time (the event timestamp); without a zone, UTC')),
    to: instant.optional().meta(extension('events before this time; without a zone, UTC')),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && new Date(q.to).getTime() <= new Date(q.from).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });

export const replayEventsRequest = z
  .strictObject({
    eventIds: z.array(z.string().min(1).max(512)).min(1).max(1000).optional().meta({
      description: 'These INGESTION_FAILED or INGESTION_FAILED_ACCOUNT_NOT_FOUND events (others are ignored)',
    }),
    parkedMessageIds: z
      .array(z.string().regex(/^[0-9]{1,18}$/, 'must be the id of a parked message'))
      .min(1)
      .max(1000)
      .optional()
      .meta(extension('these parked messages (GET /parked_messages)')),
    limit: z.number().int().min(1).max(1000).default(100).meta({
      description:
        'Without eventIds or parkedMessageIds: the oldest INGESTION_FAILED events, and the oldest parked messages, this many of each',
    }),
  })
  .meta({ id: 'ReplayEventsRequest' });

const parkedQueueSchema = z
  .string()
  .meta({ description: 'The queue the message was parked from', example: 'meterline-ledger' });

export const replayEventsResponse = z
  .object({
    replayed: z.number().int(),
    events: z.array(z.object({ id: z.string(), status: recordedStatusSchema, reason: z.string().optional() })),
    parkedMessages: z
      .array(
        z.object({
          id: z.string(),
          queue: parkedQueueSchema,
          status: z.enum(['REPLAYED', 'PARKED']),
          reason: z.string().optional(),
        }),
      )
      .meta(extension('what became of each parked message; PARKED ones are parked again with the reason')),
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
    ...extension(
      'a queue message a consumer could not deliver after every retry (an event batch, a ledger debit or ' +
        'grant), or could not read. Parked in Postgres, never dropped; POST /events/replay sends it on.',
    ),
  });

/** Togai's /events API: what happened to each event the rater has consumed. */
export const eventRoutes = {
  get: createRoute({
    method: 'get',
    path: '/events/{id}',
    tags,
    summary: 'An event as received and its status through the pipeline',
    description:
      'An event accepted moments ago may not have reached the rater yet: it answers 404 until then (usually a second or two).',
    request: { params: idParam },
    responses: {
      200: jsonResponse(getEventResponse, 'The event and its status, as the one item of `events`'),
      ...problems(404, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/events',
    tags,
    summary: 'List events, newest first (by event timestamp, then id)',
    description:
      "Togai's GetEventsResponse requires at least one event, and Togai's client fails on an empty list; so when nothing " +
      'matches, the answer is 404 with the code no_events, which the client raises as an API error.',
    request: { query: listQuerySchema },
    responses: { 200: jsonResponse(getEventsResponse, 'A page of events'), ...problems(404, 422) },
  }),
  correct: createRoute({
    method: 'post',
    path: '/events/correction',
    tags,
    summary: 'Correct an ingested event: UNDO, REDO or REDO_EVENT',
    description:
      "Togai's event correction, synchronous: when it answers, the event's usage (every aggregation), revenue (each cycle " +
      're-priced from its usage, tiers included) and status are corrected. UNDO records the event REVERTED; a redelivery ' +
      'of it then changes nothing. A correction retried leaves the same state. An event older than the raw events kept ' +
      '(RAW_EVENT_RETENTION_DAYS) cannot be corrected: 409 raw_events_purged. Needs an admin key.',
    request: { query: correctionQuerySchema, body: jsonBody(eventCorrectionRequest) },
    responses: {
      200: jsonResponse(eventsCorrectionResponse, 'The event after the correction'),
      ...problems(400, 403, 404, 409, 422),
    },
  }),
  replay: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/events/replay',
    tags,
    summary: 'Meter INGESTION_FAILED events again, and send parked messages on (admin)',
    description:
      'Togai has no replay. INGESTION_FAILED events (dead-lettered after every delivery failed, or refused by the database) are metered again, ' +
      'each exactly once; one that fails again stays INGESTION_FAILED with the new reason. Parked messages (' +
      'GET /parked_messages) are sent on — an event batch metered, a ledger debit or grant sent to the account ledgers — ' +
      'and one that still cannot be is parked again with the new reason. Needs an admin key.',
    request: { body: jsonBody(replayEventsRequest) },
    responses: {
      200: jsonResponse(replayEventsResponse, 'What happened to each replayed event'),
      ...problems(400, 403, 422),
    },
  }),
  parked: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/parked_messages',
    tags,
    summary: 'Queue messages parked after every retry failed',
    description: 'What the queue consumers could not deliver, oldest first; POST /events/replay sends it on.',
    request: { query: pageQuerySchema },
    responses: {
      200: jsonResponse(
        pageSchema(parkedMessageSchema, 'ParkedMessagePaginatedResponse'),
        'A page of parked messages, oldest first',
      ),
      ...problems(422),
    },
  }),
};
