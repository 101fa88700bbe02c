import { z } from 'zod';
import { extension } from '../api/extension';

/**
 * A tenant's webhook endpoint (Meterline's own: Togai configures webhooks in its console only).
 * Each incident (a threshold crossing) is delivered to every ACTIVE endpoint, signed with the
 * endpoint's secret per Standard Webhooks; the secret is answered once, at creation. An endpoint
 * whose every attempt has failed for five days is DISABLED (shared/webhook/endpoint-health.ts):
 * its deliveries are HELD until POST /webhooks/{id}/enable.
 */
export const createWebhookEndpointRequest = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .max(2000)
      .meta({ description: 'Where deliveries are POSTed; https in production' }),
    description: z.string().max(1000).optional(),
  })
  .meta({ id: 'CreateWebhookEndpointRequest', ...extension() });
export type CreateWebhookEndpointRequest = z.infer<typeof createWebhookEndpointRequest>;

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().optional(),
    status: z.enum(['ACTIVE', 'DISABLED']).meta({
      description: 'DISABLED once every attempt has failed for five days: nothing is attempted until it is enabled',
    }),
    failingSince: z
      .string()
      .optional()
      .meta({ description: 'The first failed attempt since the last success, while attempts are failing' }),
    disabledAt: z.string().optional(),
    disabledReason: z.string().optional(),
    createdAt: z.string(),
    previousSecretExpiresAt: z
      .string()
      .optional()
      .meta({ description: 'After a rotation: until then deliveries are signed with the previous secret too' }),
  })
  .meta({ id: 'WebhookEndpoint', ...extension() });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const createdWebhookEndpointSchema = webhookEndpointSchema
  .extend({ secret: z.string().meta({ description: 'whsec_…: shown this once; verify webhook-signature with it' }) })
  .meta({ id: 'CreatedWebhookEndpoint', ...extension() });

/** A day: long enough to roll the new secret out to every receiver, short enough that a leaked one soon stops working. */
export const DEFAULT_ROTATION_OVERLAP_MINUTES = 1440;

/**
 * POST /webhooks/{id}/rotate_secret: a new secret now; the previous one keeps signing beside it for
 * `overlapMinutes` (0: it stops at once), then only the new one signs.
 */
export const rotateWebhookSecretQuery = z.object({
  overlapMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 1440)
    .default(DEFAULT_ROTATION_OVERLAP_MINUTES)
    .meta({ description: 'Minutes the previous secret still signs beside the new one (0 to 10080, default 1440)' }),
});

/** What a delivery's body holds: the Standard Webhooks envelope around the incident. */
export const WEBHOOK_EVENT_TYPE = 'alert.threshold_crossed';
