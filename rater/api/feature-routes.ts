import { featureRoutes as routes } from '../../shared/api/feature-routes';
import { checkSchemaAssociations } from '../../shared/entitlement/check-schema-associations';
import {
  storedAssociations,
  toFeatureListItem,
  toFeatureResponse,
  type Feature,
  type FeatureChange,
  type SchemaAssociation,
} from '../../shared/entitlement/feature';
import { AppError, concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import type { Database } from '../db/connect';
import { findEventSchemas } from '../store/event-schemas';
import { archiveFeature, findFeature, insertFeature, listFeatures, updateFeature } from '../store/features';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

type Env = { db: Database; principal: { tenantId: string } };

/** Togai's /features API (docs/design.md §8): a feature is ACTIVE from creation until it is archived. */
export const featureRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal } = c.env;
    const request = c.req.valid('json');
    const input = { ...request, schemaAssociations: storedAssociations(request.schemaAssociations) };
    await checkAssociations(db, principal.tenantId, input.schemaAssociations);
    const created = await inTenantHome(db, principal.tenantId, c.env.home, (tx) =>
      insertFeature(tx, principal.tenantId, input),
    );
    if (!created) {
      throw nameTaken('feature', input.name, 'features');
    }
    // 200, not 201: Togai's client maps only 200 to a Feature, and would hand its caller nothing.
    return c.json(toFeatureResponse(created), 200);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { status, nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findFeature(db, principal.tenantId, id));
    const rows = await listFeatures(db, principal.tenantId, { status, afterId, limit: pageSize + 1 });
    const page = toPage(rows, pageSize, (f) => f.id);
    return c.json({ ...page, data: page.data.map(toFeatureListItem) }, 200);
  })
  .openapi(routes.get, async (c) => c.json(toFeatureResponse(await mustFind(c.env, c.req.valid('param').id)), 200))
  .openapi(routes.update, async (c) => {
    const { db, principal } = c.env;
    const feature = await mustFind(c.env, c.req.valid('param').id);
    const request = c.req.valid('json');
    const { schemaAssociations, ...rest } = request;
    const patch: FeatureChange = schemaAssociations
      ? { ...rest, schemaAssociations: storedAssociations(schemaAssociations) }
      : rest;
    if (feature.status === 'ARCHIVED') {
      throw new AppError('conflict', 'feature_archived', `Feature '${feature.id}' is archived and cannot change`);
    }
    // Only associations given are checked: a rename must not fail because a schema moved on since.
    if (patch.schemaAssociations) {
      await checkAssociations(db, principal.tenantId, patch.schemaAssociations);
    }
    const write = await updateFeature(db, principal.tenantId, feature, patch);
    if (write.ok) {
      return c.json(toFeatureResponse(write.feature), 200);
    }
    throw write.reason === 'name_taken' ? nameTaken('feature', patch.name ?? feature.name, 'features') : raced(feature);
  })
  .openapi(routes.archive, async (c) => {
    const { db, principal } = c.env;
    const feature = await mustFind(c.env, c.req.valid('param').id);
    if (feature.status === 'ARCHIVED') {
      return c.json(toFeatureResponse(feature), 200);
    }
    return c.json(toFeatureResponse((await archiveFeature(db, principal.tenantId, feature)) ?? raced(feature)), 200);
  });

async function checkAssociations(db: Database, tenantId: string, associations: SchemaAssociation[]): Promise<void> {
  const schemas = await findEventSchemas(
    db,
    tenantId,
    associations.map((a) => a.schemaName),
  );
  const issues = checkSchemaAssociations(associations, schemas);
  if (issues.length > 0) {
    throw invalid('invalid_feature', issues);
  }
}

async function mustFind(env: Env, id: string): Promise<Feature> {
  const feature = await findFeature(env.db, env.principal.tenantId, id);
  if (!feature) {
    throw notFound('feature', id);
  }
  return feature;
}

function raced(feature: Feature): never {
  throw concurrentChange('feature', feature.id);
}
