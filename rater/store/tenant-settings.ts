import { eq } from 'drizzle-orm';
import { grow, initialLayout, type DedupLayout } from '../../shared/idempotency/dedup-layout';
import type { UnknownAccounts } from '../../shared/account/unknown-accounts';
import { AppError } from '../../shared/errors/app-error';
import {
  objectPlacement,
  type Jurisdiction,
  type Placement,
  type TenantSettings,
  type UpdateTenantSettingsRequest,
} from '../../shared/tenant/placement';
import type { Database, Queryable } from '../db/connect';
import type { Databases } from '../db/databases';
import { tenants } from '../db/schema';
import { moveIntoHome, tenantHasConfiguration, toPlacement } from './tenant-home';
import { unknownAccountsOf } from './unknown-accounts';

const placementColumns = {
  region: tenants.region,
  jurisdiction: tenants.jurisdiction,
  dedupLayout: tenants.dedupLayout,
};

export async function tenantSettings(db: Queryable, tenantId: string, baseShards: number): Promise<TenantSettings> {
  return toSettings(tenantId, await readPlacement(db, tenantId), baseShards, await unknownAccountsOf(db, tenantId));
}

/**
 * Changes a tenant's placement, its directory row locked for the whole change, so changes of one
 * tenant happen one at a time. The dedup layout only grows (to a multiple of its shard count).
 * The jurisdiction can change only while the tenant has no configuration (event schemas, meters,
 * features, price plans, customers) — without them no event can be accepted, no credit granted
 * and no customer's personal data stored, so nothing of the tenant exists in any object or
 * database yet. From then on it is fixed, which is what lets the edge route by the jurisdiction
 * that comes with a schema or a feature, however stale its copy (shared/tenant/replicated-config.ts).
 * A move, under the directory lock: the old home is checked empty and marked left under its row's
 * lock (tenant-home.ts), the new home's row is written, then the directory row.
 */
export async function updateTenantSettings(
  databases: Databases,
  tenantId: string,
  change: UpdateTenantSettingsRequest,
  baseShards: number,
  now: Date,
): Promise<TenantSettings> {
  const next = await databases.directory.transaction(async (tx) => {
    const placement = await readPlacement(tx, tenantId, { lock: true });
    const next: Placement = { ...placement };
    if (change.region !== undefined) {
      next.region = change.region;
    }
    if (change.jurisdiction !== undefined && change.jurisdiction !== placement.jurisdiction) {
      const target = homeDatabase(databases, change.jurisdiction);
      if (placement.jurisdiction === null) {
        if (await tenantHasConfiguration(tx, tenantId)) {
          throw jurisdictionFixed();
        }
      } else {
        await leaveHome(databases.of(placement.jurisdiction), tenantId, change.jurisdiction);
      }
      next.jurisdiction = change.jurisdiction;
      if (target) {
        await moveIntoHome(target, tenantId, objectPlacement(next));
      }
    } else if (next.jurisdiction !== null && next.region !== placement.region) {
      // The home copy carries the region too: ledger messages are stamped from it (placed-ledger-queue.ts).
      await moveIntoHome(databases.of(next.jurisdiction), tenantId, objectPlacement(next));
    }
    if (change.dedupShards !== undefined) {
      const grown = grow(layoutOf(placement, baseShards), change.dedupShards, now.getTime());
      if (!grown.ok) {
        throw new AppError('validation', 'invalid_dedup_shards', grown.reason, [
          { path: 'dedupShards', message: grown.reason },
        ]);
      }
      if (grown.layout.length > layoutOf(placement, baseShards).length) {
        next.dedupLayout = grown.layout;
      }
    }
    const unknownAccounts = change.unknownAccounts ?? (await unknownAccountsOf(tx, tenantId));
    await tx
      .update(tenants)
      .set({ region: next.region, jurisdiction: next.jurisdiction, dedupLayout: next.dedupLayout, unknownAccounts })
      .where(eq(tenants.id, tenantId));
    // The rater meters in the tenant's home database, and reads the policy from its row there.
    if (next.jurisdiction !== null) {
      await databases.of(next.jurisdiction).update(tenants).set({ unknownAccounts }).where(eq(tenants.id, tenantId));
    }
    return { placement: next, unknownAccounts };
  });
  return toSettings(tenantId, next.placement, baseShards, next.unknownAccounts);
}

/** The database a jurisdiction's tenants live in (null: the directory's own row is the home row); 422 when the deployment has none. */
function homeDatabase(databases: Databases, jurisdiction: Jurisdiction | null): Database | null {
  if (jurisdiction === null) {
    return null;
  }
  try {
    return databases.of(jurisdiction);
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error;
    }
    throw new AppError('validation', 'jurisdiction_unavailable', error.message, [
      { path: 'jurisdiction', message: error.message },
    ]);
  }
}

/**
 * The tenant leaves a jurisdiction's database: under its row's lock, only while it has no
 * configuration there, the row is marked with where it went — so a request still routed there is
 * refused (inTenantHome). The directory lock keeps moves one at a time, so a row marked otherwise
 * is what a move that failed after this step left, and is marked again.
 */
async function leaveHome(home: Database, tenantId: string, to: Jurisdiction | null): Promise<void> {
  await home.transaction(async (tx) => {
    await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (await tenantHasConfiguration(tx, tenantId)) {
      throw jurisdictionFixed();
    }
    await tx.update(tenants).set({ jurisdiction: to }).where(eq(tenants.id, tenantId));
  });
}

async function readPlacement(db: Queryable, tenantId: string, options: { lock?: boolean } = {}): Promise<Placement> {
  const query = db.select(placementColumns).from(tenants).where(eq(tenants.id, tenantId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) {
    throw new AppError('not_found', 'tenant_not_found', `No tenant '${tenantId}'`);
  }
  return toPlacement(row);
}

function jurisdictionFixed(): AppError {
  return new AppError(
    'conflict',
    'jurisdiction_fixed',
    'The jurisdiction can change only while the tenant has no configuration',
    [
      {
        path: 'jurisdiction',
        message:
          'the tenant already has event schemas, meters, features, price plans, customers, registered aliases or settings, so its events, credits or customers may exist outside the new jurisdiction',
      },
    ],
  );
}

function layoutOf(placement: Placement, baseShards: number): DedupLayout {
  return placement.dedupLayout ?? initialLayout(baseShards);
}

function toSettings(
  tenantId: string,
  placement: Placement,
  baseShards: number,
  unknownAccounts: UnknownAccounts,
): TenantSettings {
  const layout = layoutOf(placement, baseShards);
  return {
    tenantId,
    region: placement.region,
    jurisdiction: placement.jurisdiction,
    dedupShards: layout[layout.length - 1]!.shards,
    dedupGenerations: layout.map((g) => ({ shards: g.shards, since: new Date(g.since).toISOString() })),
    unknownAccounts,
  };
}
