import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../shared/api/openapi-document';
import {
  compatibility,
  compatibilityMarkdown,
  compatibilitySummary,
  withSummary,
} from '../test/contract/togai-compatibility';

/** `npm run togai:compat`: writes docs/togai-compatibility.md and README's summary of it (a test fails when either is out of date). */
const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
const rows = compatibility(document.paths);
writeFileSync('docs/togai-compatibility.md', compatibilityMarkdown(rows));
writeFileSync('README.md', withSummary(readFileSync('README.md', 'utf8'), compatibilitySummary(rows)));
console.log('wrote docs/togai-compatibility.md and the summary in README.md');
