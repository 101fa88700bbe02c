import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { invalid } from '../errors/app-error';
import { issuesFromZod } from '../errors/zod-issues';

/** Every failed request validation becomes one 422 problem naming each bad field. */
function rejectInvalid<E extends Env>(): Hook<unknown, E, string, unknown> {
  return (result) => {
    if (!result.success) {
      throw invalid(`invalid_${result.target === 'json' ? 'body' : result.target}`, issuesFromZod(result.error));
    }
  };
}

/**
 * A router whose routes are the contracts in shared/api: each is validated by, and documented
 * from, one definition. Used by the edge (ingestion) and the rater (configuration and queries).
 */
export function createRouter<E extends Env>() {
  return new OpenAPIHono<E>({ defaultHook: rejectInvalid<E>() });
}
