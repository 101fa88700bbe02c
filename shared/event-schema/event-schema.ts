import { z } from 'zod';

/** Togai's name rule for schemas, attributes, dimensions and meters. */
export const nameSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[\sa-zA-Z0-9_-]*$/, 'use letters, digits, spaces, _ and - only')
  // JSON.parse makes "__proto__" an own key, but object spreads and zod records drop it silently.
  .refine((name) => name !== '__proto__', 'is reserved');

export const lifecycleStatuses = ['DRAFT', 'ACTIVE', 'INACTIVE', 'ARCHIVED'] as const;
export const lifecycleStatusSchema = z.enum(lifecycleStatuses);
export type LifecycleStatus = z.infer<typeof lifecycleStatusSchema>;

export const eventAttributeSchema = z.strictObject({
  name: nameSchema,
  defaultUnit: z.string().min(1).max(10).optional(),
});

export const dimensionSchema = z.strictObject({ name: nameSchema });

export const enrichmentFieldSchema = z.strictObject({
  name: nameSchema,
  type: z.enum(['ATTRIBUTE', 'DIMENSION']),
  enrichmentType: z.enum(['VALUE', 'JSON_LOGIC']),
  /** A constant (VALUE) or a JsonLogic expression serialised as a string (JSON_LOGIC), as in Togai. */
  value: z.string().min(1).max(1500),
  order: z.number().int(),
});
export type EnrichmentField = z.infer<typeof enrichmentFieldSchema>;

export const enrichmentsSchema = z.strictObject({ fields: z.array(enrichmentFieldSchema).max(50) });

const definitionShape = {
  description: z.string().max(255).optional(),
  attributes: z.array(eventAttributeSchema).max(50).default([]),
  dimensions: z.array(dimensionSchema).max(50).default([]),
  enrichments: enrichmentsSchema.optional(),
  eventIdTemplate: z.string().min(1).max(512).optional(),
};

export const createEventSchemaRequest = z
  .strictObject({ name: nameSchema, ...definitionShape })
  .superRefine(refineUniqueFields);
export type CreateEventSchemaRequest = z.infer<typeof createEventSchemaRequest>;

/** An event schema as stored and returned (Togai's EventSchema). */
export const eventSchemaSchema = z.object({
  name: nameSchema,
  ...definitionShape,
  version: z.number().int().min(1),
  status: lifecycleStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventSchema = z.infer<typeof eventSchemaSchema>;

/** Every field name an event of this schema carries after enrichment, by kind. */
export function schemaFields(schema: Pick<EventSchema, 'attributes' | 'dimensions' | 'enrichments'>) {
  const enriched = schema.enrichments?.fields ?? [];
  return {
    attributes: [
      ...schema.attributes.map((a) => a.name),
      ...enriched.filter((f) => f.type === 'ATTRIBUTE').map((f) => f.name),
    ],
    dimensions: [
      ...schema.dimensions.map((d) => d.name),
      ...enriched.filter((f) => f.type === 'DIMENSION').map((f) => f.name),
    ],
  };
}

function refineUniqueFields(
  value: { attributes: { name: string }[]; dimensions: { name: string }[]; enrichments?: { fields: { name: string }[] } | undefined },
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  const groups = [
    ['attributes', value.attributes],
    ['dimensions', value.dimensions],
    ['enrichments.fields', value.enrichments?.fields ?? []],
  ] as const;
  for (const [group, fields] of groups) {
    fields.forEach((field, index) => {
      if (seen.has(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [...group.split('.'), index, 'name'],
          message: `'${field.name}' is already defined in this schema`,
        });
      }
      seen.add(field.name);
    });
  }
}
