import { createApp } from './app';
import type { EdgeEnv } from './env';
import { consumeLedgerDebits } from './ledger/consume-ledger-debits';

export { ConfigReplica } from './config/config-replica';
export { DedupShard } from './dedup/dedup-shard';
export { AccountLedger } from './ledger/account-ledger';

const app = createApp();

export default {
  fetch: app.fetch,
  /** The ledger queue (wrangler.toml): metered usage debiting feature credits. */
  queue: (batch: MessageBatch<unknown>, env: EdgeEnv) => consumeLedgerDebits(batch, env),
} satisfies ExportedHandler<EdgeEnv>;
