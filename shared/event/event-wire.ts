import { z } from 'zod';
import { Decimal } from '../decimal/decimal';
import { textProblem } from '../api/strict-json';
import { nameSchema } from '../event-schema/event-schema';
import { instantSchema } from '../time/instant';

/**
 * Togai's decimal string (`"12.5"`); a JSON number is accepted too and kept as its shortest form,
 * in plain notation: String(1e-7) is "1e-7", which no later step reads as a decimal.
 */
export const decimalValueSchema = z.union([
  // Bounded on both sides of the point: Postgres' NUMERIC refuses more than 16 383 fractional
  // digits, and an event the rater cannot store must be refused here, not accepted and failed.
  z
    .string()
    .regex(
      /^-?\d{1,512}(\.\d{1,512})?$/,
      'must be a decimal number such as "12.5" (at most 512 digits each side of the point)',
    ),
  z
    .number()
    .refine(Number.isFinite, 'must be a finite number')
    .transform((n) => new Decimal(n).toFixed()),
]);

/** A quantity or price that cannot be below zero: credits granted, a rate, a fee. */
export const nonNegativeDecimalSchema = decimalValueSchema.refine((v) => !v.startsWith('-'), 'must not be negative');

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

/**
 * Postgres text and jsonb hold neither U+0000 nor a lone UTF-16 surrogate: refused at the door
 * rather than failed in the rater (and ids differing only there would collapse into one).
 */
const storableText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .superRefine((v, ctx) => {
      const problem = textProblem(v);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    });

export const attributeSchema = z.strictObject({
  name: nameSchema,
  value: decimalValueSchema,
  unit: storableText(1, 50).optional(),
});

/** A usage event as clients send it: Togai's Event, field for field. */
export const eventSchema = z
  .strictObject({
    id: storableText(1, 512).optional(),
    schemaName: nameSchema,
    timestamp: instantSchema().meta({
      description: 'ISO 8601; without a zone it is UTC (as Python writes datetime.utcnow())',
    }),
    accountId: storableText(1, 512),
    attributes: z.array(attributeSchema).max(10).default([]),
    dimensions: z.preprocess(refuseProtoKey, z.record(storableText(0, 200), storableText(1, 200))).default({}),
  })
  .meta({
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
