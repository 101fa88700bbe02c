import { AppError, errorKinds, type ErrorKind, type FieldIssue } from './app-error';

/** RFC 9457 problem details, as every Meterline error leaves the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldIssue[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://meterline.dev/problems/';

/**
 * Renders any thrown value as a problem. Unknown errors become a bare 500: their message may hold
 * SQL or internals, so it is logged by the caller and never sent.
 */
export function toProblem(error: unknown): Problem {
  const appError =
    error instanceof AppError ? error : new AppError('internal', 'internal_error', 'An unexpected error occurred');
  const problem: Problem = {
    type: TYPE_BASE + appError.code,
    title: errorKinds[appError.kind].title,
    status: appError.status,
    detail: appError.detail,
    code: appError.code,
  };
  if (appError.errors.length > 0) {
    problem.errors = appError.errors;
  }
  return problem;
}

export function problemResponse(error: unknown): Response {
  const problem = toProblem(error);
  const retryAfter = error instanceof AppError ? error.retryAfterSeconds : undefined;
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    },
  });
}

/** Rebuilds an AppError from a problem another Meterline worker returned, so it passes through. */
export function fromProblem(problem: Problem): AppError {
  const kind =
    (Object.keys(errorKinds) as (keyof typeof errorKinds)[]).find((k) => errorKinds[k].status === problem.status) ??
    'internal';
  return new AppError(kind, problem.code, problem.detail, problem.errors ?? []);
}

/**
 * Hono's own errors (its body parsing, for one) carry only a status: a JSON body that does not
 * parse is a 400, one of another media type a 415. They become AppErrors like any other.
 */
export function fromHttpException(error: { status: number; message: string }): AppError {
  if (error.status === 400) {
    return new AppError('malformed', 'malformed_json', 'The body is not valid JSON');
  }
  if (error.status === 415) {
    return new AppError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json');
  }
  const kind =
    (Object.keys(errorKinds) as ErrorKind[]).find((k) => errorKinds[k].status === error.status) ?? 'internal';
  return new AppError(kind, kind, errorKinds[kind].title);
}
