import type { Jurisdiction } from '../../shared/tenant/placement';
import type { Database } from '../db/connect';

/** What a service call acts on: the tenant, its home database and the jurisdiction it lives in. */
export interface TenantContext {
  db: Database;
  tenantId: string;
  home: Jurisdiction | null;
}

/** The context of a rater API call, from its bindings (rater/api/hono-env.ts). */
export const tenantContext = (env: {
  db: Database;
  home: Jurisdiction | null;
  principal: { tenantId: string };
}): TenantContext => ({
  db: env.db,
  tenantId: env.principal.tenantId,
  home: env.home,
});
