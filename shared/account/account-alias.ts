import { z } from 'zod';

/**
 * Aliases (Togai's AccountAlias): other names of an account, each over a range of time. A range's
 * open ends are -infinity and +infinity; on the wire they are the first and last instants an ISO
 * 8601 timestamp (and Togai's generated clients) can carry.
 */
export const ALIAS_BEGINNING = '0001-01-01T00:00:00.000Z';
export const ALIAS_END = '9999-12-31T23:59:59.999Z';

export const aliasValueSchema = z.string().min(3).max(50);
const instant = z.iso.datetime({ offset: true });

export const createAccountAliasRequest = z
  .strictObject({
    value: aliasValueSchema,
    effectiveFrom: instant.optional().meta({ description: 'Absent: -infinity' }),
    effectiveUntil: instant.optional().meta({ description: 'Absent: +infinity' }),
  })
  .refine(
    (a) =>
      a.effectiveFrom === undefined ||
      a.effectiveUntil === undefined ||
      Date.parse(a.effectiveFrom) < Date.parse(a.effectiveUntil),
    {
      message: 'must be after effectiveFrom',
      path: ['effectiveUntil'],
    },
  )
  .meta({ id: 'CreateAccountAliasRequest' });
export type CreateAccountAliasRequest = z.infer<typeof createAccountAliasRequest>;

export const addAccountAliasesRequest = z
  .strictObject({
    aliases: z.array(aliasValueSchema).max(10).optional(),
    accountAliases: z.array(createAccountAliasRequest).max(10).optional(),
  })
  .meta({ id: 'AddAccountAliasesRequest' });

export const removeAccountAliasesRequest = z
  .strictObject({
    aliases: z.array(z.string().min(1).max(50)).max(10).optional().meta({ description: 'Values: each ends now' }),
    accountAliases: z
      .array(
        z
          .strictObject({
            id: z.string().min(1).max(100),
            from: instant.optional().meta({ description: 'The alias ends here; absent: now' }),
          })
          .meta({ id: 'RemoveAccountAliasRequest' }),
      )
      .max(10)
      .optional(),
  })
  .meta({ id: 'RemoveAccountAliasesRequest' });

export const accountAliasSchema = z
  .object({
    id: z.string(),
    value: z.string(),
    effectiveFrom: z.string(),
    effectiveUntil: z.string(),
    createdAt: z.string(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'AccountAlias' });
export type AccountAlias = z.infer<typeof accountAliasSchema>;

export const accountAliasesPageSchema = z
  .object({ data: z.array(accountAliasSchema), nextToken: z.string().optional() })
  .meta({ id: 'AccountAliasesPaginatedResponse' });
