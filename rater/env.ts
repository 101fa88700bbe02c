import { z } from 'zod';
import type { LedgerMessage } from '../shared/queue/ledger-message';
import type { DatabaseConfig } from './db/connect';

/** The rater's bindings, as rater/wrangler.toml declares them: the one definition. */
export interface RaterEnv {
  DATABASE_URL: string;
  /** Where metered events' feature consumption goes, to the edge's AccountLedger objects. */
  LEDGER_QUEUE: Queue<LedgerMessage>;
  NEON_WS_PROXY?: string;
  /** Days raw events are kept (default 400, at least 60); usage rollups are kept for good. */
  RAW_EVENT_RETENTION_DAYS?: string;
  /** The edge's DEDUP_SHARDS, the same value (a test compares the two configs). */
  DEDUP_SHARDS?: string;
}

/** A tenant's dedup layout before it first grows: the edge's DEDUP_SHARDS shards. */
export function dedupShards(env: RaterEnv): number {
  return z.coerce.number().int().min(1).max(1024).default(16).parse(env.DEDUP_SHARDS);
}

const databaseConfigSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  NEON_WS_PROXY: z.string().min(1).optional(),
});

/** Validated at first use: a missing secret names itself instead of failing inside the driver. */
export function databaseConfig(env: RaterEnv): DatabaseConfig {
  const parsed = databaseConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`rater configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
