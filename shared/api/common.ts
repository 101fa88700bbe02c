import { z } from 'zod';
import { lifecycleStatusSchema } from '../event-schema/event-schema';

/** RFC 9457 problem details: every error response of the API. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable error code' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** The error responses of a route, documented once. */
export function problems(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503)[]) {
  const descriptions: Record<number, string> = {
    400: 'The body is not valid JSON',
    401: 'No API key, or not a valid one',
    403: 'The API key lacks the scope this route needs',
    404: 'No such object for this tenant',
    409: 'Conflicts with the current state (e.g. a lifecycle rule)',
    413: 'The body is too large',
    415: 'The body is not application/json',
    422: 'The input is not valid; `errors` names each field',
    429: 'Too many requests',
    503: 'Briefly unavailable; retry',
  };
  return Object.fromEntries(
    [401, 403, 429, ...statuses].map((s) => [s, { description: descriptions[s]!, content: problemContent }]),
  );
}

export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Togai's pagination: an opaque `nextToken` and a `pageSize`. */
export const pageQuerySchema = z.object({
  nextToken: z.string().max(1000).optional().meta({ description: 'From the previous page; absent for the first page' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageSchema<S extends z.ZodType>(item: S, id: string) {
  return z
    .object({
      data: z.array(item),
      nextToken: z.string().optional().meta({ description: 'Present when there are more items' }),
      context: z.object({ pageSize: z.number().int(), sortOrder: z.enum(['ASC', 'DESC']) }),
    })
    .meta({ id });
}

export const statusFilterSchema = lifecycleStatusSchema.optional().meta({
  description: 'Only this status. Without it, everything but ARCHIVED.',
});

export const successSchema = z.object({ success: z.boolean() }).meta({ id: 'BaseSuccessResponse' });
