import type { RouteConfig } from '@hono/zod-openapi';
import type { Scope } from '../auth/api-key';
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
import { invoiceRoutes } from './invoice-routes';
import { metricsRoutes } from './metrics-routes';
import { pricePlanRoutes } from './price-plan-routes';
import { pricingScheduleRoutes } from './pricing-schedule-routes';
import { pricePlanV2Routes } from './price-plan-v2-routes';
import { usageMeterRoutes } from './usage-meter-routes';
import { reservationRoutes } from './reservation-routes';
import { revenueRoutes } from './revenue-routes';
import { settingRoutes } from './setting-routes';
import { spendLimitRoutes, spendRoutes } from './spend-limit-routes';
import { tenantSettingsRoutes } from './tenant-settings-routes';
import { usageRoutes } from './usage-routes';
import { webhookRoutes } from './webhook-routes';

type RouteGroups = Record<string, Record<string, RouteConfig>>;

/** The routes the edge answers itself: ingestion and everything the AccountLedger decides. */
export const edgeApiRoutes = {
  ingest: ingestRoutes,
  entitlements: entitlementRoutes,
  reservations: reservationRoutes,
  spend: spendRoutes,
} satisfies RouteGroups;

/**
 * The routes the rater answers, next to Postgres: the edge forwards exactly these
 * (edge/routes/forward-to-rater.ts), with the scope each needs (`requiredScope`).
 */
export const raterApiRoutes = {
  eventSchemas: eventSchemaRoutes,
  usageMeters: usageMeterRoutes,
  features: featureRoutes,
  pricePlans: pricePlanRoutes,
  pricingSchedules: pricingScheduleRoutes,
  pricePlansV2: pricePlanV2Routes,
  usage: usageRoutes,
  metrics: metricsRoutes,
  revenue: revenueRoutes,
  invoices: invoiceRoutes,
  apiKeys: apiKeyRoutes,
  events: eventRoutes,
  tenantSettings: tenantSettingsRoutes,
  settings: settingRoutes,
  customers: customerRoutes,
  accounts: accountRoutes,
  credits: creditRoutes,
  spendLimits: spendLimitRoutes,
  customerContacts: customerContactRoutes,
  aliases: aliasRoutes,
  alerts: alertRoutes,
  webhooks: webhookRoutes,
} satisfies RouteGroups;

const { ingest, entitlements, reservations, spend } = edgeApiRoutes;
const { eventSchemas, usageMeters, features, ...laterRaterRoutes } = raterApiRoutes;
/** Every route of the public API, grouped as the handlers are, in the OpenAPI document's order. */
export const apiRoutes: RouteGroups = {
  ingest,
  eventSchemas,
  usageMeters,
  features,
  entitlements,
  reservations,
  spend,
  ...laterRaterRoutes,
};

/**
 * The scope a route needs: reads need `read`, changes `admin` — a POST that only reads (Togai's
 * POST /metrics) says so in its contract with `x-meterline-scope`.
 */
export function requiredScope(route: RouteConfig): Scope {
  const declared = (route as { 'x-meterline-scope'?: Scope })['x-meterline-scope'];
  if (declared) {
    return declared;
  }
  return route.method === 'get' || route.method === 'head' ? 'read' : 'admin';
}
