import { and, eq, inArray } from 'drizzle-orm';
import type { Feature } from '../../shared/entitlement/feature';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import type { RatingAssociation } from '../../shared/pricing/rate-usage';
import type { Queryable } from '../db/connect';
import { eventSchemas } from '../db/schema';
import { toEventSchema } from './event-schemas';
import { activeFeatures } from './features';
import { ratingAssociationsFor } from './plan-associations';
import { activeMetersBySchema } from './usage-meters';
import { unknownAccountsOf } from './unknown-accounts';
import type { UnknownAccounts } from '../../shared/account/unknown-accounts';
import { cache, type TenantConfig } from './metering-config-cache';

export { forgetAssociations, forgetMeteringConfig } from './metering-config-cache';

/**
 * What metering reads besides the events — schemas, ACTIVE meters, ACTIVE features, plan
 * associations and the policy for unknown accounts — cached per isolate, so a queue batch reads none of it on the hot path.
 *
 * Schemas, meters and features are as stale as CONFIG_TTL_MS at most, and less where the change
 * went through this isolate: the rater API forgets a tenant's entry after every change it serves
 * (api/app.ts), and the store functions that change them forget it too. The edge validates
 * against a replica with its own bound, so an event may already be checked against configuration
 * that old; a meter activated N seconds ago counts events metered from then on, as before.
 *
 * Associations are never trusted as cached: the batch statement compares what the caller rated
 * with against what Postgres holds, under the plan locks (associationFingerprint,
 * migrations/0019_rater_single_statement.sql), and refuses the batch when they differ — the
 * caller forgets the tenant's associations, reads them again and retries. So caching them is
 * exact, and only saves the read.
 */
const CONFIG_TTL_MS = 5_000;
const MAX_TENANTS = 1_000;

function entry(tenantId: string, now = Date.now()): TenantConfig {
  const found = cache.get(tenantId);
  if (found && now - found.readAt < CONFIG_TTL_MS) {
    return found;
  }
  if (cache.size >= MAX_TENANTS) {
    cache.delete(cache.keys().next().value!);
  }
  const fresh: TenantConfig = { readAt: now, schemas: new Map(), meters: new Map(), associations: new Map() };
  cache.set(tenantId, fresh);
  return fresh;
}

export interface SchemaConfig {
  schemas: Map<string, EventSchema | undefined>;
  meters: Map<string, UsageMeter[]>;
  /** ACTIVE features that events of any of these schemas consume. */
  features: Feature[];
}

/** The schemas, their ACTIVE meters and the features they consume: read only what is not cached. */
export async function meteringConfig(
  db: Queryable,
  tenantId: string,
  schemaNames: string[],
  { needFeatures = true } = {},
): Promise<SchemaConfig> {
  const config = entry(tenantId);
  const missing = schemaNames.filter((name) => !config.schemas.has(name));
  if (missing.length > 0) {
    const rows = await db
      .select()
      .from(eventSchemas)
      .where(and(eq(eventSchemas.tenantId, tenantId), inArray(eventSchemas.name, missing)));
    const meters = await activeMetersBySchema(db, tenantId, missing);
    for (const name of missing) {
      const row = rows.find((r) => r.name === name);
      config.schemas.set(name, row ? toEventSchema(row) : null);
      config.meters.set(
        name,
        meters.filter((m) => m.eventSchemaName === name),
      );
    }
  }
  if (needFeatures && config.features === undefined) {
    config.features = await activeFeatures(db, tenantId);
  }
  const names = new Set(schemaNames);
  return {
    schemas: new Map(schemaNames.map((name) => [name, config.schemas.get(name) ?? undefined])),
    meters: new Map(schemaNames.map((name) => [name, config.meters.get(name) ?? []])),
    features: (config.features ?? []).filter((f) => f.schemaAssociations.some((a) => names.has(a.schemaName))),
  };
}

/** The tenant's policy for events of accounts never created, as stale as CONFIG_TTL_MS at most (a PATCH /settings here forgets it). */
export async function cachedUnknownAccounts(db: Queryable, tenantId: string): Promise<UnknownAccounts> {
  const config = entry(tenantId);
  config.unknownAccounts ??= await unknownAccountsOf(db, tenantId);
  return config.unknownAccounts;
}

/** The accounts' plan associations, each with its pinned plan version's definition; to be checked under the plan locks. */
export async function cachedAssociations(
  db: Queryable,
  tenantId: string,
  accountIds: string[],
): Promise<RatingAssociation[]> {
  const config = entry(tenantId);
  const missing = accountIds.filter((id) => !config.associations.has(id));
  if (missing.length > 0) {
    const found = await ratingAssociationsFor(db, tenantId, missing);
    for (const id of missing) {
      config.associations.set(
        id,
        found.filter((a) => a.accountId === id),
      );
    }
  }
  return accountIds.flatMap((id) => config.associations.get(id) ?? []);
}

/**
 * What the batch statement compares under the plan locks: every association of the accounts by
 * id, plan version and period, in id order (code points, as COLLATE "C" orders them in SQL).
 */
export function associationFingerprint(associations: RatingAssociation[]): string {
  return [...associations]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => `${a.id}/${a.pricePlanId}/${a.pricePlanVersion}/${a.effectiveFrom}/${a.effectiveUntil ?? ''}`)
    .join(',');
}
