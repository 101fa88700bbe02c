import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../shared/api/openapi-document';
import {
  compatibility,
  compatibilityMarkdown,
  compatibilitySummary,
  CONTRACT_TESTED,
  withSummary,
} from './togai-compatibility';
import { togaiOperations } from './togai-operations';

describe('the Togai compatibility table', () => {
  const rows = compatibility(
    (buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> }).paths,
  );

  it('names only operations Togai has, and Meterline serves every one it calls supported', () => {
    for (const name of CONTRACT_TESTED) {
      expect(togaiOperations.map((o) => o.operation)).toContain(name);
    }
    for (const row of rows.filter((r) => CONTRACT_TESTED.has(r.operation.operation))) {
      expect(row.support, row.operation.operation).toBe('supported');
    }
  });

  it('is what docs/togai-compatibility.md and README.md say (npm run togai:compat writes them)', () => {
    expect(readFileSync(new URL('../../docs/togai-compatibility.md', import.meta.url), 'utf8')).toBe(
      compatibilityMarkdown(rows),
    );
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withSummary(readme, compatibilitySummary(rows)));
  });
});
