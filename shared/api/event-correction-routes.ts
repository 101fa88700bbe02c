import { z } from 'zod';
import { eventSchema } from '../event/event-wire';
import { extension } from './extension';

/** Togai's correction actions (EventManagementApi.event_correction). */
export const correctionActions = ['UNDO', 'REDO', 'REDO_EVENT'] as const;
export const correctionActionSchema = z.enum(correctionActions);
export type CorrectionAction = z.infer<typeof correctionActionSchema>;

export const correctionQuerySchema = z.object({
  action: correctionActionSchema.meta({
    param: { name: 'action', in: 'query' },
    description:
      'UNDO removes all usage, revenue and credits the event caused and records it REVERTED; REDO undoes it and meters the same ' +
      "event again; REDO_EVENT undoes it and meters the request's payload under the same id",
  }),
  requireConfirmation: z
    .enum(['true', 'false'])
    .optional()
    .meta({
      param: { name: 'requireConfirmation', in: 'query' },
      description: 'Meterline corrects synchronously: only false (or absent) is accepted',
    }),
});

/**
 * Togai's EventCorrectionRequest: the event to correct, named by its id. For REDO_EVENT the rest
 * of the payload is what replaces it; for UNDO and REDO only the id is read.
 */
export const eventCorrectionRequest = z
  .strictObject({
    event: eventSchema.superRefine((event, ctx) => {
      if (event.id === undefined) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: 'is required: it names the event to correct' });
      }
    }),
  })
  .meta({ id: 'EventCorrectionRequest', description: "Event Correction Payload for event correction (Togai's model)" });

const correctionRecordSchema = z
  .object({
    action: correctionActionSchema,
    at: z.string().meta({ description: 'When the correction was made' }),
    from: z.string().meta({ description: "The event's status (Meterline's name) before it" }),
  })
  .meta({ id: 'EventCorrectionRecord', ...extension('one correction made to an event') });
export const correctionHistorySchema = z
  .array(correctionRecordSchema)
  .meta(extension('the corrections made to the event (POST /events/correction), oldest first'));

/** Togai's EventCorrectionInfo: the event after the correction. */
export const eventCorrectionInfoSchema = z
  .object({
    referenceId: z.string(),
    eventPayload: z.object({
      id: z.string(),
      schemaName: z.string(),
      timestamp: z.string(),
      accountId: z.string(),
      attributes: z.array(z.object({ name: z.string(), value: z.string(), unit: z.string().optional() })),
      dimensions: z.record(z.string(), z.string()),
    }),
    ingestionStatus: z.object({ status: z.string(), statusDescription: z.string().optional() }),
    createdAt: z.string(),
    status: z.enum(['REVERTED', 'REVERTED_AND_REINGESTED', 'FAILED']).meta({
      description:
        "Togai's values: REVERTED after an UNDO (also when the event was REVERTED already: `reason` says nothing changed), REVERTED_AND_REINGESTED after a REDO or REDO_EVENT. Meterline corrects synchronously: a correction that fails answers with a problem, not FAILED",
    }),
    reason: z
      .string()
      .meta({ description: 'What the correction did: the status before and after, or that nothing changed' }),
  })
  .meta({ id: 'EventCorrectionInfo' });

export const eventsCorrectionResponse = z
  .object({ data: z.array(eventCorrectionInfoSchema) })
  .meta({ id: 'EventsCorrectionResponse' });
export type EventsCorrectionResponse = z.infer<typeof eventsCorrectionResponse>;
