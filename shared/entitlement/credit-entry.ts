import { z } from 'zod';
import { nonNegativeDecimalSchema } from '../event/event-wire';

/**
 * Credits granted to an account for one feature (Togai's FeatureCreditEntry): `granted` units,
 * live from `effectiveFrom` (inclusive) until `effectiveUntil` (exclusive; absent: never
 * expires). `used` is what events consumed from it. A VOIDED entry grants nothing from then on;
 * what was consumed from it stays consumed. Quantities are exact decimal strings.
 */
export interface CreditEntry {
  id: string;
  featureId: string;
  source: string;
  status: 'ACTIVE' | 'VOIDED';
  granted: string;
  used: string;
  /** Milliseconds since the epoch. */
  effectiveFrom: number;
  effectiveUntil: number | null;
  createdAt: number;
}

/** An account's standing for one feature beyond its entries: the overage it may run into. */
export interface FeatureAccount {
  /** How far below zero the balance may go; null: not at all. */
  overageLimit: string | null;
  /** Overage consumed and not yet settled by a later grant. */
  usedOverage: string;
}

export const NO_OVERAGE: FeatureAccount = { overageLimit: null, usedOverage: '0' };

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z' });

export const entryIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:#$@-]+$/, 'may hold letters, digits and . _ : # $ @ - only');

export const grantCreditsRequest = z
  .strictObject({
    id: entryIdSchema.optional().meta({
      description: 'Your id for the entry; sending the same id again is safe (200 with the entry). Generated when absent.',
    }),
    granted: nonNegativeDecimalSchema.meta({ description: 'Units granted, as a decimal string' }),
    effectiveFrom: instant.optional().meta({ description: 'Default: now' }),
    effectiveUntil: instant.optional().meta({ description: 'Exclusive; absent: the credits never expire' }),
    source: z.string().min(1).max(100).default('API').meta({ description: 'Where the credits come from, e.g. PURCHASE, PROMOTION' }),
  })
  .refine((r) => !r.effectiveFrom || !r.effectiveUntil || Date.parse(r.effectiveFrom) < Date.parse(r.effectiveUntil), {
    path: ['effectiveUntil'],
    message: 'must be after effectiveFrom',
  })
  .meta({ id: 'GrantFeatureCreditsRequest', example: { granted: '10000', effectiveUntil: '2026-12-01T00:00:00Z', source: 'PURCHASE' } });
export type GrantCreditsRequest = z.infer<typeof grantCreditsRequest>;

export const updateCreditEntryRequest = z
  .strictObject({
    granted: nonNegativeDecimalSchema.optional().meta({ description: 'At least what was already used from the entry' }),
    effectiveUntil: instant.optional().meta({ description: 'Must be in the future' }),
  })
  .refine((r) => r.granted !== undefined || r.effectiveUntil !== undefined, { message: 'give granted, effectiveUntil or both' })
  .meta({ id: 'UpdateFeatureCreditsRequest' });
export type UpdateCreditEntryRequest = z.infer<typeof updateCreditEntryRequest>;

export const overageRequest = z
  .strictObject({
    overageLimit: nonNegativeDecimalSchema.nullable().meta({ description: 'How far below zero the balance may go; null: not at all' }),
  })
  .meta({ id: 'FeatureOverageRequest' });

/** How an entry is shown (Togai's FeatureCreditEntry, with exact decimals). */
export const creditEntrySchema = z
  .object({
    id: z.string(),
    featureId: z.string(),
    source: z.string(),
    status: z.enum(['ACTIVE', 'EXPIRED', 'VOIDED', 'PENDING']).meta({
      description: 'PENDING: not yet effective; EXPIRED: past effectiveUntil; VOIDED: voided',
    }),
    effectiveFrom: z.string(),
    effectiveUntil: z.string().optional(),
    granted: z.string(),
    used: z.string(),
    balance: z.string().meta({ description: 'granted − used while ACTIVE; 0 otherwise' }),
  })
  .meta({ id: 'FeatureCreditEntry' });
export type CreditEntryView = z.infer<typeof creditEntrySchema>;

/** Togai's GetFeatureCreditsResponse. */
export const featureCreditsSchema = z
  .object({
    accountId: z.string(),
    featureId: z.string(),
    granted: z.string().meta({ description: 'Sum granted by the entries live now' }),
    balance: z.string().meta({ description: 'What is left of them, less unsettled overage: below zero when in overage' }),
    overageLimit: z.string().optional(),
    usedOverage: z.string(),
  })
  .meta({ id: 'GetFeatureCreditsResponse' });
export type FeatureCredits = z.infer<typeof featureCreditsSchema>;
