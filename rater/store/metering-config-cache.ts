import type { Feature } from '../../shared/entitlement/feature';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import type { RatingAssociation } from '../../shared/pricing/rate-usage';
import type { UnknownAccounts } from '../../shared/account/unknown-accounts';

/** The isolate's cache of what metering reads (metering-config.ts); apart, so the stores that change it can forget it. */
export interface TenantConfig {
  readAt: number;
  schemas: Map<string, EventSchema | null>;
  meters: Map<string, UsageMeter[]>;
  features?: Feature[];
  /** The tenant's policy for events of accounts never created (its settings). */
  unknownAccounts?: UnknownAccounts;
  associations: Map<string, RatingAssociation[]>;
}

export const cache = new Map<string, TenantConfig>();

/** A change to a tenant's schemas, meters, features or plans: its next batch reads them again. */
export function forgetMeteringConfig(tenantId: string): void {
  cache.delete(tenantId);
}

/** Plan associations changed (or a batch found them changed): read again on next use. */
export function forgetAssociations(tenantId: string): void {
  cache.get(tenantId)?.associations.clear();
}
