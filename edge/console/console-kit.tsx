import type { Context, Hono } from 'hono';
import { AppError } from '../../shared/errors/app-error';
import type { EdgeHono } from '../hono-env';
import { callApi, problemText, type ApiAnswer, type ApiFetch, type FieldLabel } from './console-api';
import type { FormFields } from './forms/form-data';
import { Layout, type Notice, type Section } from './layout';

export type ConsoleHono = EdgeHono & { Variables: { consoleKey: string; tenant: string } };
export type ConsoleContext = Context<ConsoleHono>;
export type ConsoleApp = Hono<ConsoleHono>;

/** What every page family of the console renders and calls with. */
export interface ConsoleKit {
  /** The public API, with the signed-in key. */
  call<T = unknown>(c: ConsoleContext, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** A whole page: the layout, its title, the notice (or the one a redirect carried). */
  page(
    c: ConsoleContext,
    title: string,
    section: Section,
    content: unknown,
    notice?: Notice,
    status?: 200 | 404 | 422,
  ): Response | Promise<Response>;
}

export function consoleKit(api: ApiFetch): ConsoleKit {
  return {
    call: <T = unknown>(c: ConsoleContext, method: string, path: string, body?: unknown) =>
      callApi<T>(c, api, c.get('consoleKey'), method, path, body),
    page: (c, title, section, content, notice, status = 200) =>
      c.html(
        <Layout title={title} section={section} notice={notice ?? noticeFrom(c)} tenant={c.get('tenant')}>
          {content as never}
        </Layout>,
        status,
      ),
  };
}

export async function form(c: ConsoleContext): Promise<FormFields> {
  const body = await c.req.parseBody({ all: true });
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
}

/** After a change: back to the object's page, with what happened. */
export function done(c: ConsoleContext, location: string, message: string) {
  const separator = location.includes('?') ? '&' : '?';
  return c.redirect(`${location}${separator}ok=${encodeURIComponent(message)}`, 303);
}

function noticeFrom(c: ConsoleContext): Notice | undefined {
  const ok = c.req.query('ok');
  return ok ? { kind: 'success', title: ok.slice(0, 300) } : undefined;
}

export function failure(answer: ApiAnswer, label?: FieldLabel): Notice | undefined {
  if (answer.ok) {
    return undefined;
  }
  return { kind: 'error', ...problemText(answer, label) };
}

/** A path segment, as the API's routes take it. */
export const seg = (value: string) => encodeURIComponent(value);

/**
 * A parameter of the route's path. Page families are mounted on patterns Hono's types do not see,
 * so the parameter reads as optional; a route without it is a bug, answered 404 rather than
 * calling the API with "undefined".
 */
export function pathParam(c: ConsoleContext, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) {
    throw new AppError('not_found', 'route_not_found', `No '${name}' in this console path`);
  }
  return value;
}
