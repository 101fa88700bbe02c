import { z } from 'zod';
import { AppError } from '../shared/errors/app-error';
import type { LedgerMessage } from '../shared/queue/ledger-message';
import type { Jurisdiction } from '../shared/tenant/placement';

/** The rater's bindings, as rater/wrangler.toml declares them: the one definition. */
export interface RaterEnv {
  /** The directory (tenants, API keys) and the rows of tenants without a jurisdiction. */
  DATABASE_URL?: string;
  /** The rows of EU and FedRAMP tenants, when the deployment serves them (rater/db/databases.ts). */
  DATABASE_URL_EU?: string;
  DATABASE_URL_FEDRAMP?: string;
  /**
   * Hyperdrive in front of the same databases (docs/database-path.md): a bound one is used
   * instead of its DATABASE_URL*, which may then be left unset.
   */
  HYPERDRIVE?: Hyperdrive;
  HYPERDRIVE_EU?: Hyperdrive;
  HYPERDRIVE_FEDRAMP?: Hyperdrive;
  /** Where metered events' feature consumption goes, to the edge's AccountLedger objects: one queue per jurisdiction. */
  LEDGER_QUEUE: Queue<LedgerMessage>;
  LEDGER_QUEUE_EU?: Queue<LedgerMessage>;
  LEDGER_QUEUE_FEDRAMP?: Queue<LedgerMessage>;
  NEON_WS_PROXY?: string;
  /** Days raw events are kept (default 400, at least 60); usage rollups are kept for good. */
  RAW_EVENT_RETENTION_DAYS?: string;
  /** Seconds between webhook attempts, comma-separated (shared/webhook/retry-schedule.ts); unset: the default, over a day. */
  WEBHOOK_RETRY_SECONDS?: string;
  /** Seconds every attempt to an endpoint must fail before it is disabled (shared/webhook/endpoint-health.ts); unset: five days. */
  WEBHOOK_DISABLE_AFTER_SECONDS?: string;
  /**
   * 'true' where no cron fires (the local stack sets it): queue traffic starts a pass freezing due
   * invoices, at most hourly. Deployed, the daily cron does (rater/wrangler.toml).
   */
  INVOICE_FREEZE_ON_TRAFFIC?: string;
  /** The edge's DEDUP_SHARDS, the same value (a test compares the two configs). */
  DEDUP_SHARDS?: string;
}

/** A tenant's dedup layout before it first grows: the edge's DEDUP_SHARDS shards. */
export function dedupShards(env: RaterEnv): number {
  return z.coerce.number().int().min(1).max(1024).default(16).parse(env.DEDUP_SHARDS);
}

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');
/** An empty value (a var set to '') means unset: the deployment does not serve that jurisdiction. */
const optionalPostgresUrl = z.preprocess((value) => (value === '' ? undefined : value), postgresUrl.optional());
const databaseConfigSchema = z.object({
  DATABASE_URL: optionalPostgresUrl,
  DATABASE_URL_EU: optionalPostgresUrl,
  DATABASE_URL_FEDRAMP: optionalPostgresUrl,
  NEON_WS_PROXY: z.string().min(1).optional(),
});
export type DatabaseUrls = z.infer<typeof databaseConfigSchema>;

/** Validated at first use: a missing secret names itself instead of failing inside the driver. */
export function databaseConfig(env: RaterEnv): DatabaseUrls {
  const parsed = databaseConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `rater configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  if (!parsed.data.DATABASE_URL && !env.HYPERDRIVE) {
    throw new Error('rater configuration: DATABASE_URL must be set, or a HYPERDRIVE binding bound');
  }
  return parsed.data;
}

/** The ledger queue of a jurisdiction's tenants (a restricted queue: their debits stay inside it). */
export function ledgerQueueOf(env: RaterEnv, jurisdiction: Jurisdiction | null): Queue<LedgerMessage> {
  const queue =
    jurisdiction === null ? env.LEDGER_QUEUE : jurisdiction === 'eu' ? env.LEDGER_QUEUE_EU : env.LEDGER_QUEUE_FEDRAMP;
  if (!queue) {
    throw new AppError(
      'unavailable',
      'jurisdiction_unavailable',
      `This deployment has no ledger queue for jurisdiction '${jurisdiction}' (LEDGER_QUEUE_${jurisdiction?.toUpperCase()})`,
    );
  }
  return queue;
}
