import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../shared/api/openapi-document';
import { compatibility, compatibilityMarkdown } from '../test/contract/togai-compatibility';

/** `npm run togai:compat`: writes docs/togai-compatibility.md (a test fails when it is out of date). */
const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
writeFileSync('docs/togai-compatibility.md', compatibilityMarkdown(compatibility(document.paths)));
console.log('wrote docs/togai-compatibility.md');
