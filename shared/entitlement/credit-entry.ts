import { z } from 'zod';
import { extension } from '../api/extension';
import { nonNegativeDecimalSchema } from '../event/event-wire';

/**
 * Credits granted to an account for one feature (Togai's FeatureCreditEntry): `granted` units,
 * live from `effectiveFrom` (inclusive) until `effectiveUntil` (exclusive; absent: never
 * expires). `used` is what events consumed from it. A VOIDED entry grants nothing from then on;
 * what was consumed from it stays consumed. Quantities are exact decimal strings here; they leave
 * the API as JSON numbers whose text is the decimal (credit-wire.ts).
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

/** Togai's FeatureCreditEntry sources; credits granted through the API are ENTITLEMENT by default. */
export const creditSources = ['ENTITLEMENT', 'PRICE_PLAN', 'OVERAGE', 'REFUND'] as const;
export type CreditSource = (typeof creditSources)[number];

/**
 * Togai's FeatureCreditEntry requires `effectiveUntil`; Togai's docs call an open end "+infinity",
 * which no client's date-time type holds. Credits that never expire show the last instant
 * Python's datetime (Togai's client) can read, and that instant sent back means "never" again.
 */
export const NEVER = '9999-12-31T23:59:59Z';
const NEVER_MS = Date.parse(NEVER);

/** An `effectiveUntil` as stored: milliseconds, or null for never (NEVER and beyond). */
export function untilMs(iso: string): number | null {
  const ms = Date.parse(iso);
  return ms >= NEVER_MS ? null : ms;
}

export function untilIso(ms: number | null): string {
  return ms === null ? NEVER : new Date(ms).toISOString();
}

const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z',
});

export const entryIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:#$@-]+$/, 'may hold letters, digits and . _ : # $ @ - only');

export const grantCreditsRequest = z
  .strictObject({
    id: entryIdSchema.max(50).optional().meta({
      description:
        "Your id for the entry (at most 50 characters, as Togai's FeatureCreditEntry.id); sending the same id again is safe (200 with the entry). Generated when absent.",
    }),
    granted: nonNegativeDecimalSchema.meta({ description: 'Units granted: a number, or a decimal string' }),
    effectiveFrom: instant.optional().meta({ description: 'Default: now' }),
    effectiveUntil: instant.optional().meta({ description: `Exclusive; absent or ${NEVER}: the credits never expire` }),
    source: z
      .enum(creditSources)
      .default('ENTITLEMENT')
      .meta({ description: "Where the credits come from (Togai's sources)" }),
  })
  .refine((r) => !r.effectiveFrom || !r.effectiveUntil || Date.parse(r.effectiveFrom) < Date.parse(r.effectiveUntil), {
    path: ['effectiveUntil'],
    message: 'must be after effectiveFrom',
  })
  .meta({
    id: 'GrantFeatureCreditsRequest',
    example: { granted: 10000, effectiveUntil: '2026-12-01T00:00:00Z', source: 'ENTITLEMENT' },
  });
export type GrantCreditsRequest = z.infer<typeof grantCreditsRequest>;

export const updateCreditEntryRequest = z
  .strictObject({
    granted: nonNegativeDecimalSchema
      .optional()
      .meta({ description: 'At least what was already used from the entry: a number, or a decimal string' }),
    effectiveUntil: instant.optional().meta({ description: `Must be in the future; ${NEVER}: never expires` }),
  })
  .refine((r) => r.granted !== undefined || r.effectiveUntil !== undefined, {
    message: 'give granted, effectiveUntil or both',
  })
  .meta({ id: 'UpdateFeatureCreditsRequest' });
export type UpdateCreditEntryRequest = z.infer<typeof updateCreditEntryRequest>;

export const overageRequest = z
  .strictObject({
    overageLimit: nonNegativeDecimalSchema
      .nullable()
      .meta({ description: 'How far below zero the balance may go (a number, or a decimal string); null: not at all' }),
  })
  .meta({ id: 'FeatureOverageRequest' });

/** How an entry is shown, before its quantities become JSON numbers (credit-wire.ts). */
export interface CreditEntryView {
  id: string;
  featureId: string;
  source: CreditSource;
  status: 'ACTIVE' | 'EXPIRED' | 'VOIDED';
  effectiveFrom: string;
  effectiveUntil: string;
  granted: string;
  used: string;
  balance: string;
}

/** An account's figures for a feature, before they become JSON numbers (credit-wire.ts). */
export interface FeatureCredits {
  accountId: string;
  featureId: string;
  granted: string;
  balance: string;
  overageLimit?: string;
  usedOverage: string;
}

const amount = (description?: string) =>
  z.number().meta({ description: `${description ? `${description}. ` : ''}Exact: the JSON text is the decimal` });

/** Togai's FeatureCreditEntry. */
export const creditEntrySchema = z
  .object({
    id: z.string(),
    featureId: z.string().meta(extension('The feature the entry grants')),
    source: z.enum(creditSources).meta({ description: 'Where the credits come from' }),
    status: z.enum(['ACTIVE', 'EXPIRED', 'VOIDED']).meta({
      description:
        'ACTIVE: not voided and not past effectiveUntil (it may not be effective yet: see effectiveFrom); EXPIRED: past effectiveUntil; VOIDED: voided',
    }),
    effectiveFrom: z.string(),
    effectiveUntil: z.string().meta({ description: `Exclusive; ${NEVER} when the credits never expire` }),
    granted: amount(),
    used: amount(),
    balance: amount('granted − used while ACTIVE; 0 otherwise'),
  })
  .meta({ id: 'FeatureCreditEntry' });
export type CreditEntryWire = z.infer<typeof creditEntrySchema>;

/** Togai's GetFeatureCreditsResponse. */
export const featureCreditsSchema = z
  .object({
    accountId: z.string(),
    featureId: z.string(),
    granted: amount('Sum granted by the entries live now'),
    balance: amount('What is left of them, less unsettled overage: below zero when in overage'),
    overageLimit: amount('How far below zero the balance may go; absent: not at all').optional(),
    usedOverage: amount('Overage used and not yet settled by a later grant'),
  })
  .meta({ id: 'GetFeatureCreditsResponse' });
export type FeatureCreditsWire = z.infer<typeof featureCreditsSchema>;
