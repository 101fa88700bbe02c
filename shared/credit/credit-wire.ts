import { z } from 'zod';
import { decimalValueSchema } from '../event/event-wire';
import { extension } from '../api/extension';

/**
 * Togai's CreditsApi models: prepaid money an account's invoices are paid from (not feature
 * credits, which are units of a feature: shared/entitlement). Amounts leave as JSON numbers whose
 * text is the exact decimal (exact-number.ts).
 */

export const ALL_USAGE = 'ALL_USAGE_METER_RATE_CARDS';
export const ALL_FIXED_FEES = 'ALL_FIXED_FEE_RATE_CARDS';

const date = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
export const creditIdSchema = z.string().min(1).max(50);

export const creditRequestSchema = z
  .strictObject({
    accountId: z
      .string()
      .min(1)
      .max(512)
      .meta({ description: 'An account created with POST /accounts (its customer owns the credit)' }),
    purpose: z.string().min(1).max(255),
    applicableEntityIds: z
      .array(z.enum([ALL_USAGE, ALL_FIXED_FEES]))
      .max(2)
      .nullable()
      .optional()
      .meta({
        description:
          `What the credit pays: null or empty, everything; ${ALL_USAGE}, usage charges; ${ALL_FIXED_FEES}, fixed fees. ` +
          'Meterline does not yet take the ids of single rate cards.',
      }),
    effectiveFrom: date.meta({ description: 'The first day (UTC) the credit pays for' }),
    effectiveUntil: date
      .nullable()
      .optional()
      .meta({ description: 'The last day (UTC, inclusive) it pays for; absent: never expires' }),
    creditAmount: decimalValueSchema
      .refine((v) => !v.startsWith('-') && /[1-9]/.test(v), 'must be more than 0')
      .meta({
        description:
          "The money granted, in the account's invoice currency (Togai's model lets it be absent; Meterline needs it)",
      }),
    priority: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .meta({ description: 'Lower is used first; among equal priorities, the credit that expires first' }),
    grantorId: z.string().max(255).nullable().optional(),
    idempotencyKey: z.string().min(1).max(255).nullable().optional().meta({
      description:
        'Sending the same key again answers the credit it made, changing nothing (another request under it: 409)',
    }),
  })
  .refine((r) => r.effectiveUntil == null || r.effectiveUntil >= r.effectiveFrom, {
    path: ['effectiveUntil'],
    message: 'must not be before effectiveFrom',
  })
  .meta({ id: 'CreditRequest' });
export type CreditRequest = z.infer<typeof creditRequestSchema>;

export const createCreditRequest = z
  .strictObject({
    creditRequests: z.array(creditRequestSchema).min(1).max(50).meta({ description: 'Granted together: all or none' }),
  })
  .meta({ id: 'CreateCreditRequest' });

export const creditStatusSchema = z.enum(['ACTIVE', 'CONSUMED', 'EXPIRED', 'VOIDED']);

export const creditSchema = z
  .object({
    id: creditIdSchema,
    accountId: z.string(),
    customerId: z.string(),
    purpose: z.string(),
    applicableEntityIds: z.array(z.string()).optional(),
    effectiveFrom: z.string(),
    effectiveUntil: z.string().optional(),
    creditAmount: z.number(),
    priority: z.number().int(),
    grantorId: z.string().optional(),
    idempotencyKey: z.string().optional(),
    status: creditStatusSchema,
    creditUnit: z
      .string()
      .meta({ description: "The currency: the account's invoiceCurrency when the credit was granted" }),
    holdAmount: z.number().meta({ description: 'Taken by the open cycle (its statement is not final yet)' }),
    consumedAmount: z.number().meta({ description: 'Taken by final cycles' }),
    balance: z.number().meta(extension('What is left: creditAmount − consumedAmount − holdAmount')),
    createdAt: z.string(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'Credit' });
export type CreditWire = z.infer<typeof creditSchema>;

export const creditTransactionSchema = z
  .object({
    id: z.string().max(50),
    creditId: z.string(),
    transactionType: z.enum(['CREDITED', 'DEBITED', 'EXPIRED', 'VOIDED']),
    entityId: z.string().optional().meta({ description: 'DEBITED: the cycle that took it, as its start instant' }),
    amount: z.number(),
    createdAt: z.string().meta({
      description:
        'CREDITED, VOIDED: when it happened; DEBITED: the end of the cycle (or now for the open one); EXPIRED: the end of the last day',
    }),
  })
  .meta({ id: 'CreditTransaction' });

export const creditDetailsSchema = creditSchema
  .extend({ transactions: z.array(creditTransactionSchema) })
  .meta({ id: 'CreditDetailsResponse' });
export const createCreditResponse = z.object({ credits: z.array(creditSchema) }).meta({ id: 'CreateCreditResponse' });
export const listCreditsResponse = z
  .object({ data: z.array(creditSchema).max(50), nextToken: z.string().optional() })
  .meta({ id: 'ListCreditsResponse' });

export const creditBalanceSchema = z
  .object({
    activeCredits: z
      .number()
      .meta({ description: 'Granted by the credits in effect today (not voided, consumed or expired)' }),
    availableBalance: z.number().meta({ description: 'What those have left after the final cycles' }),
    runningBalance: z
      .number()
      .meta({ description: 'What they have left after the open cycle too: availableBalance − its holds' }),
    inapplicableCredits: z
      .number()
      .meta({ description: 'Granted by credits not in effect yet (effectiveFrom after today)' }),
    unit: z.string(),
    lastUpdatedAt: z.string(),
  })
  .meta({ id: 'CreditBalanceResponse' });

export const listCreditsQuery = z.object({
  nextToken: z.string().max(1000).optional(),
  pageSize: z.coerce.number().int().min(1).max(50).default(50),
  status: creditStatusSchema.optional(),
  accountId: z.string().min(1).max(512).optional(),
  id: creditIdSchema.optional(),
});
