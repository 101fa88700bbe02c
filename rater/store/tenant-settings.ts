import { eq, sql } from 'drizzle-orm';
import { grow, initialLayout, type DedupLayout } from '../../shared/idempotency/dedup-layout';
import { AppError } from '../../shared/errors/app-error';
import { placementSchema, type Placement, type TenantSettings, type UpdateTenantSettingsRequest } from '../../shared/tenant/placement';
import type { Database, Queryable } from '../db/connect';
import { eventSchemas, tenants } from '../db/schema';

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
 * schema — without one no event of it can be accepted, so none exists anywhere yet.
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
      if (schema) {
        throw new AppError('conflict', 'jurisdiction_fixed', 'The jurisdiction can change only while the tenant has no event schema', [
          { path: 'jurisdiction', message: 'the tenant already has event schemas, so its data may exist outside the new jurisdiction' },
        ]);
      }
      next.jurisdiction = change.jurisdiction;
    }
    if (change.dedupShards !== undefined) {
      const grown = grow(layoutOf(placement, baseShards), change.dedupShards, now.getTime());
      if (!grown.ok) throw new AppError('validation', 'invalid_dedup_shards', grown.reason, [{ path: 'dedupShards', message: grown.reason }]);
      if (grown.layout.length > layoutOf(placement, baseShards).length) next.dedupLayout = grown.layout;
    }
    await tx
      .update(tenants)
      .set({
        region: next.region,
        jurisdiction: next.jurisdiction,
        dedupLayout: next.dedupLayout,
        ...(next.jurisdiction !== placement.jurisdiction ? { jurisdictionChangedAt: sql`now()` } : {}),
      })
      .where(eq(tenants.id, tenantId));
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

/**
 * The edge learns a tenant's placement with its API key, up to PLACEMENT_STALENESS_MS late. A
 * first event schema — after which events can be accepted — must wait that long after a change of
 * jurisdiction, or an isolate still on the old placement could store an event outside the new
 * one. Call inside the transaction that creates the schema: the row lock orders it against a
 * concurrent change.
 */
export const PLACEMENT_STALENESS_MS = 30_000;

export async function assertPlacementSettled(tx: Queryable, tenantId: string): Promise<void> {
  const [row] = await tx
    .select({ waitMs: sql<number | null>`ceil(extract(epoch from (${tenants.jurisdictionChangedAt} + ${`${PLACEMENT_STALENESS_MS} milliseconds`}::interval - now())) * 1000)::int` })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .for('share');
  const waitMs = row?.waitMs ?? null;
  if (waitMs !== null && waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError('conflict', 'jurisdiction_settling', `The tenant's jurisdiction changed moments ago; event schemas can be created in ${seconds} s`, [], seconds);
  }
}
