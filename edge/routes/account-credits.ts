import { entitlementRoutes } from '../../shared/api/entitlement-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { createRouter } from './router';
import { requireScope, type Principal } from '../../shared/auth/api-key';
import { toCreditEntryWire, toFeatureCreditsWire } from '../../shared/entitlement/credit-wire';
import type { Feature } from '../../shared/entitlement/feature';
import { AppError } from '../../shared/errors/app-error';
import { tenantFeatures } from '../config/tenant-config';
import type { EdgeEnv } from '../env';
import { ledgerFor, unwrap } from '../ledger/ledger-protocol';
import type { ObjectPlacement } from '../../shared/tenant/placement';
import { jsonBody } from '../middleware/json-body';
import { scoped } from '../middleware/require-scope';

const MAX_BODY_BYTES = 16 * 1024;

/**
 * An account's feature credits (Togai's EntitlementsApi): the balance, its entries, the overage
 * limit — read and changed in the account's AccountLedger, so a read is current to the last debit.
 * Reading needs `ingest` or `read` (a customer's own edge code checks balances with its ingest
 * key); granting and changing need `admin`.
 */
export const accountCreditsRouter = createRouter();
for (const path of [
  '/accounts/:accountId/features/:featureId',
  '/accounts/:accountId/features/:featureId/entries',
  '/accounts/:accountId/features/:featureId/entries/:entryId',
]) {
  accountCreditsRouter.on(['POST', 'PATCH', 'PUT', 'DELETE'], [path, `${path}/void`], scoped('admin'));
  accountCreditsRouter.on(['POST', 'PATCH', 'PUT'], path, jsonBody(MAX_BODY_BYTES));
}

accountCreditsRouter.openapi(entitlementRoutes.credits, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'read');
  return c.json(toFeatureCreditsWire(await ledgerFor(c.env, owner, where).credits(owner, featureId)), 200);
});

accountCreditsRouter.openapi(entitlementRoutes.setOverage, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'admin');
  return c.json(
    toFeatureCreditsWire(
      await ledgerFor(c.env, owner, where).setOverageLimit(owner, featureId, c.req.valid('json').overageLimit),
    ),
    200,
  );
});

accountCreditsRouter.openapi(entitlementRoutes.listEntries, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { pageSize, nextToken } = c.req.valid('query');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'read');
  const ledger = ledgerFor(c.env, owner, where);
  const after = await decodeOwnPageToken(nextToken, (entryId) => ledger.hasEntry(featureId, entryId));
  const rows = await ledger.listEntries(featureId, after, pageSize + 1);
  const page = toPage(rows, pageSize, (entry) => entry.id);
  return c.json({ ...page, data: page.data.map(toCreditEntryWire) }, 200);
});

accountCreditsRouter.openapi(entitlementRoutes.grant, async (c) => {
  const { accountId, featureId } = c.req.valid('param');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'admin');
  const { created, entry } = unwrap(await ledgerFor(c.env, owner, where).grant(owner, featureId, c.req.valid('json')));
  return c.json(toCreditEntryWire(entry), created ? 201 : 200);
});

accountCreditsRouter.openapi(entitlementRoutes.updateEntry, async (c) => {
  const { accountId, featureId, entryId } = c.req.valid('param');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'admin');
  return c.json(
    toCreditEntryWire(
      unwrap(await ledgerFor(c.env, owner, where).updateEntry(featureId, entryId, c.req.valid('json'))),
    ),
    200,
  );
});

accountCreditsRouter.openapi(entitlementRoutes.voidEntry, async (c) => {
  const { accountId, featureId, entryId } = c.req.valid('param');
  const { owner, where } = await accountFeature(c.env, c.get('principal'), accountId, featureId, 'admin');
  unwrap(await ledgerFor(c.env, owner, where).voidEntry(featureId, entryId));
  return c.json({ success: true }, 200);
});

/**
 * Checks the caller's scope and that the feature is one of the tenant's ACTIVE features; the
 * ledger itself knows features only by id.
 */
export async function accountFeature(
  env: EdgeEnv,
  principal: Principal,
  accountId: string,
  featureId: string,
  access: 'read' | 'admin',
): Promise<{ owner: { tenantId: string; accountId: string }; feature: Feature; where: ObjectPlacement }> {
  if (access === 'read') {
    requireScope(principal, 'read', 'ingest');
  } else {
    requireScope(principal, 'admin');
  }
  const { features, jurisdiction } = await tenantFeatures(env, principal.tenantId);
  const feature = features.find((f) => f.id === featureId);
  if (!feature) {
    throw new AppError('not_found', 'feature_not_found', `No ACTIVE feature '${featureId}'`);
  }
  // The jurisdiction that comes with the features is final; the key's may be stale.
  const where = { region: principal.placement?.region ?? null, jurisdiction };
  return { owner: { tenantId: principal.tenantId, accountId }, feature, where };
}
