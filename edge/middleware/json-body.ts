import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../shared/errors/app-error';

/** Refuses, before any parsing, a body that is not JSON (415) or larger than `maxBytes` (413). */
export function jsonBody(maxBytes: number) {
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
    return limit(c, next);
  });
}
