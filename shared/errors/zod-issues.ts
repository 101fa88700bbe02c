import type { z } from 'zod';
import { invalid, type AppError, type FieldIssue } from './app-error';

export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses `input` with `schema`, or throws a validation AppError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code = 'invalid_request',
  prefix = '',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  throw invalid(code, issuesFromZod(result.error, prefix)) satisfies AppError;
}
