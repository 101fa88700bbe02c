import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { accountRoutes } from './account-routes';
import { alertRoutes } from './alert-routes';
import { apiKeyRoutes } from './api-key-routes';
import { aliasRoutes } from './alias-routes';
import { creditRoutes } from './credit-routes';
import { customerContactRoutes } from './customer-contact-routes';
import { customerRoutes } from './customer-routes';
import { eventRoutes } from './event-routes';
import { entitlementRoutes } from './entitlement-routes';
import { eventSchemaRoutes } from './event-schema-routes';
import { featureRoutes } from './feature-routes';
import { ingestRoutes } from './ingest-routes';
import { metricsRoutes } from './metrics-routes';
import { pricePlanRoutes } from './price-plan-routes';
import { pricingScheduleRoutes } from './pricing-schedule-routes';
import { pricePlanV2Routes } from './price-plan-v2-routes';
import { usageMeterRoutes } from './usage-meter-routes';
import { reservationRoutes } from './reservation-routes';
import { revenueRoutes } from './revenue-routes';
import { settingRoutes } from './setting-routes';
import { tenantSettingsRoutes } from './tenant-settings-routes';
import { usageRoutes } from './usage-routes';
import { webhookRoutes } from './webhook-routes';

/** Every route of the public API, grouped as the handlers are. The document is built from these. */
export const apiRoutes: Record<string, Record<string, RouteConfig>> = {
  ingest: ingestRoutes,
  eventSchemas: eventSchemaRoutes,
  usageMeters: usageMeterRoutes,
  features: featureRoutes,
  entitlements: entitlementRoutes,
  reservations: reservationRoutes,
  pricePlans: pricePlanRoutes,
  pricingSchedules: pricingScheduleRoutes,
  pricePlansV2: pricePlanV2Routes,
  usage: usageRoutes,
  metrics: metricsRoutes,
  revenue: revenueRoutes,
  apiKeys: apiKeyRoutes,
  events: eventRoutes,
  tenantSettings: tenantSettingsRoutes,
  settings: settingRoutes,
  customers: customerRoutes,
  accounts: accountRoutes,
  credits: creditRoutes,
  customerContacts: customerContactRoutes,
  aliases: aliasRoutes,
  alerts: alertRoutes,
  webhooks: webhookRoutes,
};

/** The OpenAPI 3.1 document of the public API (served by the edge at GET /openapi.json). */
export function buildOpenApiDocument(serverUrl?: string) {
  const doc = new OpenAPIHono();
  doc.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer ml_…`. Scopes: ingest, read, admin.',
  });
  for (const group of Object.values(apiRoutes)) {
    for (const route of Object.values(group)) doc.openAPIRegistry.registerPath(route);
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
