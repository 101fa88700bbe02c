/**
 * The one error type of Meterline. Every failure a client can see is an AppError with a `kind`
 * (which decides the HTTP status, in one table) and a stable `code` clients can branch on.
 * Expected outcomes — a duplicate event, a denied entitlement — are values, never AppErrors.
 */
export const errorKinds = {
  validation: { status: 422, title: 'The request is not valid' },
  malformed: { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Temporarily unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ErrorKind = keyof typeof errorKinds;

/** One problem with one field of the input; `path` is dotted (`event.attributes.0.value`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
    /** For `rate_limited` and `unavailable`: when to try again, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }

  get status(): number {
    return errorKinds[this.kind].status;
  }
}

/** 429 with the seconds after which the caller may try again. */
export function rateLimited(code: string, detail: string, retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', code, detail, [], retryAfterSeconds);
}

export function invalid(code: string, errors: FieldIssue[], detail?: string): AppError {
  const first = errors[0];
  return new AppError(
    'validation',
    code,
    detail ?? (first ? `${first.path}: ${first.message}` : 'The request is not valid'),
    errors,
  );
}

/** A configuration object's name already used by another (`what`: 'usage meter'; `plural`: 'meters'). */
export function nameTaken(what: string, name: string, plural: string): AppError {
  const article = /^[aeiou]/i.test(what) ? 'An' : 'A';
  return new AppError(
    'conflict',
    `${what.replaceAll(' ', '_')}_exists`,
    `${article} ${what} named '${name}' already exists`,
    [{ path: 'name', message: `is taken (archived ${plural} keep their names)` }],
  );
}

/** An optimistic write lost to another: the object changed after the request read it. */
export function concurrentChange(what: string, id: string): AppError {
  return new AppError(
    'conflict',
    'concurrent_change',
    `${what[0]!.toUpperCase()}${what.slice(1)} '${id}' changed while this request ran; read it and retry`,
  );
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `${what.replaceAll(' ', '_')}_not_found`, `No ${what} '${id}'`);
}
