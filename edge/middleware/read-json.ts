import type { Context } from 'hono';
import { AppError } from '../../shared/errors/app-error';

/** Reads a JSON body, refusing other media types and unparseable or oversized bodies clearly. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json');
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await c.req.text();
  if (text.length > maxBytes) throw tooLarge(maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('malformed', 'malformed_json', 'The body is not valid JSON');
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large', 'payload_too_large', `The body exceeds ${maxBytes} bytes`);
}
