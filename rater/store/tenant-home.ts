import { eq } from 'drizzle-orm';
import { AppError } from '../../shared/errors/app-error';
import {
  jurisdictionSchema,
  placementSchema,
  type Jurisdiction,
  type ObjectPlacement,
  type Placement,
} from '../../shared/tenant/placement';
import type { Database, Queryable } from '../db/connect';
import { aliases, customers, eventSchemas, features, pricePlans, settings, tenants, usageMeters } from '../db/schema';

/**
 * A tenant's home: the database its rows live in (rater/db/databases.ts). Each database keeps a
 * `tenants` row for every tenant living in it — in the directory the tenant's own row, in a
 * jurisdiction's database a copy written when the tenant moves there — whose `jurisdiction` says
 * which database is home. A first configuration row is written only where that row says the tenant
 * lives, with the row share-locked until it commits, and a move locks the row before it checks the
 * old home is empty: so a write racing a move either lands before the check (and the move is
 * refused) or sees the move (and is refused), never in a database the tenant has left.
 */

/** The tenant's placement as the edge uses it (NULL columns: the defaults). */
export function toPlacement(row: {
  region: string | null;
  jurisdiction: string | null;
  dedupLayout: unknown;
}): Placement {
  return placementSchema.parse(row);
}

/** The tenant's jurisdiction as the directory records it (null: none). Final once it has any configuration. */
export async function tenantJurisdiction(directory: Queryable, tenantId: string): Promise<Jurisdiction | null> {
  const [row] = await directory
    .select({ jurisdiction: tenants.jurisdiction })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return jurisdictionSchema.nullable().parse(row?.jurisdiction ?? null);
}

/** Runs `work` in a transaction in which the tenant's home row here is share-locked and says it lives here. */
export async function inTenantHome<T>(
  db: Database,
  tenantId: string,
  here: Jurisdiction | null,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const [home] = await tx
      .select({ jurisdiction: tenants.jurisdiction })
      .from(tenants)
      .where(eq(tenants.id, tenantId))
      .for('share');
    if (!home || home.jurisdiction !== here) {
      throw new AppError(
        'conflict',
        'tenant_moving',
        'The tenant’s jurisdiction changed while this request ran; send it again',
      );
    }
    return work(tx);
  });
}

/**
 * Whether the tenant has any configuration here: event schemas, meters, features, price plans
 * (events need a schema), customers (personal data; every account, credit and contact belongs to one)
 * or registered aliases (names of the tenant's customers).
 */
export async function tenantHasConfiguration(db: Queryable, tenantId: string): Promise<boolean> {
  const found = await Promise.all(
    [eventSchemas, usageMeters, features, pricePlans, customers, aliases, settings].map((table) =>
      db.select({ tenantId: table.tenantId }).from(table).where(eq(table.tenantId, tenantId)).limit(1),
    ),
  );
  return found.some((rows) => rows.length > 0);
}

/** Writes the tenant's row in a jurisdiction's database: it lives there now. Called under the directory row's lock. */
export async function moveIntoHome(db: Queryable, tenantId: string, placement: ObjectPlacement): Promise<void> {
  await db
    .insert(tenants)
    .values({ id: tenantId, name: tenantId, region: placement.region, jurisdiction: placement.jurisdiction })
    .onConflictDoUpdate({
      target: tenants.id,
      set: { region: placement.region, jurisdiction: placement.jurisdiction },
    });
}
