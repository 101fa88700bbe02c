import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../shared/errors/app-error';
import { fromHttpException, problemResponse } from '../../shared/errors/problem';
import { accountRoutes } from './account-routes';
import { alertRoutes } from './alert-routes';
import { apiKeyRoutes } from './api-key-routes';
import { aliasRoutes } from './alias-routes';
import { creditRoutes } from './credit-routes';
import { customerContactRoutes } from './customer-contact-routes';
import { customerRoutes } from './customer-routes';
import { eventRoutes } from './event-routes';
import { eventSchemaRoutes } from './event-schema-routes';
import { featureRoutes } from './feature-routes';
import { invoiceRoutes } from './invoice-routes';
import { metricsRoutes } from './metrics-routes';
import { pricePlanRoutes } from './price-plan-routes';
import { pricingScheduleRoutes } from './pricing-schedule-routes';
import { pricePlanV2Routes } from './price-plan-v2-routes';
import { createRouter } from './router';
import { forgetMeteringConfig } from '../store/metering-config';
import { usageMeterRoutes } from './usage-meter-routes';
import { revenueRoutes } from './revenue-routes';
import { settingRoutes } from './setting-routes';
import { spendLimitRoutes } from './spend-limit-routes';
import { tenantSettingsRoutes } from './tenant-settings-routes';
import { usageRoutes } from './usage-routes';
import { webhookRoutes } from './webhook-routes';

/** The configuration and query API, served to the edge over RPC (never directly to clients). */
export const raterApi = createRouter()
  // Metering caches configuration per isolate (store/metering-config.ts): a change served here
  // takes effect for this isolate's next batch, the others' within its bound.
  .use(async (c, next) => {
    await next();
    if (c.req.method !== 'GET') {
      forgetMeteringConfig(c.env.principal.tenantId);
    }
  })
  .route('/', eventSchemaRoutes)
  .route('/', usageMeterRoutes)
  .route('/', featureRoutes)
  .route('/', pricePlanRoutes)
  .route('/', pricingScheduleRoutes)
  .route('/', pricePlanV2Routes)
  .route('/', usageRoutes)
  .route('/', metricsRoutes)
  .route('/', revenueRoutes)
  .route('/', invoiceRoutes)
  .route('/', apiKeyRoutes)
  .route('/', eventRoutes)
  .route('/', tenantSettingsRoutes)
  .route('/', settingRoutes)
  .route('/', customerRoutes)
  .route('/', accountRoutes)
  .route('/', creditRoutes)
  .route('/', spendLimitRoutes)
  .route('/', customerContactRoutes)
  .route('/', aliasRoutes)
  .route('/', alertRoutes)
  .route('/', webhookRoutes)
  .notFound(() => problemResponse(new AppError('not_found', 'route_not_found', 'No such route')))
  .onError((error) => {
    if (error instanceof HTTPException) {
      return problemResponse(fromHttpException(error));
    }
    // Anything else may hold SQL or internals, and may be an outage: Rater.serveApi tells which.
    if (!(error instanceof AppError)) {
      throw error;
    }
    return problemResponse(error);
  });
