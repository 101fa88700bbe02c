import { createRoute } from '@hono/zod-openapi';
import type { z } from 'zod';
import { jsonResponse, problems, successSchema } from './common';

/**
 * The four lifecycle routes schemas and meters share (shared/lifecycle): activate, deactivate,
 * archive, and Togai's DELETE, which archives — nothing is ever deleted for good.
 */
export function lifecycleRoutes<P extends z.ZodObject, S extends z.ZodType, Path extends string>(options: {
  path: Path;
  params: P;
  schema: S;
  noun: string;
  tags: string[];
  activateSummary: string;
  deactivateSummary: string;
}) {
  const { path, params, schema, noun, tags } = options;
  const request = { params };
  return {
    activate: createRoute({
      method: 'post',
      path: `${path}/activate` as `${Path}/activate`,
      tags,
      summary: options.activateSummary,
      request,
      responses: { 200: jsonResponse(schema, `The ACTIVE ${noun}`), ...problems(404, 409, 422) },
    }),
    deactivate: createRoute({
      method: 'post',
      path: `${path}/deactivate` as `${Path}/deactivate`,
      tags,
      summary: options.deactivateSummary,
      request,
      responses: { 200: jsonResponse(schema, `The INACTIVE ${noun}`), ...problems(404, 409) },
    }),
    archive: createRoute({
      method: 'post',
      path: `${path}/archive` as `${Path}/archive`,
      tags,
      summary: 'INACTIVE → ARCHIVED (hidden, kept for good)',
      request,
      responses: { 200: jsonResponse(schema, `The ARCHIVED ${noun}`), ...problems(404, 409) },
    }),
    delete: createRoute({
      method: 'delete',
      path,
      tags,
      summary: `Togai's delete: archives the ${noun} (nothing is deleted for good)`,
      request,
      responses: { 200: jsonResponse(successSchema, 'Archived'), ...problems(404, 409) },
    }),
  };
}
