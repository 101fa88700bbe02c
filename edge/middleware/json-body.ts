import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { parseJsonBody } from '../../shared/api/strict-json';
import { AppError } from '../../shared/errors/app-error';

/**
 * Refuses, before any parsing, a body that is not JSON (415) or larger than `maxBytes` (413); then
 * reads it strictly (shared/api/strict-json.ts: UTF-8, exact numbers, storable text) and hands
 * the route's validator that value instead of a plain JSON.parse of the text.
 */
export function jsonBody(maxBytes: number, options: { checkText?: boolean } = {}) {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('too_large', 'payload_too_large', `The body exceeds ${maxBytes} bytes`);
    },
  });
  return createMiddleware(async (c, next) => {
    if (!/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json');
    }
    return limit(c, async () => {
      const value = parseJsonBody(await c.req.arrayBuffer(), options);
      c.req.json = <T>() => Promise.resolve(value as T);
      await next();
    });
  });
}

/** Event bodies: the event schema checks every string (shared/event/event-wire.ts), by field. */
export const EVENT_TEXT = { checkText: false };
