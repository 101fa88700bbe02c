/**
 * A decimal as a JSON number whose text is exactly the decimal (`119.75`, `0.0147`,
 * `1000000000000000000000.5`): never rounded through a float, as Togai's models want amounts as
 * numbers. Built on JSON.rawJSON, which the Workers runtime has; JSON.stringify (and so Hono's
 * c.json) writes it as is. Typed as a number because that is what a client reads.
 */
export function exactNumber(decimal: string): number {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?$/.test(decimal)) {
    throw new Error(`not a plain decimal: ${JSON.stringify(decimal)}`);
  }
  const raw = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;
  if (!raw) {
    throw new Error('JSON.rawJSON is not available in this runtime');
  }
  return raw(decimal) as number;
}
