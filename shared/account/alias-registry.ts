import { z } from 'zod';

/**
 * Togai's AliasesApi: the tenant's registry of alias values. Registering a value does not give it
 * to an account (POST /accounts/{id}/add_aliases does, registered or not); a registered value
 * cannot be deleted while an account holds it now or from a later date.
 */
export const registeredAliasValueSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => v.trim() === v, 'must not start or end with a space');

export const createBulkAliasRequest = z
  .strictObject({
    aliases: z
      .array(z.strictObject({ value: registeredAliasValueSchema }).meta({ id: 'CreateAliasRequest' }))
      .min(1)
      .max(100)
      .refine((list) => new Set(list.map((a) => a.value)).size === list.length, 'each value may appear once'),
  })
  .meta({ id: 'CreateBulkAliasRequest' });

export const aliasSchema = z.object({ value: z.string(), createdAt: z.string() }).meta({ id: 'Alias' });
export type Alias = z.infer<typeof aliasSchema>;

export const aliasPageSchema = z
  .object({
    data: z.array(aliasSchema),
    nextToken: z.string().optional().meta({ description: 'Present when there are more aliases' }),
  })
  .meta({ id: 'AliasPaginatedResponse' });
