import { parseJsonExactly } from '../../shared/api/strict-json';
import type { Context } from 'hono';
import type { EdgeEnv } from '../env';

export interface ApiAnswer<T = unknown> {
  status: number;
  ok: boolean;
  body: T;
}

/** What a call to the API needs of the console's request: its URL, the worker's bindings and context. */
export interface ApiContext {
  req: { url: string };
  env: EdgeEnv;
  executionCtx: Context['executionCtx'];
}

/** The public API's fetch, as the console calls it: the same routes, checks and tenant scoping. */
export type ApiFetch = (request: Request, c: ApiContext) => Promise<Response>;

/**
 * A call to Meterline's own public API with the signed-in key: the console is a client of the
 * API like any other, so it can never see or do more than the key allows.
 */
export async function callApi<T = unknown>(
  c: ApiContext,
  api: ApiFetch,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const url = new URL(path, c.req.url);
  const request = new Request(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await api(request, c);
  const text = await response.text();
  // Amounts arrive as exact decimals written as JSON numbers: read them without rounding.
  return { status: response.status, ok: response.ok, body: (text ? parseJsonExactly(text) : null) as T };
}

/** The label a form shows for a field the API names by its path, if the form has one. */
export type FieldLabel = (path: string) => string | undefined;

/**
 * A refusal as the console shows it: the API's detail and each field it names — by the form's
 * label as well when the page has one, so the reader finds the field on screen.
 */
export function problemText(answer: ApiAnswer, label?: FieldLabel): { title: string; fields: string[] } {
  const problem = answer.body as { detail?: string; errors?: { path: string; message: string }[] } | null;
  return {
    title: problem?.detail ?? `The request failed (${answer.status})`,
    fields: (problem?.errors ?? []).map((e) => {
      const shown = label?.(e.path);
      return `${shown ? `${shown} (${e.path})` : e.path}: ${e.message}`;
    }),
  };
}
