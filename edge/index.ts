import { createApp } from './app';
import type { EdgeEnv } from './env';
import { consumeLedgerQueue } from './ledger/consume-ledger-queue';

export { ConfigReplica } from './config/config-replica';
export { DedupShard } from './dedup/dedup-shard';
export { AccountLedger } from './ledger/account-ledger';

const app = createApp();

export default {
  fetch: app.fetch,
  /** The ledger queue and its dead-letter queue (wrangler.toml): metered usage debiting feature credits. */
  queue: (batch: MessageBatch<unknown>, env: EdgeEnv) => consumeLedgerQueue(batch, env),
} satisfies ExportedHandler<EdgeEnv>;
