import { z } from 'zod';
import { extension } from '../api/extension';
import { nameSchema } from '../event-schema/event-schema';

/**
 * A feature (Togai's Feature): what an account is entitled to, consumed by events. Each schema
 * association says which events consume it and how much: the value of `attributeName`, or 1 per
 * event when no attribute is named (a count-style feature, e.g. "API calls").
 */
const countDescription =
  "The attribute whose value an event consumes. Togai's model requires the field; an empty string (or, as a Meterline " +
  'extension, leaving it out) means 1 per event, a count feature such as "API calls".';

/** An association as Meterline keeps it: without `attributeName`, each event consumes 1. */
export const schemaAssociationSchema = z.strictObject({ schemaName: nameSchema, attributeName: nameSchema.optional() });
export type SchemaAssociation = z.infer<typeof schemaAssociationSchema>;

/** As a request sends it: Togai's client always sends `attributeName`, '' for a count feature. */
const associationRequestSchema = z.strictObject({
  schemaName: nameSchema,
  attributeName: z
    .union([nameSchema, z.literal('')])
    .optional()
    .meta({ description: countDescription }),
});

/** Togai's EventSchemasForFeature, as answered: `attributeName` always there, '' for a count feature. */
export const schemaAssociationWireSchema = z
  .object({ schemaName: z.string(), attributeName: z.string().meta({ description: countDescription }) })
  .meta({ id: 'EventSchemasForFeature' });

/** A request's associations as kept: '' and absent both mean 1 per event. */
export function storedAssociations(list: z.infer<typeof associationRequestSchema>[]): SchemaAssociation[] {
  return list.map(({ schemaName, attributeName }) => (attributeName ? { schemaName, attributeName } : { schemaName }));
}

export const featureStatuses = ['ACTIVE', 'ARCHIVED'] as const;
export const featureStatusSchema = z
  .enum(featureStatuses)
  .meta(extension('ACTIVE from creation; ARCHIVED features entitle nothing and are consumed by nothing'));

const billableName = z.string().min(1).max(255);
const schemaAssociations = z
  .array(associationRequestSchema)
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((a) => a.schemaName)).size === list.length, {
    message: 'each event schema may be associated once',
  });

export const createFeatureRequest = z
  .strictObject({
    name: nameSchema,
    billableName: billableName.optional(),
    schemaAssociations,
  })
  .meta({
    id: 'CreateFeatureRequest',
    example: { name: 'api_calls', billableName: 'API calls', schemaAssociations: [{ schemaName: 'api_call' }] },
  });
export type CreateFeatureRequest = z.infer<typeof createFeatureRequest>;
export type NewFeature = Omit<CreateFeatureRequest, 'schemaAssociations'> & { schemaAssociations: SchemaAssociation[] };

export const updateFeatureRequest = z
  .strictObject({
    name: nameSchema.optional(),
    billableName: billableName.optional(),
    schemaAssociations: schemaAssociations.optional(),
  })
  .meta({ id: 'UpdateFeatureRequest' });
export type UpdateFeatureRequest = z.infer<typeof updateFeatureRequest>;
export type FeatureChange = Omit<UpdateFeatureRequest, 'schemaAssociations'> & {
  schemaAssociations?: SchemaAssociation[];
};

export const featureIdSchema = z.string().min(1).max(50);

/** A feature as Meterline keeps and replicates it. */
export const featureSchema = z.object({
  id: featureIdSchema,
  name: z.string(),
  billableName: z.string().optional(),
  displayName: z.string(),
  status: featureStatusSchema,
  schemaAssociations: z.array(schemaAssociationSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Feature = z.infer<typeof featureSchema>;

/** Togai's Feature, as answered. */
export const featureResponseSchema = featureSchema
  .extend({
    schemaAssociations: z
      .array(schemaAssociationWireSchema)
      .meta({ description: 'Association of a feature with event schemas' }),
  })
  .meta({ id: 'Feature' });
export type FeatureResponse = z.infer<typeof featureResponseSchema>;

export function toFeatureResponse(feature: Feature): FeatureResponse {
  return {
    ...feature,
    schemaAssociations: feature.schemaAssociations.map(({ schemaName, attributeName }) => ({
      schemaName,
      attributeName: attributeName ?? '',
    })),
  };
}

/** Togai's FeatureListResponse: a feature in a list, with how many event schemas consume it. */
export const featureListItemSchema = featureResponseSchema
  .extend({
    schemaCount: z.number().int().meta({ description: 'How many event schemas are associated with the feature' }),
    schemaAssociations: featureResponseSchema.shape.schemaAssociations.meta(extension('The associations themselves')),
  })
  .meta({ id: 'FeatureListResponse' });
export type FeatureListItem = z.infer<typeof featureListItemSchema>;

export function toFeatureListItem(feature: Feature): FeatureListItem {
  return { ...toFeatureResponse(feature), schemaCount: feature.schemaAssociations.length };
}
