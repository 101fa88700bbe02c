// The bindings the workerd suites see through `env` from cloudflare:test: the edge's in the edge
// project, the rater's in the rater project. Declared by hand (TOOLCHAIN: `extends` did not merge).
declare namespace Cloudflare {
  interface Env {
    DEDUP_SHARD: DurableObjectNamespace<import('../../edge/dedup/dedup-shard').DedupShard>;
    CONFIG_REPLICA: DurableObjectNamespace<import('../../edge/config/config-replica').ConfigReplica>;
    ACCOUNT_LEDGER: DurableObjectNamespace<import('../../edge/ledger/account-ledger').AccountLedger>;
    EVENTS_QUEUE: Queue<import('../../shared/queue/event-batch-message').EventBatchMessage>;
    EVENTS_QUEUE_EU: Queue<import('../../shared/queue/event-batch-message').EventBatchMessage>;
    RATER: Service<import('../../rater/index').Rater>;
    LEDGER_QUEUE: Queue<import('../../shared/queue/ledger-message').LedgerMessage>;
    DATABASE_URL: string;
    DATABASE_URL_EU: string;
    NEON_WS_PROXY: string;
    /** Bound in the rater-hyperdrive project only. */
    HYPERDRIVE?: Hyperdrive;
  }
}
