import { z } from 'zod';
import type { EventBatchMessage } from '../shared/queue/event-batch-message';
import type { Rater } from '../rater/index';
import type { ConfigReplica } from './config/config-replica';
import type { DedupShard } from './dedup/dedup-shard';
import type { AccountLedger } from './ledger/account-ledger';
import type { Jurisdiction } from '../shared/tenant/placement';

/** The edge worker's bindings, as wrangler.toml declares them: the one definition. */
export interface EdgeEnv {
  DEDUP_SHARD: DurableObjectNamespace<DedupShard>;
  CONFIG_REPLICA: DurableObjectNamespace<ConfigReplica>;
  ACCOUNT_LEDGER: DurableObjectNamespace<AccountLedger>;
  /** Accepted events, to the rater: one queue per jurisdiction (shared/queue/queue-names.ts). */
  EVENTS_QUEUE: Queue<EventBatchMessage>;
  EVENTS_QUEUE_EU?: Queue<EventBatchMessage>;
  EVENTS_QUEUE_FEDRAMP?: Queue<EventBatchMessage>;
  RATER: Service<Rater>;
  /** Requests per API key, per tenant, and failed authentications per client address (wrangler.toml). */
  KEY_LIMITER: RateLimit;
  TENANT_LIMITER: RateLimit;
  AUTH_FAILURE_LIMITER: RateLimit;
  DEDUP_SHARDS?: string;
  /** How long after sending an event a DedupShard asks the rater whether it was recorded. */
  OUTBOX_CONFIRM_AFTER_MS?: string;
  /** Local stack and tests only ("true"): workerd has no jurisdictions (edge/placement). */
  EMULATE_JURISDICTIONS?: string;
  /** Local benchmarks only: enables POST /_bench/baseline. */
  BENCH_BASELINE?: string;
}

const settingsSchema = z.object({
  DEDUP_SHARDS: z.coerce.number().int().min(1).max(1024).default(16),
  OUTBOX_CONFIRM_AFTER_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
});
export type EdgeSettings = z.infer<typeof settingsSchema>;

/** Reads the plain-text vars on each call (a cheap parse); a bad value fails every request loudly. */
export function edgeSettings(env: EdgeEnv): EdgeSettings {
  return settingsSchema.parse({ DEDUP_SHARDS: env.DEDUP_SHARDS, OUTBOX_CONFIRM_AFTER_MS: env.OUTBOX_CONFIRM_AFTER_MS });
}

/** The events queue of a jurisdiction's tenants (a restricted queue: their events stay inside it). */
export function eventsQueueOf(
  env: Pick<EdgeEnv, 'EVENTS_QUEUE' | 'EVENTS_QUEUE_EU' | 'EVENTS_QUEUE_FEDRAMP'>,
  jurisdiction: Jurisdiction | null,
): Queue<EventBatchMessage> {
  const queue =
    jurisdiction === null ? env.EVENTS_QUEUE : jurisdiction === 'eu' ? env.EVENTS_QUEUE_EU : env.EVENTS_QUEUE_FEDRAMP;
  if (!queue) {
    throw new Error(`edge configuration: no events queue binding for jurisdiction '${jurisdiction}'`);
  }
  return queue;
}
