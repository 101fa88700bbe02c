import { eq } from 'drizzle-orm';
import { grow, initialLayout, type DedupLayout } from '../../shared/idempotency/dedup-layout';
import { AppError } from '../../shared/errors/app-error';
import { objectPlacement, type Jurisdiction, type Placement, type Region, type TenantSettings, type UpdateTenantSettingsRequest } from '../../shared/tenant/placement';
import type { Database, Queryable } from '../db/connect';
import type { Databases } from '../db/databases';
import { tenants } from '../db/schema';
import { tenantHasConfiguration, toPlacement, writeTenantHome } from './tenant-home';

const placementColumns = { region: tenants.region, jurisdiction: tenants.jurisdiction, dedupLayout: tenants.dedupLayout };

export async function tenantSettings(db: Queryable, tenantId: string, baseShards: number): Promise<TenantSettings> {
  return toSettings(tenantId, await readPlacement(db, tenantId), baseShards);
}

/**
 * Changes a tenant's placement, its directory row locked for the change. The dedup layout only
 * grows (to a multiple of its shard count). The jurisdiction can change only while the tenant has
 * no configuration (event schemas, meters, features, price plans, customers) — without them no event
 * can be accepted and no credit granted, and no customer's personal data is stored, so nothing of
 * the tenant exists in any object or database yet.
 * From then on it is fixed, which is what lets the edge route by the jurisdiction that comes with
 * a schema or a feature, however stale its copy (shared/tenant/replicated-config.ts). A move
 * writes the tenant's row in its new database first, then leaves the old one under its row's lock
 * (tenant-home.ts), then records it in the directory.
 */
export async function updateTenantSettings(
  databases: Databases,
  tenantId: string,
  change: UpdateTenantSettingsRequest,
  baseShards: number,
  now: Date,
): Promise<TenantSettings> {
  const directory = databases.directory;
  const before = await readPlacement(directory, tenantId);
  const moveTo = change.jurisdiction !== undefined && change.jurisdiction !== before.jurisdiction ? change.jurisdiction : undefined;
  if (moveTo !== undefined) await leaveHome(databases, tenantId, before, moveTo, change.region === undefined ? before.region : change.region);

  const next = await directory.transaction(async (tx) => {
    const placement = await readPlacement(tx, tenantId, { lock: true });
    if (placement.jurisdiction !== before.jurisdiction) throw concurrentMove();
    const next: Placement = { ...placement };
    if (change.region !== undefined) next.region = change.region;
    if (moveTo !== undefined) {
      if (before.jurisdiction === null && (await tenantHasConfiguration(tx, tenantId))) throw jurisdictionFixed();
      next.jurisdiction = moveTo;
    }
    if (change.dedupShards !== undefined) {
      const grown = grow(layoutOf(placement, baseShards), change.dedupShards, now.getTime());
      if (!grown.ok) throw new AppError('validation', 'invalid_dedup_shards', grown.reason, [{ path: 'dedupShards', message: grown.reason }]);
      if (grown.layout.length > layoutOf(placement, baseShards).length) next.dedupLayout = grown.layout;
    }
    await tx.update(tenants).set({ region: next.region, jurisdiction: next.jurisdiction, dedupLayout: next.dedupLayout }).where(eq(tenants.id, tenantId));
    return next;
  });
  // The home copy carries the region too: ledger messages are stamped from it (placed-ledger-queue.ts).
  if (next.jurisdiction !== null) await writeTenantHome(databases.of(next.jurisdiction), tenantId, objectPlacement(next));
  return toSettings(tenantId, next, baseShards);
}

/**
 * The first steps of a move: the tenant's row in its new database (refused when the deployment has
 * none for that jurisdiction), then, when it leaves a jurisdiction's database, that database's row
 * marked left — under its lock, and only while the tenant has no configuration there.
 */
async function leaveHome(databases: Databases, tenantId: string, from: Placement, to: Jurisdiction | null, region: Region | null): Promise<void> {
  if (to !== null) {
    let home: Database;
    try {
      home = databases.of(to);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError('validation', 'jurisdiction_unavailable', error.message, [{ path: 'jurisdiction', message: error.message }]);
    }
    await writeTenantHome(home, tenantId, { region, jurisdiction: to });
  }
  if (from.jurisdiction === null) return; // the directory row is the home row: the directory step checks and moves it
  await databases.of(from.jurisdiction).transaction(async (tx) => {
    const [row] = await tx.select({ jurisdiction: tenants.jurisdiction }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (row && row.jurisdiction !== from.jurisdiction && row.jurisdiction !== to) throw concurrentMove();
    if (await tenantHasConfiguration(tx, tenantId)) throw jurisdictionFixed();
    await tx.update(tenants).set({ jurisdiction: to }).where(eq(tenants.id, tenantId));
  });
}

async function readPlacement(db: Queryable, tenantId: string, options: { lock?: boolean } = {}): Promise<Placement> {
  const query = db.select(placementColumns).from(tenants).where(eq(tenants.id, tenantId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'tenant_not_found', `No tenant '${tenantId}'`);
  return toPlacement(row);
}

function jurisdictionFixed(): AppError {
  return new AppError('conflict', 'jurisdiction_fixed', 'The jurisdiction can change only while the tenant has no configuration', [
    { path: 'jurisdiction', message: 'the tenant already has event schemas, meters, features, price plans or customers, so its events, credits or customers may exist outside the new jurisdiction' },
  ]);
}

function concurrentMove(): AppError {
  return new AppError('conflict', 'concurrent_change', 'The jurisdiction was changed by another request meanwhile; read the settings and try again', [
    { path: 'jurisdiction', message: 'changed meanwhile' },
  ]);
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
