import { eq } from 'drizzle-orm';
import { grow, initialLayout, type DedupLayout } from '../../shared/idempotency/dedup-layout';
import { AppError } from '../../shared/errors/app-error';
import { jurisdictionSchema, placementSchema, type Jurisdiction, type Placement, type TenantSettings, type UpdateTenantSettingsRequest } from '../../shared/tenant/placement';
import type { Database, Queryable } from '../db/connect';
import { eventSchemas, features, tenants } from '../db/schema';

const placementColumns = { region: tenants.region, jurisdiction: tenants.jurisdiction, dedupLayout: tenants.dedupLayout };

/** The tenant's placement as the edge uses it (NULL columns: the defaults). */
export function toPlacement(row: { region: string | null; jurisdiction: string | null; dedupLayout: unknown }): Placement {
  return placementSchema.parse(row);
}

export async function tenantSettings(db: Queryable, tenantId: string, baseShards: number): Promise<TenantSettings> {
  const [row] = await db.select(placementColumns).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new AppError('not_found', 'tenant_not_found', `No tenant '${tenantId}'`);
  return toSettings(tenantId, toPlacement(row), baseShards);
}

/**
 * Changes a tenant's placement, its row locked for the change. The dedup layout only grows (to a
 * multiple of its shard count); the jurisdiction can change only while the tenant has no event
 * schema and no feature — without them no event can be accepted and no credit granted, so
 * nothing of the tenant exists in any object yet. From then on it is fixed, which is what lets
 * the edge route by the jurisdiction that comes with a schema or a feature, however stale its
 * copy (shared/tenant/replicated-config.ts).
 */
export async function updateTenantSettings(
  db: Database,
  tenantId: string,
  change: UpdateTenantSettingsRequest,
  baseShards: number,
  now: Date,
): Promise<TenantSettings> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select(placementColumns).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (!row) throw new AppError('not_found', 'tenant_not_found', `No tenant '${tenantId}'`);
    const placement = toPlacement(row);
    const next: Placement = { ...placement };
    if (change.region !== undefined) next.region = change.region;
    if (change.jurisdiction !== undefined && change.jurisdiction !== placement.jurisdiction) {
      const [schema] = await tx.select({ name: eventSchemas.name }).from(eventSchemas).where(eq(eventSchemas.tenantId, tenantId)).limit(1);
      const [feature] = await tx.select({ id: features.id }).from(features).where(eq(features.tenantId, tenantId)).limit(1);
      if (schema || feature) {
        throw new AppError('conflict', 'jurisdiction_fixed', 'The jurisdiction can change only while the tenant has no event schema and no feature', [
          { path: 'jurisdiction', message: 'the tenant already has event schemas or features, so its events or credits may exist outside the new jurisdiction' },
        ]);
      }
      next.jurisdiction = change.jurisdiction;
    }
    if (change.dedupShards !== undefined) {
      const grown = grow(layoutOf(placement, baseShards), change.dedupShards, now.getTime());
      if (!grown.ok) throw new AppError('validation', 'invalid_dedup_shards', grown.reason, [{ path: 'dedupShards', message: grown.reason }]);
      if (grown.layout.length > layoutOf(placement, baseShards).length) next.dedupLayout = grown.layout;
    }
    await tx.update(tenants).set({ region: next.region, jurisdiction: next.jurisdiction, dedupLayout: next.dedupLayout }).where(eq(tenants.id, tenantId));
    return toSettings(tenantId, next, baseShards);
  });
}

function layoutOf(placement: Placement, baseShards: number): DedupLayout {
  return placement.dedupLayout ?? initialLayout(baseShards);
}

function toSettings(tenantId: string, placement: Placement, baseShards: number): TenantSettings {
  const layout = layoutOf(placement, baseShards);
  return {
    tenantId,
    region: placement.region,
    jurisdiction: placement.jurisdiction,
    dedupShards: layout[layout.length - 1]!.shards,
    dedupGenerations: layout.map((g) => ({ shards: g.shards, since: new Date(g.since).toISOString() })),
  };
}

/** The tenant's jurisdiction (null: none). Final once it has an event schema or a feature. */
export async function tenantJurisdiction(db: Queryable, tenantId: string): Promise<Jurisdiction | null> {
  const [row] = await db.select({ jurisdiction: tenants.jurisdiction }).from(tenants).where(eq(tenants.id, tenantId));
  return jurisdictionSchema.nullable().parse(row?.jurisdiction ?? null);
}
