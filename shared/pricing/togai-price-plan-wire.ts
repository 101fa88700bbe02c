import { z } from 'zod';
import { nameSchema } from '../event-schema/event-schema';
import { decimalValueSchema } from '../event/event-wire';

/**
 * Togai's PricePlanV2Api models, as its client sends and reads them (docs/PricePlanV2.md,
 * RateCard.md, UsageRateCard.md, …). Only shapes here: what Meterline does with them is in
 * togai-price-plan.ts and togai-rate-card.ts. Optional fields may come as null (Togai's clients
 * send None as null); amounts come as JSON numbers and are read exactly (decimalValueSchema).
 */
const optional = <S extends z.ZodType>(schema: S) => schema.nullish();
const currencyList = z
  .array(z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 currency code'))
  .min(1)
  .max(20);
const stringMap = z.record(z.string(), z.string());

export const togaiPricingCycleConfig = z
  .strictObject({
    interval: z.enum(['WEEKLY', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUALLY']),
    startOffset: optional(
      z.strictObject({
        dayOffset: z.string().meta({ description: '"1"–"31", or LAST' }),
        monthOffset: optional(z.string()).meta({ description: '"1"–"12", FIRST or LAST; "1" for MONTHLY' }),
      }),
    ).meta({ id: 'PricingCycleConfigStartOffset' }),
    gracePeriod: z.number().int().min(0),
    anniversaryCycle: optional(z.boolean()),
  })
  .meta({ id: 'PricingCycleConfig' });
export type TogaiPricingCycleConfig = z.infer<typeof togaiPricingCycleConfig>;

const planFields = {
  description: optional(z.string().max(255)),
  type: z.enum(['BILLING', 'PURCHASE']).meta({ id: 'PricePlanType' }),
  pricingCycleConfig: optional(togaiPricingCycleConfig),
  supportedCurrencies: currencyList,
  deferredRevenue: optional(z.boolean()),
  allowOngoingCycleUpdates: optional(z.boolean()),
};

export const createPricePlanV2Request = z.strictObject({ name: nameSchema, ...planFields }).meta({
  id: 'CreatePricePlanV2Request',
  example: {
    name: 'api_calls',
    type: 'BILLING',
    supportedCurrencies: ['USD', 'EUR'],
    pricingCycleConfig: { interval: 'MONTHLY', gracePeriod: 3 },
  },
});
export type CreatePricePlanV2Request = z.infer<typeof createPricePlanV2Request>;

export const updatePricePlanV2Request = z
  .strictObject({
    description: planFields.description,
    pricingCycleConfig: planFields.pricingCycleConfig,
    supportedCurrencies: optional(currencyList),
  })
  .meta({ id: 'UpdatePricePlanV2Request' });
export type UpdatePricePlanV2Request = z.infer<typeof updatePricePlanV2Request>;

export const pricePlanV2Schema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    type: planFields.type,
    pricingCycleConfig: togaiPricingCycleConfig.optional(),
    supportedCurrencies: z.array(z.string()),
    deferredRevenue: z.boolean().optional(),
    allowOngoingCycleUpdates: z.boolean().optional(),
    id: z.string(),
    referenceId: z.string().meta({ description: "The plan's id" }),
    version: z.number().int(),
    status: z
      .enum(['DRAFT', 'ACTIVE'])
      .meta({ description: 'DRAFT: never finalized, or a version being edited that no account uses yet' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PricePlanV2' });
export type PricePlanV2 = z.infer<typeof pricePlanV2Schema>;

export const pricePlanV2Page = z
  .object({ data: z.array(pricePlanV2Schema), nextToken: z.string().optional() })
  .meta({ id: 'PricePlanV2PaginatedResponse' });

export const finalizePricePlanRequest = z
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
  })
  .meta({ id: 'FinalizePricePlanRequest' });

// Rate cards.
const invoiceTiming = z.enum(['IN_ADVANCE', 'IN_ARREARS', 'PREPAID']).meta({ id: 'InvoiceTiming' });
const rateCardType = z
  .enum([
    'MINIMUM_COMMITMENT',
    'BILLING_ENTITLEMENT',
    'CREDIT_GRANT',
    'ENTITLEMENT_OVERAGE',
    'FIXED_FEE',
    'LICENSE',
    'USAGE',
  ])
  .meta({ id: 'RateCardType' });
const labels = {
  displayName: optional(z.string().max(255)),
  name: optional(z.string().max(50)),
  tag: optional(z.string().max(50)),
};

export const togaiSlab = z
  .strictObject({
    order: z.number().int().min(1).max(100),
    startAfter: decimalValueSchema,
    priceType: z.enum(['FLAT', 'PER_UNIT', 'PACKAGE']).meta({ id: 'PriceType' }),
    slabConfig: optional(stringMap).meta({ description: 'PACKAGE: {"packageSize": "10"}' }),
  })
  .meta({ id: 'Slab' });

export const togaiRatePlan = z
  .strictObject({
    pricingModel: z.enum(['TIERED', 'VOLUME']).meta({ id: 'PricingModel' }),
    slabs: z.array(togaiSlab).min(1).max(50),
  })
  .meta({ id: 'RatePlan' });

export const togaiRateValue = z
  .strictObject({
    currency: z.string(),
    slabRates: z
      .array(
        z
          .strictObject({ order: z.number().int(), rate: decimalValueSchema, slabRateConfig: optional(stringMap) })
          .meta({ id: 'SlabRate' }),
      )
      .min(1)
      .max(50),
    rateConfig: optional(stringMap),
  })
  .meta({ id: 'RateValue' });

export const togaiUsageRateCard = z
  .strictObject({
    ...labels,
    usageMeterId: z.string().min(1).max(50),
    ratePlan: togaiRatePlan,
    rateValues: z.array(togaiRateValue).min(1).max(20),
  })
  .meta({ id: 'UsageRateCard' });
export type TogaiUsageRateCard = z.infer<typeof togaiUsageRateCard>;

export const togaiFixedFeeRateCard = z
  .strictObject({
    id: z.string().min(1).max(50).meta({ description: 'The add-on the fee bills' }),
    ...labels,
    invoiceTiming: optional(invoiceTiming),
    type: optional(z.enum(['ONE_TIME', 'RECURRING']).meta({ id: 'FixedFeeType' })),
    rateValues: z
      .array(z.strictObject({ currency: z.string(), rate: decimalValueSchema }).meta({ id: 'CurrencyRateValue' }))
      .min(1)
      .max(20),
    enableProration: z.boolean(),
    recurrenceConfig: optional(
      z
        .strictObject({ interval: optional(z.number().int()), offset: optional(z.number().int()) })
        .meta({ id: 'RecurrenceConfig' }),
    ),
  })
  .meta({ id: 'FixedFeeRateCard' });
export type TogaiFixedFeeRateCard = z.infer<typeof togaiFixedFeeRateCard>;

/** Togai's per-cycle feature credits: `featureCreditLimit` granted from `effectiveFrom` to `effectiveUntil`, ISO 8601 durations into the cycle. */
export const togaiFeatureConfig = z
  .strictObject({
    effectiveFrom: optional(z.string().max(50)),
    effectiveUntil: z.string().min(1).max(50),
    featureCreditLimit: decimalValueSchema,
  })
  .meta({ id: 'FeatureConfig' });

export const togaiBillingEntitlementRateCard = z
  .strictObject({
    featureId: z.string().min(1).max(50),
    featureConfigs: z.array(togaiFeatureConfig).min(1).max(20),
    ...labels,
    invoiceTiming: invoiceTiming,
    ratePlan: togaiRatePlan,
    rateValues: z.array(togaiRateValue).max(20),
    recurrenceConfig: optional(
      z.strictObject({ interval: optional(z.number().int()), offset: optional(z.number().int()) }),
    ),
  })
  .meta({ id: 'BillingEntitlementRateCard' });
export type TogaiBillingEntitlementRateCard = z.infer<typeof togaiBillingEntitlementRateCard>;

/** Meterline reads these three; the others are named so a request carrying one is refused by name. */
const unsupportedDetail = z.unknown().optional();
export const togaiRateCardDetails = z
  .strictObject({
    usageRateCard: optional(togaiUsageRateCard),
    fixedFeeRateCard: optional(togaiFixedFeeRateCard),
    billingEntitlementRateCard: optional(togaiBillingEntitlementRateCard),
    creditGrantRateCard: unsupportedDetail,
    licenseRateCard: unsupportedDetail,
    entitlementOverageRateCard: unsupportedDetail,
    minimumCommitmentRateCard: unsupportedDetail,
  })
  .meta({ id: 'RateCardDetails' });

export const togaiRateCardData = z
  .strictObject({
    billableId: z.string().min(1).max(50).meta({
      description: "USAGE: the usage meter's id; FIXED_FEE: the add-on's id; BILLING_ENTITLEMENT: the feature's id",
    }),
    type: rateCardType,
    displayName: optional(z.string().max(255)),
    invoiceTiming,
    rateCardDetails: togaiRateCardDetails,
    tag: optional(z.string().max(50)),
  })
  .meta({ id: 'RateCardData' });
export type TogaiRateCardData = z.infer<typeof togaiRateCardData>;

export const bulkRateCardOperationsRequest = z
  .strictObject({
    operations: z
      .array(
        z
          .strictObject({
            actionType: z.enum(['CREATE', 'UPDATE', 'DELETE']),
            rateCardName: z.string().min(1).max(50),
            rateCard: optional(togaiRateCardData),
          })
          .meta({ id: 'RateCardOperation' }),
      )
      .min(1)
      .max(100),
  })
  .meta({ id: 'BulkRateCardOperationsRequest' });
export type RateCardOperation = z.infer<typeof bulkRateCardOperationsRequest>['operations'][number];

/** A rate card as Togai answers it; built by togai-rate-card.ts with amounts as exact JSON numbers. */
export const togaiRateCard = z
  .object({
    billableId: z.string(),
    type: rateCardType,
    displayName: z.string(),
    invoiceTiming,
    rateCardDetails: z.object({
      usageRateCard: z.unknown().optional(),
      fixedFeeRateCard: z.unknown().optional(),
      billingEntitlementRateCard: z.unknown().optional(),
    }),
    tag: z.string().optional(),
    name: z.string(),
    referenceId: z.string().meta({ description: "The price plan's id" }),
    referenceType: z.literal('PRICE_PLAN'),
    currencies: z.array(z.string()),
    pricePlanId: z.string(),
  })
  .meta({ id: 'RateCard' });
export type TogaiRateCard = z.infer<typeof togaiRateCard>;

export const rateCardPage = z
  .object({ data: z.array(togaiRateCard), nextToken: z.string().optional() })
  .meta({ id: 'RateCardPaginatedResponse' });
export const bulkRateCardOperationsResponse = z
  .object({ rateCards: z.array(togaiRateCard) })
  .meta({ id: 'BulkRateCardOperationsResponse' });

export const validatedEntityErrorsPage = z
  .object({
    data: z.array(
      z
        .object({ referenceId: z.string(), entityId: z.string(), entityType: z.string(), errorMessage: z.string() })
        .meta({ id: 'ValidatedEntityError' }),
    ),
    nextToken: z.string().optional(),
  })
  .meta({ id: 'ValidatedEntityErrorsPaginatedResponse' });
