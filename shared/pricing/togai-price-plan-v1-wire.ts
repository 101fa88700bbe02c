import { z } from 'zod';
import { nameSchema } from '../event-schema/event-schema';
import { togaiFixedFeeRateCard, togaiPricingCycleConfig, togaiUsageRateCard } from './togai-price-plan-wire';

/**
 * Togai's deprecated PricePlansApi models (docs/PricePlan.md, CreatePricePlanRequest.md,
 * PricePlanDetails.md, PricingSchedule.md, …): the rate cards travel inside `pricePlanDetails`.
 * Meterline's /price_plans takes these, or its own shape, and answers both in one body.
 */
const optional = <S extends z.ZodType>(schema: S) => schema.nullish();
const notSupported = z.unknown().optional();

const details = {
  pricingCycleConfig: optional(togaiPricingCycleConfig),
  usageRateCards: optional(z.array(togaiUsageRateCard).max(50)),
  fixedFeeRateCards: optional(z.array(togaiFixedFeeRateCard).max(20)),
  licenseRateCards: notSupported,
  billingEntitlementRateCards: notSupported,
  entitlementOverageRateCards: notSupported,
  creditGrantRateCards: notSupported,
  minimumCommitment: notSupported,
  deferredRevenue: optional(z.boolean()),
  allowOngoingCycleUpdates: optional(z.boolean()),
};

export const togaiCreatePricePlanDetails = z
  .strictObject({ ...details, supportedCurrencies: z.array(z.string()).min(1).max(20) })
  .meta({ id: 'CreatePricePlanDetails' });

export const togaiCreatePricePlanRequest = z
  .strictObject({
    name: nameSchema,
    description: optional(z.string().max(255)),
    type: optional(z.enum(['BILLING', 'PURCHASE'])),
    pricePlanDetails: togaiCreatePricePlanDetails,
    pricingRules: notSupported,
  })
  .meta({ id: 'TogaiCreatePricePlanRequest', description: "Togai's CreatePricePlanRequest" });
export type TogaiCreatePricePlanRequest = z.infer<typeof togaiCreatePricePlanRequest>;

export const togaiUpdatePricePlanRequest = z
  .strictObject({
    migrationMode: optional(
      z.enum([
        'IMMEDIATE',
        'IMMEDIATE_IGNORE_OVERRIDE',
        'NEXT_CYCLE',
        'NEXT_CYCLE_IGNORE_OVERRIDE',
        'NONE',
        'START_OF_CURRENT_CYCLE',
      ]),
    ),
    versionsToMigrate: optional(z.enum(['LATEST_VERSION', 'ALL_VERSION'])),
    description: optional(z.string().max(255)),
    pricePlanDetails: optional(
      z
        .strictObject({ ...details, supportedCurrencies: optional(z.array(z.string()).min(1).max(20)) })
        .meta({ id: 'CreatePricePlanDetailsOverride' }),
    ),
    pricingRules: notSupported,
  })
  .meta({ id: 'TogaiUpdatePricePlanRequest', description: "Togai's UpdatePricePlanRequest" });
export type TogaiUpdatePricePlanRequest = z.infer<typeof togaiUpdatePricePlanRequest>;

export const activatePricePlanRequest = z.strictObject({ currencies: z.array(z.string().min(1)).min(1) }).meta({
  id: 'ActivatePricePlanRequest',
  description: 'Meterline activates every supported currency at once: `currencies` must list them all',
});

export const togaiPricePlanDetails = z
  .object({
    supportedCurrencies: z.array(z.string()),
    activeCurrencies: z
      .array(z.string())
      .meta({ description: 'Every supported currency once the plan is ACTIVE; none while DRAFT' }),
    pricingCycleConfig: togaiPricingCycleConfig,
    usageRateCards: z.array(z.unknown()),
    fixedFeeRateCards: z.array(z.unknown()),
    type: z.literal('BILLING'),
    deferredRevenue: z.boolean(),
  })
  .meta({ id: 'PricePlanDetails' });

export const pricingScheduleSchema = z
  .object({
    id: z.string(),
    pricePlanDetails: togaiPricePlanDetails,
    startDate: z.string().meta({ description: 'When this version was published (or created, for a DRAFT)' }),
    endDate: z
      .string()
      .meta({ description: 'When the next version was published; 9999-12-31T23:59:59Z while it is the latest' }),
    version: z.number().int(),
    isOverriden: z.boolean(),
  })
  .meta({ id: 'PricingSchedule' });
