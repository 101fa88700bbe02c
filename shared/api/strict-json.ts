import { Decimal } from '../decimal/decimal';
import { AppError, invalid, type FieldIssue } from '../errors/app-error';

/** Beyond this exponent a decimal is not written out in plain notation (the limits allow 512 digits). */
const MAX_PLAIN_EXPONENT = 1024;
const MAX_TEXT_ISSUES = 20;

/**
 * Reads a request body as clients meant it, or refuses it; never changes a value silently:
 * - bytes that are not UTF-8 are refused (a decoder would turn them into U+FFFD);
 * - a JSON number is read from its text: one a double holds exactly stays a number, any other
 *   (9007199254740993, 0.1000000000000000000001, 1e400) becomes its exact plain decimal string —
 *   which decimal fields take as sent and number-only fields refuse, naming the field;
 * - every string and key must be well-formed Unicode without NUL (Postgres stores neither a lone
 *   UTF-16 surrogate nor U+0000, and ids differing only there would collapse into one) —
 *   unless `checkText: false`, for bodies whose schema checks every string field itself (events,
 *   so that one bad event of a batch is refused alone, by name).
 */
export function parseJsonBody(bytes: ArrayBuffer | Uint8Array, options: { checkText?: boolean } = {}): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('malformed', 'invalid_utf8', 'The body is not valid UTF-8', [
      { path: '(body)', message: 'contains bytes that are not UTF-8' },
    ]);
  }
  let value: unknown;
  try {
    value = parseJsonExactly(text);
  } catch (error) {
    throw new AppError('malformed', 'malformed_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (options.checkText === false) {
    return value;
  }
  const issues = textIssues(value);
  if (issues.length > 0) {
    throw invalid('invalid_text', issues);
  }
  return value;
}

/**
 * JSON.parse, with numbers read from their source text (V8's JSON.parse source access, which
 * workerd has). Where the runtime lacks it, numbers are JSON.parse's own.
 */
export function parseJsonExactly(text: string): unknown {
  // Most bodies hold no number a double could get wrong: no long digit run, no exponent.
  if (!/\d{16}|\d[eE]/.test(text)) {
    return JSON.parse(text);
  }
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined ? exactNumber(value, context.source) : value,
  );
}

function exactNumber(value: number, source: string): number | string {
  if (String(value) === source) {
    return value;
  }
  const exact = new Decimal(source);
  if (Number.isFinite(value) && exact.eq(value)) {
    return value; // 1.50, 1e3: the same number
  }
  // Too far from 1 to write out: kept as sent, which no decimal field accepts.
  return Math.abs(exact.e) > MAX_PLAIN_EXPONENT ? source : exact.toFixed();
}

/** Why a string cannot be stored exactly as sent, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) {
    return 'must not contain the NUL character (U+0000)';
  }
  if (!text.isWellFormed()) {
    return 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)';
  }
  return null;
}

/** Every string and object key in a parsed JSON value that textProblem refuses, by path. */
export function textIssues(value: unknown, path = '', issues: FieldIssue[] = []): FieldIssue[] {
  if (issues.length >= MAX_TEXT_ISSUES) {
    return issues;
  }
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) {
      issues.push({ path: path || '(body)', message: problem });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => textIssues(item, join(path, String(i)), issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) {
        issues.push({ path: join(path, '(key)'), message: `a key ${problem}` });
      } else {
        textIssues(item, join(path, key), issues);
      }
    }
  }
  return issues;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
