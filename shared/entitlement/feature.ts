import { z } from 'zod';
import { extension } from '../api/extension';
import { nameSchema } from '../event-schema/event-schema';

/**
 * A feature (Togai's Feature): what an account is entitled to, consumed by events. Each schema
 * association says which events consume it and how much: the value of `attributeName`, or 1 per
 * event when no attribute is named (a count-style feature, e.g. "API calls").
 */
export const schemaAssociationSchema = z
  .strictObject({
    schemaName: nameSchema,
    attributeName: nameSchema.optional().meta({
      description:
        'The attribute whose value an event consumes. Togai requires it; leaving it out (1 per event) is a Meterline extension, ' +
        "and Togai's client cannot read such an association back",
    }),
  })
  .meta({ id: 'EventSchemasForFeature' });
export type SchemaAssociation = z.infer<typeof schemaAssociationSchema>;

export const featureStatuses = ['ACTIVE', 'ARCHIVED'] as const;
export const featureStatusSchema = z.enum(featureStatuses).meta(
  extension('ACTIVE from creation; ARCHIVED features entitle nothing and are consumed by nothing'),
);

const billableName = z.string().min(1).max(255);
const schemaAssociations = z
  .array(schemaAssociationSchema)
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

export const updateFeatureRequest = z
  .strictObject({
    name: nameSchema.optional(),
    billableName: billableName.optional(),
    schemaAssociations: schemaAssociations.optional(),
  })
  .meta({ id: 'UpdateFeatureRequest' });
export type UpdateFeatureRequest = z.infer<typeof updateFeatureRequest>;

export const featureIdSchema = z.string().min(1).max(50);

export const featureSchema = z
  .object({
    id: featureIdSchema,
    name: z.string(),
    billableName: z.string().optional(),
    displayName: z.string(),
    status: featureStatusSchema,
    schemaAssociations: z.array(schemaAssociationSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Feature' });
export type Feature = z.infer<typeof featureSchema>;

/** Togai's FeatureListResponse: a feature in a list, with how many event schemas consume it. */
export const featureListItemSchema = featureSchema
  .extend({
    schemaCount: z.number().int().meta({ description: 'How many event schemas are associated with the feature' }),
    schemaAssociations: featureSchema.shape.schemaAssociations.meta(extension('The associations themselves')),
  })
  .meta({ id: 'FeatureListResponse' });
export type FeatureListItem = z.infer<typeof featureListItemSchema>;

export function toFeatureListItem(feature: Feature): FeatureListItem {
  return { ...feature, schemaCount: feature.schemaAssociations.length };
}
