import { z } from 'zod';
import { lifecycleStatusSchema, nameSchema } from '../event-schema/event-schema';

/**
 * COUNT and SUM are Togai's; MAX, MIN and LATEST are Meterline's extension. All five are exact
 * from per-minute rollups. (UNIQUE_COUNT, in DESIGN §4, needs a distinct-value store and is not
 * accepted until that exists — refusing it beats answering it wrong.)
 */
export const aggregations = ['COUNT', 'SUM', 'MAX', 'MIN', 'LATEST'] as const;
export const aggregationSchema = z.enum(aggregations);
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

export const createUsageMeterRequest = z.strictObject({
  name: nameSchema,
  billableName: z.string().max(255).optional(),
  description: z.string().max(255).optional(),
  type: z.literal('COUNTER').default('COUNTER'),
  aggregation: aggregationSchema,
  eventSchemaName: nameSchema,
  filters: z.array(filterEntrySchema).max(20).default([]),
  computations: z.array(computationSchema).max(20).default([]),
});
export type CreateUsageMeterRequest = z.infer<typeof createUsageMeterRequest>;

export const usageMeterSchema = z.object({
  id: z.string(),
  name: z.string(),
  billableName: z.string().optional(),
  displayName: z.string(),
  description: z.string().optional(),
  type: z.literal('COUNTER'),
  aggregation: aggregationSchema,
  eventSchemaName: z.string(),
  filters: z.array(filterEntrySchema),
  computations: z.array(computationSchema),
  status: lifecycleStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivatedAt: z.string().optional(),
});
export type UsageMeter = z.infer<typeof usageMeterSchema>;
