import type { ZodError } from 'zod';
import { invalid } from './app-error';
import { issuesFromZod } from './zod-issues';

/** What a router's validation of one part of a request (json, query, param, header) found. */
export type RequestValidation = { success: true } | { success: false; target: string; error: ZodError };

/**
 * Every failed request validation becomes one 422 problem naming each bad field: the body's as
 * `invalid_body`, the query's as `invalid_query`, and so on. Both workers' routers call it for
 * every contract they serve (edge/routes/router.ts, rater/api/router.ts).
 */
export function rejectInvalidRequest(result: RequestValidation): void {
  if (!result.success) {
    throw invalid(`invalid_${result.target === 'json' ? 'body' : result.target}`, issuesFromZod(result.error));
  }
}
