import { z } from 'zod';
import { extension } from '../api/extension';

/**
 * One message's delivery to one endpoint, as the endpoint's delivery log lists it. `messageId` is
 * the webhook-id the receiver dedupes on: the incident's id for `alert.threshold_crossed`, the
 * notice's for `endpoint.disabled`. PENDING until a 2xx (DELIVERED) or the last retry (DEAD); HELD
 * while the endpoint is DISABLED.
 */
export const webhookDeliveryStatusSchema = z.enum(['PENDING', 'HELD', 'DELIVERED', 'DEAD']);

export const webhookDeliveryLogEntrySchema = z
  .object({
    messageId: z.string(),
    eventType: z.string().meta({ description: 'alert.threshold_crossed or endpoint.disabled' }),
    status: webhookDeliveryStatusSchema,
    attempts: z.number().int(),
    lastResponseStatus: z.number().int().optional(),
    lastError: z.string().optional(),
    nextAttemptAt: z.string().optional().meta({ description: 'While PENDING' }),
    deliveredAt: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookDeliveryLogEntry', ...extension('One message’s delivery to this endpoint') });
export type WebhookDeliveryLogEntry = z.infer<typeof webhookDeliveryLogEntrySchema>;
