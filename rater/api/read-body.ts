import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../shared/errors/app-error';
import { parseOrThrow } from '../../shared/errors/zod-issues';

/** Reads and validates a JSON body; every bad field is named in the 422. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError('malformed', 'malformed_json', 'The body is not valid JSON');
  }
  return parseOrThrow(schema, body);
}
