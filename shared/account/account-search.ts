import { z } from 'zod';
import { extension } from '../api/extension';

/**
 * GET /accounts?search= (a Meterline extension: Togai's list has only nextToken and pageSize): the
 * accounts whose id or name begins with the text, ignoring case. A prefix, not a substring, so that
 * a btree range over lower(id) and lower(name) answers it however many accounts a tenant has.
 */
export const accountSearchSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255)
  .optional()
  .meta(extension('Only accounts whose id or name begins with this text, ignoring case'));

/**
 * The LIKE pattern matching values that begin with `prefix`: `%`, `_` and the escape character `\`
 * in the text match themselves, not any character. Case is left to the query, which lowers the
 * pattern with the same lower() as the indexed values — JavaScript's toLowerCase folds some letters
 * otherwise (a final sigma, a dotted capital I; under a C collation every non-ASCII letter).
 */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
