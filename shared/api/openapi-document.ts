import { OpenAPIHono } from '@hono/zod-openapi';
import { apiRoutes } from './api-routes';

/** The OpenAPI 3.1 document of the public API (served by the edge at GET /openapi.json). */
export function buildOpenApiDocument(serverUrl?: string) {
  const doc = new OpenAPIHono();
  doc.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer ml_…`. Scopes: ingest, read, admin.',
  });
  for (const group of Object.values(apiRoutes)) {
    for (const route of Object.values(group)) {
      doc.openAPIRegistry.registerPath(route);
    }
  }
  return doc.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Meterline API',
      version: '0.1.0',
      description:
        "Usage metering at the edge. Paths and JSON shapes follow Togai's API wherever Togai has the feature; " +
        'errors are RFC 9457 problem+json.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
  });
}
