import { z } from 'zod';
import { dedupLayoutSchema, MAX_SHARDS_PER_TENANT } from '../idempotency/dedup-layout';
import { unknownAccountsSchema } from '../account/unknown-accounts';

/**
 * Where a tenant's data lives (docs/capacity.md, "Placement and residency"). `region` is a
 * Durable Object location hint: where the tenant's objects are created (it does not move objects
 * that exist). `jurisdiction` restricts them to run and store data only inside it, and names the
 * database its rows go to. `dedupLayout` is how its event ids are spread over DedupShards.
 */
export const regions = ['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me'] as const;
export const jurisdictions = ['eu', 'fedramp'] as const;
export const regionSchema = z.enum(regions);
export const jurisdictionSchema = z.enum(jurisdictions);
export type Region = z.infer<typeof regionSchema>;
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

/** What the edge needs of a tenant's placement on every request; it comes with the API key. */
export const placementSchema = z.object({
  region: regionSchema.nullable(),
  jurisdiction: jurisdictionSchema.nullable(),
  /** Null until the tenant's layout first grows: then the deployment's DEDUP_SHARDS apply. */
  dedupLayout: dedupLayoutSchema.nullable(),
});
export type Placement = z.infer<typeof placementSchema>;

export const NO_PLACEMENT: Placement = { region: null, jurisdiction: null, dedupLayout: null };

/** Where one object of the tenant lives: what a message to it carries (ledger-message.ts). */
export const objectPlacementSchema = z.object({
  region: regionSchema.nullable(),
  jurisdiction: jurisdictionSchema.nullable(),
});
export type ObjectPlacement = z.infer<typeof objectPlacementSchema>;

export const DEFAULT_OBJECT_PLACEMENT: ObjectPlacement = { region: null, jurisdiction: null };

/** The part of a tenant's placement that says where its objects live. */
export function objectPlacement(placement: Placement | undefined): ObjectPlacement {
  return { region: placement?.region ?? null, jurisdiction: placement?.jurisdiction ?? null };
}

const unknownAccountsDescription =
  'Events whose accountId names no account (POST /accounts): METER them (the default) or FAIL them as Togai does, ' +
  'with the status INGESTION_FAILED_ACCOUNT_NOT_FOUND (POST /events/replay meters them once the account exists). ' +
  'Applies to events the rater meters from then on.';

export const tenantSettingsSchema = z
  .object({
    tenantId: z.string(),
    region: regionSchema
      .nullable()
      .meta({ description: 'Location hint for the tenant’s Durable Objects; null: near the first caller' }),
    jurisdiction: jurisdictionSchema.nullable().meta({ description: 'Data stays inside it; null: anywhere' }),
    dedupShards: z.number().int().meta({ description: 'DedupShards new event ids are claimed in' }),
    dedupGenerations: z.array(z.object({ shards: z.number().int(), since: z.string() })).meta({
      description: 'Every layout generation, oldest first; older ones are asked about ids until theirs expire',
    }),
    unknownAccounts: unknownAccountsSchema.meta({ description: unknownAccountsDescription }),
  })
  .meta({ id: 'TenantSettings' });
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const updateTenantSettingsRequest = z
  .object({
    region: regionSchema.nullable().optional(),
    jurisdiction: jurisdictionSchema.nullable().optional().meta({
      description:
        'Settable only while the tenant has no configuration — event schemas, meters, features, price plans, customers — and only to a jurisdiction the deployment has a database for',
    }),
    dedupShards: z
      .number()
      .int()
      .min(1)
      .max(MAX_SHARDS_PER_TENANT)
      .optional()
      .meta({ description: 'Grow the dedup layout to this many shards: a multiple of today’s count' }),
    unknownAccounts: unknownAccountsSchema.optional().meta({ description: unknownAccountsDescription }),
  })
  .strict()
  .meta({ id: 'UpdateTenantSettingsRequest' });
export type UpdateTenantSettingsRequest = z.infer<typeof updateTenantSettingsRequest>;
