import { z } from 'zod';
import { extension } from '../api/extension';
import { scheduleModes, type ScheduleChange } from './schedule-change';

/**
 * Togai's pricing schedules (AccountsApi: update_pricing_schedule, get_pricing_schedules,
 * update_pricing_schedule_batch): an account's plan over a period. Meterline keeps them as plan
 * associations (price-plan.ts); these are their wire shapes.
 *
 * Dates: Togai sends `effectiveFrom`/`effectiveUntil` as dates (YYYY-MM-DD). Meterline reads a
 * date as 00:00 UTC that day: the plan is in force from effectiveFrom's midnight up to, not
 * including, effectiveUntil's — so 2026-07-01..2026-08-01 is all of July. An effectiveUntil of
 * 9999-01-01 or later (Togai's "forever", which it answers as endDate 9999-01-01T00:00:00Z) or
 * none leaves it open. An instant with a zone is accepted too (a Meterline extension).
 */
export const OPEN_END_ISO = '9999-01-01T00:00:00Z';
export const OPEN_END = Date.parse(OPEN_END_ISO);

const scheduleDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with a zone',
  })
  .transform((value) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));

/** What Meterline cannot honour yet: refused by name rather than ignored (overrides would change prices). */
const unsupported = (what: string) =>
  z
    .unknown()
    .optional()
    .meta({ description: `Not supported by Meterline: ${what}; a request that sets it is refused (422)` });

export const updatePricingScheduleRequest = z
  .strictObject({
    mode: z
      .enum(scheduleModes)
      .nullish()
      .meta({ description: 'ASSOCIATE (the default): the plan is in force over the period. DISASSOCIATE: no plan is' }),
    pricePlanId: z
      .string()
      .min(1)
      .max(50)
      .nullish()
      .meta({ description: 'The ACTIVE plan to associate (its latest version is pinned); ASSOCIATE only' }),
    effectiveFrom: scheduleDate.meta({
      description:
        'A date: from 00:00 UTC that day. May be in the past: usage metered since then is rated once the plan is associated',
    }),
    effectiveUntil: scheduleDate.nullish().meta({
      description:
        'A date: up to, not including, 00:00 UTC that day; 9999-01-01 or later is open-ended. Togai requires it; Meterline reads its absence as open-ended (extension)',
    }),
    pricePlanDetailsOverride: unsupported('per-account plan overrides'),
    pricingRulesOverride: unsupported('pricing rules'),
    retainStartOffsets: unsupported('retaining the previous plan’s cycle (false is accepted)'),
    preActions: unsupported('pre-actions (an empty list is accepted)'),
  })
  .superRefine((request, ctx) => {
    const set = (value: unknown) =>
      value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0);
    for (const field of [
      'pricePlanDetailsOverride',
      'pricingRulesOverride',
      'retainStartOffsets',
      'preActions',
    ] as const) {
      if (set(request[field])) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'is not supported by Meterline' });
      }
    }
    const mode = request.mode ?? 'ASSOCIATE';
    if (mode === 'ASSOCIATE' && !request.pricePlanId) {
      ctx.addIssue({ code: 'custom', path: ['pricePlanId'], message: 'is required to ASSOCIATE' });
    }
    if (mode === 'DISASSOCIATE' && request.pricePlanId) {
      ctx.addIssue({ code: 'custom', path: ['pricePlanId'], message: 'must not be given to DISASSOCIATE' });
    }
    const until = request.effectiveUntil;
    if (until !== undefined && until !== null && until <= request.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveUntil'], message: 'must be after effectiveFrom' });
    }
  })
  .meta({ id: 'UpdatePricingScheduleRequest' });
export type UpdatePricingScheduleRequest = z.infer<typeof updatePricingScheduleRequest>;

export const editPricingScheduleRequest = z
  .strictObject({ edits: z.array(updatePricingScheduleRequest).min(1).max(20) })
  .meta({ id: 'EditPricingScheduleRequest' });

/** The request as a change of the account's schedule, in epoch milliseconds. */
export function toScheduleChange(request: UpdatePricingScheduleRequest): ScheduleChange {
  const until = request.effectiveUntil ?? null;
  return {
    mode: request.mode ?? 'ASSOCIATE',
    from: request.effectiveFrom,
    until: until === null || until >= OPEN_END ? null : until,
  };
}

/** An instant as Togai writes it: whole seconds without a fraction. */
export function togaiInstant(iso: string | undefined): string {
  if (iso === undefined) {
    return OPEN_END_ISO;
  }
  return new Date(iso).toISOString().replace('.000Z', 'Z');
}

export const planOverrideSchema = z
  .object({
    id: z.string(),
    pricePlanId: z.string(),
    pricePlanName: z.string(),
    startDate: z.string().meta({ description: 'From this instant (00:00 UTC of effectiveFrom)' }),
    endDate: z
      .string()
      .meta({ description: 'Up to, not including, this instant; 9999-01-01T00:00:00Z when open-ended' }),
    pricePlanVersion: z.number().int().meta(extension('The plan version pinned when associated')),
  })
  .meta({ id: 'PlanOverride' });
export type PlanOverride = z.infer<typeof planOverrideSchema>;

export const updatePricingScheduleResponse = z
  .object({
    accountId: z.string(),
    accountName: z.string().meta({
      description:
        "The account's name; its id when no account was created for it (Meterline meters and rates such ids too)",
    }),
    pricingSchedules: z
      .array(planOverrideSchema)
      .meta({ description: "The account's schedules after the change, oldest first" }),
  })
  .meta({ id: 'UpdatePricingScheduleResponse' });
export type UpdatePricingScheduleResponse = z.infer<typeof updatePricingScheduleResponse>;

export const pricingScheduleSchema = z
  .object({
    id: z.string(),
    pricePlanId: z.string(),
    pricePlanName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    version: z.number().int().meta({ description: 'The plan version the schedule pinned' }),
    isOverriden: z.boolean().meta({ description: 'Always false: Meterline has no per-account overrides' }),
    pricePlanInfo: z
      .object({ name: z.string(), description: z.string().optional() })
      .optional()
      .meta({ description: 'With includePricePlanInfo=true' }),
  })
  .meta({ id: 'PricingScheduleWithPricePlanId' });
export type PricingSchedule = z.infer<typeof pricingScheduleSchema>;
