import { z } from 'zod';
import { accountSchema, createAccountRequestWithoutCustomerId } from './account';
import { addressSchema, entitySettingsSchema } from './address';

/** A customer (Togai's Customer): the company a tenant bills, owning one or more accounts. */
export const customerIdSchema = z.string().min(1).max(50);
const name = z.string().min(3).max(255);
const email = z.string().min(3).max(320);

export const createCustomerRequest = z
  .strictObject({
    id: customerIdSchema,
    name,
    primaryEmail: email,
    address: addressSchema,
    settings: entitySettingsSchema.optional(),
    account: createAccountRequestWithoutCustomerId
      .optional()
      .meta({ description: 'An account created with the customer, in one step' }),
  })
  .meta({ id: 'CreateCustomerRequest' });
export type CreateCustomerRequest = z.infer<typeof createCustomerRequest>;

export const updateCustomerRequest = z
  .strictObject({ name: name.optional(), primaryEmail: email.optional(), address: addressSchema.optional() })
  .meta({ id: 'UpdateCustomerRequest' });
export type UpdateCustomerRequest = z.infer<typeof updateCustomerRequest>;

export const customerSchema = z
  .object({
    id: z.string(),
    togaiCustomerId: z.string(),
    name: z.string(),
    primaryEmail: z.string(),
    billingAddress: z.string().meta({ description: 'The address on one line' }),
    address: addressSchema,
    status: z.enum(['ACTIVE', 'ARCHIVED']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;

export const createCustomerResponse = z
  .object({
    id: z.string(),
    togaiCustomerId: z.string(),
    name: z.string(),
    primaryEmail: z.string(),
    billingAddress: z.string().optional(),
    address: addressSchema.optional(),
    settings: entitySettingsSchema.optional(),
    account: accountSchema.optional(),
  })
  .meta({ id: 'CreateCustomerResponse' });
export type CreateCustomerResponse = z.infer<typeof createCustomerResponse>;
