import { z } from 'zod';
import type { FieldIssue } from '../errors/app-error';

/**
 * The name rule for schemas, attributes, dimensions and meters: Togai's characters, with its `\s`
 * read as the plain space (not tab, newline, NBSP, U+2028 or U+FEFF, which no one can see or
 * type back), and not at either end, so a name is never blank and never differs by a trailing space.
 */
export const nameSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(
    /^[a-zA-Z0-9_-]([ a-zA-Z0-9_-]*[a-zA-Z0-9_-])?$/,
    'use letters, digits, spaces, _ and - only, not starting or ending with a space',
  )
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
  /** Togai's filterFields: the dimensions usage meters may filter on; none (absent or empty) means all. */
  filterFields: z.array(nameSchema).max(50).optional(),
};

export const createEventSchemaRequest = z
  .strictObject({ name: nameSchema, ...definitionShape })
  .superRefine(refineUniqueFields)
  .meta({
    id: 'CreateEventSchemaRequest',
    example: {
      name: 'api_calls',
      description: 'One API request served',
      attributes: [{ name: 'response_bytes', defaultUnit: 'bytes' }],
      dimensions: [{ name: 'region' }, { name: 'endpoint' }],
    },
  });
export type CreateEventSchemaRequest = z.infer<typeof createEventSchemaRequest>;

/**
 * PATCH: the fields given replace the current ones. A DRAFT changes freely; a published schema
 * only gains attributes, dimensions, enrichment fields and filterFields (checkSchemaEvolution).
 */
export const updateEventSchemaRequest = z
  .strictObject({
    description: definitionShape.description,
    attributes: z.array(eventAttributeSchema).max(50).optional(),
    dimensions: z.array(dimensionSchema).max(50).optional(),
    enrichments: enrichmentsSchema.optional(),
    eventIdTemplate: definitionShape.eventIdTemplate,
    filterFields: definitionShape.filterFields,
  })
  .meta({ id: 'UpdateEventSchemaRequest' });
export type UpdateEventSchemaRequest = z.infer<typeof updateEventSchemaRequest>;

/** An event schema as stored and returned (Togai's EventSchema). */
export const eventSchemaSchema = z
  .object({
    name: nameSchema,
    ...definitionShape,
    version: z.number().int().min(1),
    status: lifecycleStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EventSchema' });
export type EventSchema = z.infer<typeof eventSchemaSchema>;

/** The definition a version freezes: everything but name, status and timestamps. */
export type EventSchemaDefinition = Pick<
  EventSchema,
  'description' | 'attributes' | 'dimensions' | 'enrichments' | 'eventIdTemplate' | 'filterFields'
>;

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

/**
 * The dimensions a usage meter may filter on. An empty list counts as none, like an absent one:
 * a client that always sends the field (as generated SDKs may, with `[]`) should not find every
 * meter filter refused.
 */
export function filterableDimensions(
  schema: Pick<EventSchema, 'attributes' | 'dimensions' | 'enrichments' | 'filterFields'>,
): string[] {
  return schema.filterFields?.length ? schema.filterFields : schemaFields(schema).dimensions;
}

/** Field names are unique across attributes, dimensions and enrichment fields of a schema. */
export function duplicateFieldIssues(value: {
  attributes: { name: string }[];
  dimensions: { name: string }[];
  enrichments?: { fields: { name: string }[] } | undefined;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const groups = [
    ['attributes', value.attributes],
    ['dimensions', value.dimensions],
    ['enrichments.fields', value.enrichments?.fields ?? []],
  ] as const;
  for (const [group, fields] of groups) {
    fields.forEach((field, index) => {
      if (seen.has(field.name)) {
        issues.push({ path: `${group}.${index}.name`, message: `'${field.name}' is already defined in this schema` });
      }
      seen.add(field.name);
    });
  }
  return issues;
}

function refineUniqueFields(value: Parameters<typeof duplicateFieldIssues>[0], ctx: z.RefinementCtx) {
  for (const issue of duplicateFieldIssues(value)) {
    ctx.addIssue({
      code: 'custom',
      path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      message: issue.message,
    });
  }
}
