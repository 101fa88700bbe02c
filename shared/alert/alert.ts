import { z } from 'zod';

import { Decimal } from '../decimal/decimal';
import { nonNegativeDecimalSchema } from '../event/event-wire';
import type { CrossingDirection, Threshold } from './threshold-crossings';

/**
 * Togai's AlertsApi models (Alert, CreateAlertRequest, UpdateAlertRequest). Togai's alerts are
 * instances of a template, polled every `interval` minutes; Meterline's fire in real time, from
 * the transaction that moves the watched value (README, "Alerts and webhooks"), so `interval` is
 * kept and echoed but drives nothing. The template says what is watched:
 *
 * - `USAGE_THRESHOLD`: a meter's usage in the account's current billing cycle (as its plan bills
 *   it: the cycle of the association whose rate card prices the meter), rising through each
 *   threshold. `entityDetails.usageMeterId` names the meter.
 *
 * `ownerDetails.accountId` limits the alert to one account; without it, every account is watched.
 * `parameters.thresholds` are absolute, or a percentage of `parameters.limit`.
 */
export const ALERT_TEMPLATES = ['USAGE_THRESHOLD'] as const;
export const alertTemplateIdSchema = z.enum(ALERT_TEMPLATES);
export type AlertTemplateId = z.infer<typeof alertTemplateIdSchema>;

export const DIRECTION_OF: Record<AlertTemplateId, CrossingDirection> = { USAGE_THRESHOLD: 'UP' };

export const alertStatusSchema = z.enum(['ACTIVE', 'INACTIVE']).meta({ id: 'AlertStatus' });

const thresholdSchema = z.strictObject({
  value: nonNegativeDecimalSchema,
  type: z.enum(['ABSOLUTE', 'PERCENTAGE']).default('ABSOLUTE'),
});

export const alertParametersSchema = z
  .strictObject({
    thresholds: z.array(thresholdSchema).min(1).max(10),
    limit: nonNegativeDecimalSchema.optional().meta({ description: 'What PERCENTAGE thresholds are a percentage of' }),
  })
  .superRefine((p, ctx) => {
    p.thresholds.forEach((t, i) => {
      if (t.type === 'PERCENTAGE' && p.limit === undefined) ctx.addIssue({ code: 'custom', path: ['limit'], message: `is needed: thresholds.${i} is a PERCENTAGE` });
    });
  });
export type AlertParameters = z.infer<typeof alertParametersSchema>;

const entityDetailsSchema = z.strictObject({ usageMeterId: z.string().min(1).max(100) });
const ownerDetailsSchema = z.strictObject({ accountId: z.string().min(1).max(512) });

export const createAlertRequest = z
  .strictObject({
    alertTemplateId: alertTemplateIdSchema,
    interval: z.number().int().min(0).max(1_000_000).meta({ description: 'Echoed; Meterline detects crossings in real time' }),
    validity: z.number().int().min(1).nullable().optional().meta({ description: 'Minutes the alert stays valid; absent or null: forever' }),
    description: z.string().max(1000).optional(),
    entityDetails: entityDetailsSchema,
    ownerDetails: ownerDetailsSchema.optional().meta({ description: 'One account; absent: all accounts' }),
    parameters: alertParametersSchema,
    status: alertStatusSchema,
  })
  .meta({ id: 'CreateAlertRequest' });
export type CreateAlertRequest = z.infer<typeof createAlertRequest>;

export const updateAlertRequest = z
  .strictObject({
    description: z.string().max(1000).optional(),
    status: alertStatusSchema.optional(),
    interval: z.number().int().min(0).max(1_000_000).optional(),
    validity: z.number().int().min(1).nullable().optional(),
    parameters: alertParametersSchema.optional(),
  })
  .meta({ id: 'UpdateAlertRequest' });
export type UpdateAlertRequest = z.infer<typeof updateAlertRequest>;

export const alertSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    description: z.string().optional(),
    status: alertStatusSchema,
    validity: z.number().int().optional(),
    alertTemplateId: z.string(),
    interval: z.number().int(),
    entityDetails: z.record(z.string(), z.unknown()).optional(),
    ownerDetails: z.record(z.string(), z.unknown()).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    createdAt: z.string(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof alertSchema>;

/** The thresholds as absolute decimals, in the order given: what crossings are detected against. */
export function absoluteThresholds(parameters: AlertParameters): Threshold[] {
  return parameters.thresholds.map((t, index) => ({
    index,
    value: t.type === 'ABSOLUTE' ? t.value : new Decimal(parameters.limit ?? 0).times(t.value).div(100).toFixed(),
  }));
}

