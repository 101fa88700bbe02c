import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import { invalid } from '../../shared/errors/app-error';
import { issuesFromZod } from '../../shared/errors/zod-issues';
import type { RaterHono } from './hono-env';

/** Every failed request validation becomes one 422 problem naming each bad field. */
const rejectInvalid: Hook<unknown, RaterHono, string, unknown> = (result) => {
  if (!result.success) throw invalid(`invalid_${result.target === 'json' ? 'body' : result.target}`, issuesFromZod(result.error));
};

/** A router whose routes are the contracts in shared/api, validated and documented from one definition. */
export function createRouter() {
  return new OpenAPIHono<RaterHono>({ defaultHook: rejectInvalid });
}
