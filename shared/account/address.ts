import { z } from 'zod';

/** Togai's Address: every line optional; `country` an ISO 3166-1 alpha-2 code. */
export const addressSchema = z
  .strictObject({
    phoneNumber: z.string().max(50).optional(),
    line1: z.string().max(255).optional(),
    line2: z.string().max(255).optional(),
    postalCode: z.string().max(50).optional(),
    city: z.string().max(255).optional(),
    state: z.string().max(255).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'is not a two-letter ISO 3166-1 country code')
      .optional(),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof addressSchema>;

/**
 * Togai's Customer carries `billingAddress`, a required one-line string: Meterline writes the
 * address on one line, its parts in postal order, so it always agrees with `address`.
 */
export function billingAddressOf(address: Address): string {
  const parts = [address.line1, address.line2, address.city, address.state, address.postalCode, address.country];
  return parts.filter((part) => part !== undefined && part !== '').join(', ');
}

/** Togai's CreateEntitySetting: kept with the customer or account and returned as given. */
export const entitySettingSchema = z
  .strictObject({
    id: z.string().min(1).max(255),
    value: z.string().max(10_000),
    namespace: z.string().min(1).max(255),
    name: z.string().min(1).max(255),
    dataType: z.enum(['STRING', 'NUMERIC', 'JSON', 'JSON_LOGIC']),
  })
  .meta({ id: 'CreateEntitySetting' });
export const entitySettingsSchema = z.array(entitySettingSchema).max(10);
