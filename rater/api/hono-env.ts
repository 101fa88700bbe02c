import type { Principal } from '../../shared/auth/api-key';
import type { LedgerMessage } from '../../shared/queue/ledger-message';
import type { Jurisdiction } from '../../shared/tenant/placement';
import type { Database } from '../db/connect';
import type { Databases } from '../db/databases';

/** The rater API runs per RPC call with database pools and the caller the edge authenticated. */
export interface RaterHono {
  Bindings: {
    /** The caller's tenant's home: the database of its jurisdiction (rater/db/databases.ts). */
    db: Database;
    home: Jurisdiction | null;
    /** Tenants and API keys. */
    directory: Database;
    databases: Databases;
    principal: Principal;
    /** The ledger queue of the tenant's jurisdiction. */
    ledgerQueue: Queue<LedgerMessage>;
    /** The deployment's DEDUP_SHARDS: a tenant's dedup layout before it first grows. */
    dedupShards: number;
  };
}
