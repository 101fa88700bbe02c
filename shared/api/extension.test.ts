import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document';

/** Every text in the document, with where it is. */
function descriptions(node: unknown, path: string[] = []): { path: string; text: string }[] {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => descriptions(item, [...path, String(i)]));
  }
  if (node === null || typeof node !== 'object') {
    return [];
  }
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => [
    ...((key === 'description' || key === 'summary') && typeof value === 'string'
      ? [{ path: [...path, key].join('.'), text: value }]
      : []),
    ...descriptions(value, [...path, key]),
  ]);
}

describe('marking Meterline extensions', () => {
  const document = buildOpenApiDocument();

  it('uses x-meterline-extension only, never a "Meterline extension:" prefix in the prose', () => {
    const prose = descriptions(document).filter(
      (d) => /^\s*meterline extension\b/i.test(d.text) || /\(meterline extension\)/i.test(d.text),
    );
    expect(prose).toEqual([]);
  });

  it('marks the routes and properties Togai lacks', () => {
    const json = JSON.stringify(document);
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/parked_messages']!.get!['x-meterline-extension']).toBe(true);
    expect(paths['/events/replay']!.post!['x-meterline-extension']).toBe(true);
    expect(json).toContain('"x-meterline-extension":true');
  });
});
