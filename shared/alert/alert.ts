import { z } from 'zod';

import { Decimal } from '../decimal/decimal';
import { nonNegativeDecimalSchema } from '../event/event-wire';
import { featureIdSchema } from '../entitlement/feature';
import { currencySchema } from '../pricing/currency';
import type { CrossingDirection, Threshold } from './threshold-crossings';

/**
 * Togai's AlertsApi models (Alert, CreateAlertRequest, UpdateAlertRequest). Togai's alerts are
 * instances of a template, polled every `interval` minutes; Meterline's fire in real time, from
 * the transaction that moves the watched value (README, "Alerts and webhooks"), so `interval` is
 * kept and echoed but drives nothing. The template says what is watched:
 *
 * - `USAGE_THRESHOLD`: a meter's usage in the account's current billing cycle (as its plan bills
 *   it: the cycle of the association whose rate card prices the meter), rising through each
 *   threshold. `entityDetails.usageMeter.id` names the meter.
 * - `REVENUE_THRESHOLD`: the account's rated revenue in its current billing cycle, all meters
 *   together, in one currency (amounts in different currencies never add up), rising through each
 *   threshold. `entityDetails.currency.id` names the currency (ISO 4217).
 * - `BALANCE_THRESHOLD`: the account's credit balance of a feature (what is left of its live credits,
 *   less unsettled overage: the `balance` of GET /accounts/{id}/credits), FALLING through each
 *   threshold; a refund or a grant that lifts it back above re-arms the threshold.
 *   `entityDetails.feature.id` names the feature. Detected by the AccountLedger, in the transaction
 *   of the debit (shared/alert/balance-crossings.ts).
 *
 * `ownerDetails.account.id` limits the alert to one account; without it, every account is watched.
 * `parameters.threshold.values` are absolute, or (`type: PERCENTAGE`) percentages of its `limit`, made
 * absolute when the alert is saved. For a balance, `limit` is the caller's figure (typically the
 * credits a plan grants per cycle): 20 PERCENTAGE of limit 500 fires when the balance falls to 100.
 * It is not the live grant total, which changes with every grant and expiry and would make a
 * threshold move under a balance that did not.
 */
export const ALERT_TEMPLATES = ['USAGE_THRESHOLD', 'REVENUE_THRESHOLD', 'BALANCE_THRESHOLD'] as const;
export const alertTemplateIdSchema = z.enum(ALERT_TEMPLATES);
export type AlertTemplateId = z.infer<typeof alertTemplateIdSchema>;

export const DIRECTION_OF: Record<AlertTemplateId, CrossingDirection> = {
  USAGE_THRESHOLD: 'UP',
  REVENUE_THRESHOLD: 'UP',
  BALANCE_THRESHOLD: 'DOWN',
};

/** What each template's `entityDetails` must name: the key it is under (and the subject an alert row keeps). */
export const ENTITY_OF: Record<AlertTemplateId, 'usageMeter' | 'currency' | 'feature'> = {
  USAGE_THRESHOLD: 'usageMeter',
  REVENUE_THRESHOLD: 'currency',
  BALANCE_THRESHOLD: 'feature',
};

export const alertStatusSchema = z.enum(['ACTIVE', 'INACTIVE']).meta({ id: 'AlertStatus' });

/** Togai's details are maps of objects: `{ threshold: { … } }`, `{ usageMeter: { id } }`, `{ account: { id } }`. */
export const alertParametersSchema = z.strictObject({
  threshold: z
    .strictObject({
      type: z.enum(['ABSOLUTE', 'PERCENTAGE']).default('ABSOLUTE'),
      values: z.array(nonNegativeDecimalSchema).min(1).max(10),
      limit: nonNegativeDecimalSchema.optional().meta({ description: 'What PERCENTAGE values are a percentage of' }),
    })
    .superRefine((t, ctx) => {
      if (t.type === 'PERCENTAGE' && t.limit === undefined) {
        ctx.addIssue({ code: 'custom', path: ['limit'], message: 'is needed when type is PERCENTAGE' });
      }
    }),
});
export type AlertParameters = z.infer<typeof alertParametersSchema>;

const entityDetailsSchema = z.strictObject({
  usageMeter: z
    .strictObject({ id: z.string().min(1).max(100) })
    .optional()
    .meta({ description: 'USAGE_THRESHOLD: the meter watched' }),
  currency: z
    .strictObject({ id: currencySchema })
    .optional()
    .meta({ description: 'REVENUE_THRESHOLD: the currency of the revenue watched' }),
  feature: z
    .strictObject({ id: featureIdSchema })
    .optional()
    .meta({ description: 'BALANCE_THRESHOLD: the feature whose credit balance is watched' }),
});
export type EntityDetails = z.infer<typeof entityDetailsSchema>;

/** The id the template's entity names (a meter's id, a currency code): the alert's subject. */
export function alertSubject(templateId: AlertTemplateId, details: EntityDetails): string | undefined {
  return details[ENTITY_OF[templateId]]?.id;
}

const ownerDetailsSchema = z.strictObject({ account: z.strictObject({ id: z.string().min(1).max(512) }) });

export const createAlertRequest = z
  .strictObject({
    alertTemplateId: alertTemplateIdSchema,
    interval: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .meta({ description: 'Echoed; Meterline detects crossings in real time' }),
    validity: z
      .number()
      .int()
      .min(1)
      .nullable()
      .optional()
      .meta({ description: 'Minutes the alert stays valid; absent or null: forever' }),
    description: z.string().max(1000).optional(),
    entityDetails: entityDetailsSchema,
    ownerDetails: ownerDetailsSchema.optional().meta({ description: 'One account; absent: all accounts' }),
    parameters: alertParametersSchema,
    status: alertStatusSchema,
  })
  .superRefine((request, ctx) => {
    // Each template watches one kind of entity: it is named, and no other is.
    const wanted = ENTITY_OF[request.alertTemplateId];
    if (request.entityDetails[wanted] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['entityDetails', wanted],
        message: `is needed for ${request.alertTemplateId}`,
      });
    }
    for (const key of Object.keys(request.entityDetails)) {
      if (key !== wanted) {
        ctx.addIssue({
          code: 'custom',
          path: ['entityDetails', key],
          message: `is not an entity of ${request.alertTemplateId}`,
        });
      }
    }
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
export function absoluteThresholds({ threshold }: AlertParameters): Threshold[] {
  return threshold.values.map((value, index) => ({
    index,
    value: threshold.type === 'ABSOLUTE' ? value : new Decimal(threshold.limit ?? 0).times(value).div(100).toFixed(),
  }));
}
