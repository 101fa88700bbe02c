import { z } from 'zod';
import { addressSchema, entitySettingsSchema } from './address';
import { aliasValueSchema, createAccountAliasRequest } from './account-alias';

/**
 * An account (Togai's Account): one of a customer's billable units. Its id is the `accountId`
 * events, credits, entitlements and plan associations already name — those keep working for
 * ids no account was created for (see README.md in this folder).
 */
export const accountIdSchema = z.string().min(1).max(50);
export const accountStatusSchema = z.enum(['ACTIVE', 'DRAFT', 'ARCHIVED']);

const currency = z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 currency code');
const email = z.string().min(3).max(320);
export const billingInformationSchema = z
  .strictObject({
    emailRecipients: z.array(email).max(20).optional(),
    additionalEmailRecipients: z.array(email).max(20).optional(),
  })
  .meta({ id: 'AccountsBillingInformation' });
const metadata = z.record(z.string().min(1).max(255), z.string().max(1000)).refine((m) => Object.keys(m).length <= 50, {
  message: 'has more than 50 keys',
});
const tags = z.array(z.string().min(1).max(255)).max(50);

const accountFields = {
  id: accountIdSchema,
  name: z.string().min(3).max(255),
  invoiceCurrency: currency.optional(),
  aliases: z.array(aliasValueSchema).max(10).optional(),
  accountAliases: z.array(createAccountAliasRequest).max(10).optional(),
  address: addressSchema.optional(),
  primaryEmail: email.optional(),
  billingInformation: billingInformationSchema.optional(),
  settings: entitySettingsSchema.optional(),
  netTermDays: z.number().int().min(0).max(3650).optional(),
  metadata: metadata.optional(),
  tags: tags.optional(),
  status: z.enum(['ACTIVE', 'DRAFT']).optional().meta({ description: 'Absent: ACTIVE' }),
};

export const createAccountRequestWithoutCustomerId = z
  .strictObject(accountFields)
  .meta({ id: 'CreateAccountRequestWithoutCustomerId' });
export type NewAccount = z.infer<typeof createAccountRequestWithoutCustomerId>;

export const createAccountRequest = z
  .strictObject({ ...accountFields, customerId: z.string().min(1).max(255) })
  .meta({ id: 'CreateAccountRequest' });
export type CreateAccountRequest = z.infer<typeof createAccountRequest>;

export const updateAccountRequest = z
  .strictObject({
    name: accountFields.name.optional(),
    status: z.enum(['ACTIVE', 'DRAFT']).optional(),
    invoiceCurrency: currency.optional(),
    netTermDays: accountFields.netTermDays,
    primaryEmail: email.optional(),
    billingInformation: billingInformationSchema.optional(),
    address: addressSchema.optional(),
    metadata: metadata.optional().meta({ description: 'Replaces the metadata; {} removes it all' }),
    tags: tags.optional(),
  })
  .meta({ id: 'UpdateAccountRequest' });
export type UpdateAccountRequest = z.infer<typeof updateAccountRequest>;

export const accountSchema = z
  .object({
    id: z.string(),
    togaiAccountId: z.string(),
    togaiCustomerId: z.string(),
    name: z.string(),
    customerId: z.string(),
    invoiceCurrency: z.string().optional(),
    aliases: z.array(z.object({ alias: z.string() }).meta({ id: 'AccountAliases' })).optional(),
    netTermDays: z.number().int().optional(),
    address: addressSchema.optional(),
    primaryEmail: z.string().optional(),
    billingInformation: billingInformationSchema.optional(),
    status: accountStatusSchema,
    settings: entitySettingsSchema.optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.string()).optional(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;
