import { z } from 'zod';
import { nameSchema } from '../event-schema/event-schema';
import { nonNegativeDecimalSchema } from '../event/event-wire';
import { currencySchema } from './currency';
import { extension } from '../api/extension';
import { rateCardLabels, usageRateCardSchema } from './rate-card';

/**
 * A price plan (Togai's PricePlan, docs/design.md §9): a currency, a pricing cycle, usage rate cards and
 * fixed fees per cycle. DRAFT plans change freely; an ACTIVE plan's rates change only by a new
 * version (PATCH publishes it): accounts keep the version they were associated with, new
 * associations take the latest. ARCHIVED plans take no new associations.
 */
export const cycleIntervals = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUALLY'] as const;
export const intervalMonths: Record<(typeof cycleIntervals)[number], number> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  HALF_YEARLY: 6,
  ANNUALLY: 12,
};

export const pricingCycleSchema = z
  .strictObject({
    interval: z.enum(cycleIntervals),
    startOffset: z
      .strictObject({
        dayOffset: z.union([z.number().int().min(1).max(31), z.literal('LAST')]).default(1),
        monthOffset: z
          .number()
          .int()
          .min(1)
          .max(12)
          .default(1)
          .meta({ description: 'The month (1-12) a cycle starts in, modulo the interval' }),
      })
      .default({ dayOffset: 1, monthOffset: 1 })
      .meta({
        description: 'Cycles start at 00:00 UTC on dayOffset (LAST: the last day) of the months the offset selects',
      }),
    anniversaryCycle: z
      .boolean()
      .default(false)
      .meta({ description: "Cycles start on the day of each account's association instead" }),
    gracePeriod: z.number().int().min(0).max(60).default(0).meta({
      description: 'Days after a cycle ends during which late events still count in it (the statement stays open)',
    }),
  })
  .meta({ id: 'PricingCycle' });
export type PricingCycle = z.infer<typeof pricingCycleSchema>;

export const fixedFeeSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    amount: nonNegativeDecimalSchema,
    currencyAmounts: z
      .record(currencySchema, nonNegativeDecimalSchema)
      .optional()
      .meta(extension("The fee in each of the plan's other supportedCurrencies (`amount` is in `currency`)")),
    addOnId: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .meta(extension("Togai's add-on id the fee bills (FixedFeeRateCard.id)")),
    displayName: rateCardLabels().displayName,
    tag: rateCardLabels().tag,
  })
  .meta({ id: 'FixedFee' });

export const creditGrantRateCardSchema = z
  .strictObject({
    featureId: z.string().min(1).max(50),
    granted: nonNegativeDecimalSchema,
  })
  .meta({
    id: 'PlanCreditGrant',
    description: 'Feature credits granted to each account at the start of each cycle, expiring at its end',
  });

const usageRateCards = z.array(usageRateCardSchema).max(50);
const fixedFees = z.array(fixedFeeSchema).max(20);
const entitlementRateCards = z.array(creditGrantRateCardSchema).max(20);

export const pricePlanDefinitionSchema = z.strictObject({
  currency: currencySchema,
  supportedCurrencies: z
    .array(currencySchema)
    .min(1)
    .max(20)
    .optional()
    .meta(
      extension(
        'Every currency the plan prices in, `currency` first (absent: `currency` alone). An account is rated in its ' +
          'invoiceCurrency when the plan supports it, else in `currency`, fixed when the plan is associated; each slab and fee has a rate in every one',
      ),
    ),
  pricingCycle: pricingCycleSchema,
  usageRateCards: usageRateCards.default([]),
  fixedFees: fixedFees.default([]),
  entitlementRateCards: entitlementRateCards.default([]),
});
export type PricePlanDefinition = z.infer<typeof pricePlanDefinitionSchema>;

export const createPricePlanRequest = pricePlanDefinitionSchema
  .extend({ name: nameSchema, description: z.string().max(255).optional() })
  .meta({
    id: 'CreatePricePlanRequest',
    example: {
      name: 'card_payments',
      currency: 'USD',
      pricingCycle: { interval: 'MONTHLY' },
      usageRateCards: [
        { usageMeterId: 'um.amount', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.029' }] },
        { usageMeterId: 'um.count', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.30' }] },
      ],
    },
  });
export type CreatePricePlanRequest = z.infer<typeof createPricePlanRequest>;

/**
 * PATCH: the fields given replace the current ones. Written out rather than `.partial()`, which
 * would keep the definition's defaults and read an absent `usageRateCards` as "no rate cards".
 */
export const updatePricePlanRequest = z
  .strictObject({
    name: nameSchema.optional(),
    description: z.string().max(255).optional(),
    currency: currencySchema.optional(),
    supportedCurrencies: z
      .array(currencySchema)
      .min(1)
      .max(20)
      .optional()
      .meta(extension('As in CreatePricePlanRequest')),
    pricingCycle: pricingCycleSchema.optional(),
    usageRateCards: usageRateCards.optional(),
    fixedFees: fixedFees.optional(),
    entitlementRateCards: entitlementRateCards.optional(),
  })
  .meta({ id: 'UpdatePricePlanRequest' });
export type UpdatePricePlanRequest = z.infer<typeof updatePricePlanRequest>;

export const pricePlanStatuses = ['DRAFT', 'ACTIVE', 'ARCHIVED'] as const;

export const pricePlanSchema = pricePlanDefinitionSchema
  .extend({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    status: z.enum(pricePlanStatuses),
    version: z.number().int().meta({
      description:
        'The version shown: the latest unless `?version` asked for an earlier one. ACTIVE plans gain one per change of rates',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PricePlan' });
export type PricePlan = z.infer<typeof pricePlanSchema>;

/** An account's plan over a period (Togai's pricing schedule): the version is fixed when associated. */
export const planAssociationSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    pricePlanId: z.string(),
    pricePlanVersion: z.number().int(),
    effectiveFrom: z.string(),
    effectiveUntil: z.string().optional(),
  })
  .meta({ id: 'PlanAssociation' });
export type PlanAssociation = z.infer<typeof planAssociationSchema>;
