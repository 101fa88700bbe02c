import { inject } from 'vitest';

/** A thin fetch wrapper for the e2e suite: the stack's URL and key, JSON in and out. */
export function api(key: string = inject('apiKey'), base: string = inject('stackUrl')) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : null,
      text,
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
    /** The answer's text as sent: amounts are JSON numbers whose text must be the exact decimal. */
    text: async (method: string, path: string, body?: string) => {
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
      });
      return { status: response.status, text: await response.text() };
    },
  };
}

/** Polls until `check` passes: the rater meters asynchronously, within about a second locally. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

export const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;

/**
 * The end of a read that must include every event a test sent "now": a whole minute a day ahead of
 * this run. (A fixed date, as these reads once used, stops including them when the calendar passes it.)
 */
export const READ_UNTIL = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000)
  .toISOString()
  .replace('.000Z', 'Z');
