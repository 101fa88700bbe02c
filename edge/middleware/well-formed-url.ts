import { createMiddleware } from 'hono/factory';
import { invalid, type FieldIssue } from '../../shared/errors/app-error';
import { textProblem } from '../../shared/api/strict-json';

/**
 * Refuses, before anything reads it, a path or query string that cannot be stored exactly as
 * sent: a percent-escape that is not UTF-8 (which decoders silently turn into U+FFFD), a NUL, a
 * lone surrogate. Every id and filter in a URL ends up compared with, or written to, Postgres
 * text; refused here, no route can answer 5xx for it. The error names the segment or parameter.
 */
export const wellFormedUrl = createMiddleware(async (c, next) => {
  const url = new URL(c.req.url);
  const issues: FieldIssue[] = [];
  url.pathname.split('/').forEach((segment, i) => {
    const problem = decodedProblem(segment);
    if (problem) {
      issues.push({ path: `path.${i - 1}`, message: `'${segment.slice(0, 40)}' ${problem}` });
    }
  });
  if (issues.length > 0) {
    throw invalid('invalid_path', issues);
  }
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') {
      continue;
    }
    const [rawName = '', ...rest] = pair.split('=');
    const nameProblem = decodedProblem(rawName);
    if (nameProblem) {
      issues.push({ path: 'query', message: `a parameter name ${nameProblem}` });
      continue;
    }
    const name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    const problem = decodedProblem(rest.join('='));
    if (problem) {
      issues.push({ path: name, message: problem });
    }
  }
  if (issues.length > 0) {
    throw invalid('invalid_query', issues);
  }
  await next();
});

function decodedProblem(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return 'is not valid percent-encoded UTF-8';
  }
  return textProblem(decoded);
}
