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
 * The LIKE pattern matching values that begin with `prefix`, lower-cased as the index is: `%`, `_`
 * and the escape character `\` in the text match themselves, not any character.
 */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
