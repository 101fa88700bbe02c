import { z } from 'zod';
import { featureSchema } from '../entitlement/feature';
import { eventSchemaSchema } from '../event-schema/event-schema';
import { jurisdictionSchema } from './placement';

/**
 * What the edge replicates of a tenant's configuration carries the tenant's jurisdiction, read
 * with it from the database. The jurisdiction is fixed once the tenant has an event schema or a
 * feature (rater/store/tenant-settings.ts), so the jurisdiction that comes with a schema or a
 * feature is final however stale the copy: routing by it never puts data in the wrong place. The
 * API key's principal, which may be older than the tenant's first schema, is not used for this.
 * Copies replicated before jurisdictions existed have none: null, as every tenant then had.
 *
 * The placement rule for an account's AccountLedger: the tenant's jurisdiction as its row
 * records it, nothing else. The rater stamps it on every ledger message
 * (rater/pipeline/placed-ledger-queue.ts); the edge takes it from these copies, which carry it
 * whether or not the tenant has features — a tenant with a schema, a spend limit and no feature
 * holds money reservations in the same object its spend-limit pushes and revenue reach. (The
 * region is only a hint of where a new object is created: it never changes which object a name
 * addresses.)
 */
export const replicatedSchemaSchema = eventSchemaSchema.extend({
  jurisdiction: jurisdictionSchema.nullable().default(null),
});
export type ReplicatedSchema = z.infer<typeof replicatedSchemaSchema>;

export const replicatedFeaturesSchema = z.union([
  z.object({ features: z.array(featureSchema), jurisdiction: jurisdictionSchema.nullable() }),
  z.array(featureSchema).transform((features) => ({ features, jurisdiction: null })),
]);
export type ReplicatedFeatures = z.infer<typeof replicatedFeaturesSchema>;
