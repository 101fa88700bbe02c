import { z } from 'zod';
import { Decimal } from '../decimal/decimal';
import { extension } from '../api/extension';
import { nonNegativeDecimalSchema } from '../event/event-wire';
import { currencySchema } from './currency';

/**
 * A usage rate card (Togai's RateCard / RateConfigUsage / SlabUsage): how a usage meter's total
 * in a billing cycle is priced. Slabs start after `startAfter` units (the first after 0):
 * - TIERED (graduated): each slab prices the units inside it;
 * - VOLUME: the slab the total reaches prices all of it;
 * - PACKAGE: every started package of `packageSize` units costs `rate` (one slab).
 * A PER_UNIT slab charges `rate` per unit, a FLAT slab `rate` once when usage reaches it.
 */
export const pricingModels = ['TIERED', 'VOLUME', 'PACKAGE'] as const;
export const priceTypes = ['PER_UNIT', 'FLAT'] as const;

/**
 * What Togai's v2 rate cards carry beside their prices: a `name` unique in the plan (the card's
 * handle in bulk operations), a `displayName` and a grouping `tag`. Labels only; nothing rates by them.
 */
export function rateCardLabels() {
  return {
    name: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .meta(extension("The rate card's name, unique in the plan (Togai's v2 rate card name)")),
    displayName: z.string().max(255).optional().meta(extension('How the rate card is shown')),
    tag: z.string().max(50).optional().meta(extension('A tag grouping rate cards')),
  };
}

export const slabSchema = z
  .strictObject({
    startAfter: nonNegativeDecimalSchema.meta({ description: 'The slab prices usage above this many units' }),
    rate: nonNegativeDecimalSchema.meta({
      description: 'Price per unit (PER_UNIT) or for the slab (FLAT), in the plan currency',
    }),
    priceType: z.enum(priceTypes).default('PER_UNIT'),
    currencyRates: z
      .record(currencySchema, nonNegativeDecimalSchema)
      .optional()
      .meta(extension("The slab's rate in each of the plan's other supportedCurrencies (`rate` is in `currency`)")),
  })
  .meta({ id: 'SlabUsage' });
export type Slab = z.infer<typeof slabSchema>;

export const usageRateCardSchema = z
  .strictObject({
    usageMeterId: z.string().min(1).max(50),
    pricingModel: z.enum(pricingModels),
    slabs: z.array(slabSchema).min(1).max(50),
    packageSize: nonNegativeDecimalSchema.optional().meta({ description: 'PACKAGE only: units per package' }),
    ...rateCardLabels(),
  })
  .superRefine((card, ctx) => {
    card.slabs.forEach((slab, i) => {
      const previous = card.slabs[i - 1];
      if (i === 0 && !new Decimal(slab.startAfter).isZero()) {
        ctx.addIssue({
          code: 'custom',
          path: ['slabs', 0, 'startAfter'],
          message: 'the first slab must start after 0',
        });
      }
      if (previous && !new Decimal(slab.startAfter).gt(previous.startAfter)) {
        ctx.addIssue({
          code: 'custom',
          path: ['slabs', i, 'startAfter'],
          message: "must be greater than the previous slab's",
        });
      }
    });
    if (card.pricingModel === 'PACKAGE') {
      if (card.slabs.length !== 1) {
        ctx.addIssue({ code: 'custom', path: ['slabs'], message: 'a PACKAGE rate card has exactly one slab' });
      }
      if (card.packageSize === undefined || !new Decimal(card.packageSize).gt(0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['packageSize'],
          message: 'a PACKAGE rate card needs a packageSize above 0',
        });
      }
    } else if (card.packageSize !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['packageSize'], message: 'only PACKAGE rate cards have a packageSize' });
    }
  })
  .meta({ id: 'PlanUsageRateCard' });
export type UsageRateCard = z.infer<typeof usageRateCardSchema>;
