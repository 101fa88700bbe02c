import { z } from 'zod';
import { canonicalJson } from '../idempotency/payload-hash';
import { eventSchemaSchema, lifecycleStatusSchema, nameSchema } from '../event-schema/event-schema';

/**
 * COUNT and SUM are Togai's; MAX, MIN, LATEST and UNIQUE_COUNT are Meterline's extension. The
 * first five are exact merges of per-minute rollups; UNIQUE_COUNT keeps each distinct value
 * (usage_distinct), so it is exact too — no sketch, no approximation.
 */
export const aggregations = ['COUNT', 'SUM', 'MAX', 'MIN', 'LATEST', 'UNIQUE_COUNT'] as const;
export const aggregationSchema = z.enum(aggregations).meta({
  description:
    'COUNT and SUM as in Togai; MAX, MIN, LATEST (the value of the latest event, ties broken by event id) and ' +
    'UNIQUE_COUNT (the number of distinct values the computation gives, e.g. {"var":"dimensions.user_id"}) are Meterline extensions',
});
export type Aggregation = z.infer<typeof aggregationSchema>;

export const computationSchema = z.strictObject({
  id: z.string().max(50).optional(),
  /** JsonLogic serialised as a string, as in Togai; absent means "every event". */
  matcher: z.string().max(1500).optional(),
  /** JsonLogic (or a constant such as "1") serialised as a string. */
  computation: z.string().min(1).max(500),
  order: z.number().int(),
});
export type Computation = z.infer<typeof computationSchema>;

export const filterEntrySchema = z.strictObject({
  /** A dimension of the schema, bare (`region`) or qualified (`dimensions.region`). */
  field: z.string().min(1).max(250),
  value: z.string().min(1).max(200),
});
export type FilterEntry = z.infer<typeof filterEntrySchema>;

// An empty billableName would make an empty displayName; absent means "use the name".
const billableName = z.string().min(1).max(255);
const description = z.string().max(255);
const filters = z.array(filterEntrySchema).max(20);
const computations = z.array(computationSchema).max(20);

export const createUsageMeterRequest = z
  .strictObject({
    name: nameSchema,
    billableName: billableName.optional(),
    description: description.optional(),
    type: z.literal('COUNTER').default('COUNTER'),
    aggregation: aggregationSchema,
    eventSchemaName: nameSchema,
    filters: filters.default([]),
    computations: computations.default([]),
  })
  .meta({
    id: 'CreateUsageMeterRequest',
    example: {
      name: 'card_charge_amount',
      billableName: 'Card charges',
      description: 'Amount of successful card charges: the 2.9% of "2.9% + 30¢"',
      aggregation: 'SUM',
      eventSchemaName: 'payment',
      filters: [{ field: 'payment_mode', value: 'card' }],
      computations: [
        {
          matcher: '{"==":[{"var":"dimensions.outcome"},"succeeded"]}',
          computation: '{"var":"attributes.transaction_amount"}',
          order: 1,
        },
      ],
    },
  });
export type CreateUsageMeterRequest = z.infer<typeof createUsageMeterRequest>;

/**
 * PATCH: the fields given replace the current ones. A DRAFT meter changes freely; once activated,
 * only its names and description (see definitionChanges). `null` clears an optional text.
 */
export const updateUsageMeterRequest = z
  .strictObject({
    name: nameSchema.optional(),
    billableName: billableName.nullable().optional(),
    description: description.nullable().optional(),
    eventSchemaName: nameSchema.optional(),
    /** Togai's client sends the meter's type with an update; COUNTER is the only one. */
    type: z.literal('COUNTER').optional(),
    aggregation: aggregationSchema.optional(),
    filters: filters.optional(),
    computations: computations.optional(),
  })
  .meta({ id: 'UpdateUsageMeterRequest', example: { billableName: 'Card charges (EU)' } });
export type UpdateUsageMeterRequest = z.infer<typeof updateUsageMeterRequest>;

export const usageMeterSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    billableName: z.string().optional(),
    displayName: z.string().meta({ description: 'billableName, or name when there is none' }),
    description: z.string().optional(),
    type: z.literal('COUNTER'),
    aggregation: aggregationSchema,
    eventSchemaName: z.string(),
    eventSchema: eventSchemaSchema.optional().meta({ description: 'Only with ?includeSchema=true' }),
    filters: z.array(filterEntrySchema),
    computations: z.array(computationSchema),
    status: lifecycleStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    lastActivatedAt: z.string().optional(),
  })
  .meta({ id: 'UsageMeter' });
export type UsageMeter = z.infer<typeof usageMeterSchema>;

/** What decides which events a meter counts and how much each adds. */
export const definitionFields = ['eventSchemaName', 'aggregation', 'filters', 'computations'] as const;
export type DefinitionField = (typeof definitionFields)[number];

/**
 * The definition fields a PATCH would really change. Events metered under an activated meter's
 * definition stay in its rollups, so changing it would mix two meanings in one value. Repeating
 * the current value is not a change: a client may send back what it read. Filter order and the
 * array order of computations (they run by `order`) do not change meaning, so neither counts.
 */
export function definitionChanges(
  current: Pick<UsageMeter, DefinitionField>,
  patch: UpdateUsageMeterRequest,
): DefinitionField[] {
  const normal: Record<DefinitionField, (v: never) => string> = {
    eventSchemaName: (v: string) => v,
    aggregation: (v: Aggregation) => v,
    filters: (v: FilterEntry[]) => JSON.stringify(v.map(canonicalJson).sort()),
    computations: (v: Computation[]) => canonicalJson([...v].sort((a, b) => a.order - b.order)),
  };
  return definitionFields.filter((field) => {
    const next = patch[field];
    return next !== undefined && normal[field](next as never) !== normal[field](current[field] as never);
  });
}
