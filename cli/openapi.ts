import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument } from '../shared/api/openapi-document';

/**
 * `npm run openapi`: writes the API's OpenAPI 3.1 document to docs/openapi.json, and the
 * TypeScript types a third-party generator (openapi-typescript) makes of it, which the e2e suite's
 * typed client uses. The e2e suite fails when either is out of date with the running API.
 */
export async function generateClientTypes(document: unknown): Promise<string> {
  // defaultNonNullable off: a request field with a default (e.g. `attributes: []`) may be omitted.
  return astToString(await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: false }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = buildOpenApiDocument();
  writeFileSync('docs/openapi.json', `${JSON.stringify(document, null, 2)}\n`);
  writeFileSync('test/support/generated/meterline-api.d.ts', await generateClientTypes(document));
  console.log('wrote docs/openapi.json and test/support/generated/meterline-api.d.ts');
}
