import { describe, expect, it } from 'vitest';
import { AppError, errorKinds, invalid, notFound, type ErrorKind } from './app-error';
import { fromHttpException, fromProblem, PROBLEM_CONTENT_TYPE, problemResponse, toProblem } from './problem';

describe('toProblem', () => {
  it('renders an AppError with its type, title, status, detail, code and field errors', () => {
    const error = invalid('invalid_event', [
      { path: 'event.timestamp', message: 'is more than 5 minutes in the future' },
      { path: 'event.dimensions.colour', message: "schema 'payment' has no dimension 'colour'" },
    ]);
    expect(toProblem(error)).toEqual({
      type: 'https://meterline.dev/problems/invalid_event',
      title: 'The request is not valid',
      status: 422,
      detail: 'event.timestamp: is more than 5 minutes in the future',
      code: 'invalid_event',
      errors: [
        { path: 'event.timestamp', message: 'is more than 5 minutes in the future' },
        { path: 'event.dimensions.colour', message: "schema 'payment' has no dimension 'colour'" },
      ],
    });
  });

  it('leaves errors out when there are none', () => {
    expect(toProblem(notFound('usage meter', 'm-1'))).toEqual({
      type: 'https://meterline.dev/problems/usage_meter_not_found',
      title: 'Not found',
      status: 404,
      detail: "No usage meter 'm-1'",
      code: 'usage_meter_not_found',
    });
  });

  it.each([
    ['validation', 422],
    ['malformed', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['unsupported_media_type', 415],
    ['rate_limited', 429],
    ['unavailable', 503],
    ['internal', 500],
  ] as const)('maps kind %s to status %i', (kind, status) => {
    expect(toProblem(new AppError(kind, 'x', 'y')).status).toBe(status);
  });

  it.each([
    ['an Error', new Error('relation "tenants" does not exist at postgres://admin:secret@db')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'secret')")],
    ['a thrown string', 'secret string'],
    ['undefined', undefined],
  ])('turns %s into a bare 500 that reveals nothing', (_, thrown) => {
    const problem = toProblem(thrown);
    expect(problem).toEqual({
      type: 'https://meterline.dev/problems/internal_error',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred',
      code: 'internal_error',
    });
    expect(JSON.stringify(problem)).not.toMatch(/secret|postgres|tenants/);
  });
});

describe('invalid', () => {
  it('uses a given detail, or a generic one without errors', () => {
    expect(invalid('c', [{ path: 'a', message: 'b' }], 'custom').detail).toBe('custom');
    expect(invalid('c', []).detail).toBe('The request is not valid');
  });
});

describe('problemResponse', () => {
  it('sends the problem as application/problem+json with its status', async () => {
    const response = problemResponse(new AppError('conflict', 'event_id_conflict', 'id reused'));
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(await response.json()).toMatchObject({ code: 'event_id_conflict', detail: 'id reused', status: 409 });
  });
});

describe('fromProblem', () => {
  it.each(Object.keys(errorKinds) as ErrorKind[])('round-trips an AppError of kind %s', (kind) => {
    const original = new AppError(
      kind,
      `some_${kind}`,
      `detail of ${kind}`,
      kind === 'validation' ? [{ path: 'p', message: 'm' }] : [],
    );
    const rebuilt = fromProblem(toProblem(original));
    expect(rebuilt).toBeInstanceOf(AppError);
    expect({ kind: rebuilt.kind, code: rebuilt.code, detail: rebuilt.detail, errors: rebuilt.errors }).toEqual({
      kind: original.kind,
      code: original.code,
      detail: original.detail,
      errors: original.errors,
    });
    expect(toProblem(rebuilt)).toEqual(toProblem(original));
  });

  it('treats a status it does not know as internal, keeping code and detail', () => {
    const rebuilt = fromProblem({ type: 't', title: 'teapot', status: 418, detail: 'short and stout', code: 'teapot' });
    expect(rebuilt).toMatchObject({
      kind: 'internal',
      status: 500,
      code: 'teapot',
      detail: 'short and stout',
      errors: [],
    });
  });
});

describe('fromHttpException', () => {
  it.each([
    [400, 400, 'malformed_json'],
    [415, 415, 'unsupported_media_type'],
    [413, 413, 'too_large'],
    [418, 500, 'internal'],
  ])('turns Hono status %i into a %i problem with code %s, hiding the message', (status, expected, code) => {
    const problem = toProblem(fromHttpException({ status, message: 'internal detail' }));
    expect(problem).toMatchObject({ status: expected, code });
    expect(problem.detail).not.toContain('internal detail');
  });
});
