import type { Principal } from '../../shared/auth/api-key';
import type { LedgerMessage } from '../../shared/queue/ledger-message';
import type { Database } from '../db/connect';

/** The rater API runs per RPC call with a database pool and the caller the edge authenticated. */
export interface RaterHono {
  Bindings: {
    db: Database;
    principal: Principal;
    ledgerQueue: Queue<LedgerMessage>;
    /** The deployment's DEDUP_SHARDS: a tenant's dedup layout before it first grows. */
    dedupShards: number;
  };
}
