import { entitlementRoutes } from '../../shared/api/entitlement-routes';
import { createRouter } from './router';
import { requireScope } from '../../shared/auth/api-key';
import { grantsValue } from '../../shared/entitlement/entitlement-value';
import { AppError } from '../../shared/errors/app-error';
import { tenantFeatures } from '../config/tenant-config';
import { ledgerFor } from '../ledger/ledger-protocol';
import { jsonBody } from '../middleware/json-body';
import { scoped } from '../middleware/require-scope';
import { accountFeature } from './account-credits';

/**
 * Boolean and configuration entitlements (Togai's entitlement values): a value per account and
 * feature — "true", "10" seats, "gold" — set by an admin, read and checked from client code.
 */
export const accountEntitlementsRouter = createRouter();
accountEntitlementsRouter.put('/accounts/:accountId/entitlements/:featureId', scoped('admin'));
accountEntitlementsRouter.post('/accounts/:accountId/entitlements/:featureId', scoped('read', 'ingest'));
accountEntitlementsRouter.on(['POST', 'PUT'], '/accounts/:accountId/entitlements/:featureId', jsonBody(4 * 1024));

accountEntitlementsRouter.openapi(entitlementRoutes.values, async (c) => {
  const principal = c.get('principal');
  requireScope(principal, 'read', 'ingest');
  const { accountId } = c.req.valid('param');
  const owner = { tenantId: principal.tenantId, accountId };
  const { features, jurisdiction } = await tenantFeatures(c.env, owner.tenantId);
  const values = await ledgerFor(c.env, owner, {
    region: principal.placement?.region ?? null,
    jurisdiction,
  }).entitlementValues();
  const names = new Map(features.map((f) => [f.id, f.name]));
  const data = values
    .filter((v) => names.has(v.featureId))
    .map((v) => ({ ...v, featureName: names.get(v.featureId)! }));
  return c.json({ data }, 200);
});

accountEntitlementsRouter.openapi(entitlementRoutes.value, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { owner, feature, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'read');
  const value = (await ledgerFor(c.env, owner, where).entitlementValues()).find((v) => v.featureId === featureId);
  if (!value) {
    throw new AppError(
      'not_found',
      'entitlement_not_found',
      `Account '${accountId}' has no value for feature '${featureId}'`,
    );
  }
  return c.json({ data: [{ ...value, featureName: feature.name }] }, 200);
});

accountEntitlementsRouter.openapi(entitlementRoutes.setValue, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { owner, feature, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'admin');
  const { value } = c.req.valid('json');
  await ledgerFor(c.env, owner, where).setEntitlementValue(featureId, value);
  return c.json({ featureId, featureName: feature.name, value }, 200);
});

accountEntitlementsRouter.openapi(entitlementRoutes.checkValue, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'read');
  const configured = (await ledgerFor(c.env, owner, where).entitlementValues()).find(
    (v) => v.featureId === featureId,
  )?.value;
  const entitled = configured !== undefined && grantsValue(configured, c.req.valid('json').value);
  // Togai's answer is a BaseSuccessResponse either way: not being entitled is an answer, not an error.
  return c.json(
    { success: entitled, entitled, featureId, ...(configured !== undefined ? { value: configured } : {}) },
    200,
  );
});
