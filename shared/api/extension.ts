/**
 * Marks what Togai's API does not have (docs/design.md §14): a Meterline-only operation, or a property
 * Togai's model lacks, carries `x-meterline-extension: true` in the OpenAPI document. A Togai
 * client ignores both; a reader of the document can tell the contract from the additions.
 *
 * On a route: `createRoute({ ...meterlineExtension, method, path, … })`.
 * On a property: `.meta(extension('what it is'))`.
 */
export const meterlineExtension = { 'x-meterline-extension': true } as const;

export function extension(description?: string) {
  return { ...meterlineExtension, ...(description ? { description } : {}) };
}
