import { z } from 'zod';
import { Decimal } from '../decimal/decimal';
import { nameSchema } from '../event-schema/event-schema';

/**
 * Togai's decimal string (`"12.5"`); a JSON number is accepted too and kept as its shortest form,
 * in plain notation: String(1e-7) is "1e-7", which no later step reads as a decimal.
 */
export const decimalValueSchema = z.union([
  z.string().regex(/^-?\d{1,512}(\.\d+)?$/, 'must be a decimal number such as "12.5"'),
  z.number().refine(Number.isFinite, 'must be a finite number').transform((n) => new Decimal(n).toFixed()),
]);

/**
 * JSON.parse makes "__proto__" an ordinary own key, but a zod record drops it without a word: the
 * event would be accepted with that dimension silently gone. Refuse it instead (found by fuzzing).
 */
function refuseProtoKey(value: unknown, ctx: z.RefinementCtx): unknown {
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
    ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'is not a valid dimension name' });
  }
  return value;
}

export const attributeSchema = z.strictObject({
  name: nameSchema,
  value: decimalValueSchema,
  unit: z.string().min(1).max(50).optional(),
});

/** A usage event as clients send it: Togai's Event, field for field. */
export const eventSchema = z.strictObject({
  id: z.string().min(1).max(512).optional(),
  schemaName: nameSchema,
  timestamp: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z' }),
  accountId: z.string().min(1).max(512),
  attributes: z.array(attributeSchema).max(10).default([]),
  dimensions: z.preprocess(refuseProtoKey, z.record(z.string(), z.string().min(1).max(200))).default({}),
}).meta({
  id: 'Event',
  description: "A usage event, in Togai's shape. Attribute values are decimal strings (exact).",
  example: {
    id: 'req-0001',
    schemaName: 'api_calls',
    timestamp: '2026-11-23T10:15:00Z',
    accountId: 'acme',
    attributes: [{ name: 'response_bytes', value: '1500.25' }],
    dimensions: { region: 'eu', endpoint: '/v1/things' },
  },
});
export type WireEvent = z.infer<typeof eventSchema>;

export const ingestEventRequest = z.strictObject({ event: eventSchema }).meta({ id: 'IngestEventRequest' });
