import { z } from 'zod';
import { extension } from '../api/extension';
import { webhookDeliveryStatusSchema } from '../webhook/webhook-delivery';

/**
 * Togai's Incident: here, one threshold crossing of one account, recorded by the transaction that
 * made it. `reportData` says what crossed and how its webhook deliveries went (attempts, last
 * answer, DEAD after the last retry), so a tenant sees every delivery attempt where it sees the alert.
 */
export const incidentDeliverySchema = z
  .object({
    endpointId: z.string(),
    status: webhookDeliveryStatusSchema,
    attempts: z.number().int(),
    lastResponseStatus: z.number().int().optional(),
    lastError: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    deliveredAt: z.string().optional(),
  })
  .meta({ id: 'WebhookDelivery', ...extension('One webhook endpoint’s delivery of an incident') });
export type IncidentDelivery = z.infer<typeof incidentDeliverySchema>;

const change = z.object({ before: z.number(), after: z.number() });

/**
 * Togai's reportData is a map of objects; Meterline's says what crossed, and how its deliveries
 * went. A USAGE_THRESHOLD incident names the meter and its `usage`; a REVENUE_THRESHOLD one the
 * currency and the cycle's `revenue`; a BALANCE_THRESHOLD one the feature, its `balance` and when
 * it fell (a balance has no cycle).
 */
export const incidentReportSchema = z.object({
  account: z.object({ id: z.string() }),
  usageMeter: z.object({ id: z.string() }).optional().meta({ description: 'USAGE_THRESHOLD: the meter' }),
  currency: z.object({ id: z.string() }).optional().meta({ description: 'REVENUE_THRESHOLD: the currency' }),
  feature: z.object({ id: z.string() }).optional().meta({ description: 'BALANCE_THRESHOLD: the feature' }),
  threshold: z.object({ index: z.number().int(), value: z.number() }),
  usage: change
    .optional()
    .meta({ description: "USAGE_THRESHOLD: the meter's usage in the cycle before and after the change" }),
  revenue: change
    .optional()
    .meta({ description: "REVENUE_THRESHOLD: the account's revenue in the cycle before and after the change" }),
  balance: change
    .optional()
    .meta({ description: "BALANCE_THRESHOLD: the feature's credit balance before and after the debit" }),
  cycle: z
    .object({ start: z.string(), end: z.string() })
    .optional()
    .meta({ description: 'USAGE_THRESHOLD, REVENUE_THRESHOLD: the billing cycle' }),
  crossedAt: z.string().optional().meta({ description: 'BALANCE_THRESHOLD: when the debit that crossed it was made' }),
  webhooks: z.object({ deliveries: z.array(incidentDeliverySchema) }),
});
export type IncidentReport = z.infer<typeof incidentReportSchema>;

export const incidentSchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    alertVersion: z.number().int(),
    alertTemplateId: z.string(),
    reportData: incidentReportSchema.optional(),
    status: z.string().meta({
      description: 'TRIGGERED when the threshold was crossed; ACKNOWLEDGED or RESOLVED as the tenant sets it',
    }),
    createdAt: z.string(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'Incident' });
export type Incident = z.infer<typeof incidentSchema>;

/** Togai's UpdateIncidentStatusRequest. The status is the tenant's bookkeeping: it changes no delivery. */
export const incidentStatusSchema = z.enum(['TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED']);
export const updateIncidentStatusRequest = z
  .strictObject({ status: incidentStatusSchema })
  .meta({ id: 'UpdateIncidentStatusRequest' });
