import { z } from 'zod';
import { extension } from '../api/extension';

/**
 * A customer's contact (Togai's CreateCustomerContactRequest/Response): a person to reach. Togai
 * also gives contacts a login to its customer portal; Meterline has no portal, so it refuses a
 * password or loginAccess: true rather than store a credential nobody can use.
 */
export const usernameSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9._@+-]+$/, 'may hold letters, digits and . _ @ + - only');

export const createCustomerContactRequest = z
  .strictObject({
    preferredUsername: usernameSchema
      .nullable()
      .optional()
      .meta({ description: 'The username, unique per tenant; generated when absent' }),
    name: z.string().min(1).max(50),
    email: z.email({ message: 'must be an email address' }).max(320),
    // Togai's request allows 30 characters, its response 20: what is accepted must be answerable.
    phone: z.string().min(1).max(20).nullable().optional(),
    password: z.null().optional().meta({ description: 'Meterline has no customer portal: contacts have no password' }),
    verified: z
      .boolean()
      .nullable()
      .optional()
      .meta({ description: 'Meterline verifies nothing: false whatever is sent' }),
    loginAccess: z
      .literal(false)
      .nullable()
      .optional()
      .meta({ description: 'Meterline has no customer portal: false (or absent) only' }),
  })
  .meta({ id: 'CreateCustomerContactRequest' });
export type CreateCustomerContactRequest = z.infer<typeof createCustomerContactRequest>;

export const customerContactSchema = z
  .object({
    username: usernameSchema,
    preferredUsername: z.string().optional(),
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    loginAccess: z.boolean(),
    createdAt: z.string(),
    verified: z.boolean(),
    customerId: z.string().meta(extension('The customer the contact belongs to')),
  })
  .meta({ id: 'CreateCustomerContactResponse' });
export type CustomerContact = z.infer<typeof customerContactSchema>;
