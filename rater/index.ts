import { WorkerEntrypoint } from 'cloudflare:workers';
import { z } from 'zod';
import { principalSchema, type Principal } from '../shared/auth/api-key';
import { AppError } from '../shared/errors/app-error';
import { problemResponse } from '../shared/errors/problem';
import { raterApi } from './api/app';
import { databaseAnswers, type Database } from './db/connect';
import { Databases, servedJurisdictions } from './db/databases';
import { dedupShards, ledgerQueueOf, type RaterEnv } from './env';
import { consumeEventBatch } from './pipeline/consume-event-batch';
import { deliverWebhooksFor } from './pipeline/deliver-webhooks';
import { parseDisableAfter } from '../shared/webhook/endpoint-health';
import { parseRetrySchedule } from '../shared/webhook/retry-schedule';
import { freezeDueInvoices, FREEZE_RESTART_MS } from './pipeline/freeze-due-invoices';
import { grantAllPlanCredits } from './pipeline/grant-all-plan-credits';
import { placedLedgerQueue } from './pipeline/placed-ledger-queue';
import { purgeRawEvents, retentionDays } from './pipeline/purge-raw-events';
import { resendStaleDebits } from './pipeline/resend-stale-debits';
import { keyHashOf, principalForKeyHash } from './store/api-keys';
import { findEventSchema } from './store/event-schemas';
import { recordedEventIds } from './store/events';
import { settleLedgerDebits } from './store/ledger-outbox';
import { settleCreditChanges } from './store/ledger-corrections';
import { settleSpendAdjustments, spendAdjustmentsAfter, withOwedAdjustments } from './store/spend-adjustments';
import { sendMessages } from './pipeline/send-spend-adjustments';
import { sendCreditChanges } from './pipeline/send-credit-changes';
import type { MessageToPark } from '../shared/queue/parked-message';
import { parkMessages } from './store/parked-messages';
import { activeFeatures } from './store/features';
import { balanceAlertsOf, recordBalanceCrossings } from './store/balance-alerts';
import {
  balanceCrossingSchema,
  type BalanceCrossing,
  type WatchedBalanceAlert,
} from '../shared/alert/balance-crossings';
import { findSpendLimit, type StoredSpendLimit } from './store/spend-limits';
import { tenantJurisdiction } from './store/tenant-home';
import type { LedgerMessage, SpendAdjustment } from '../shared/queue/ledger-message';
import { parseQueueName } from '../shared/queue/queue-names';
import type { Jurisdiction } from '../shared/tenant/placement';
import type { ReplicatedFeatures, ReplicatedSchema } from '../shared/tenant/replicated-config';

/** rater/wrangler.toml's ten-minute cron. */
const TEN_MINUTE_CRON = '*/10 * * * *';
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

const spendLimitOfInput = z.object({ tenantId: z.string().min(1), accountId: z.string().min(1) });
const settleInput = z.object({ tenantId: z.string().min(1), ids: z.array(z.string().min(1)).max(10_000) });
const settleAdjustmentsInput = z.object({
  tenantId: z.string().min(1),
  ids: z.array(z.string().regex(/^[1-9][0-9]{0,18}$/)).max(10_000),
});
const settleCorrectionsInput = z.object({
  tenantId: z.string().min(1),
  corrections: z.array(z.object({ eventId: z.string().min(1), seq: z.number().int().positive() })).max(10_000),
});
const balanceAlertsInput = z.object({ tenantId: z.string().min(1), accountId: z.string().min(1) });
const balanceCrossingsInput = z.object({
  tenantId: z.string().min(1),
  crossings: z.array(balanceCrossingSchema).max(1000),
});
const parkInput = z
  .array(
    z.object({
      queue: z.string().min(1),
      tenantId: z.string().min(1).nullable(),
      body: z.unknown(),
      reason: z.string(),
    }),
  )
  .max(1000);

/**
 * The rater: consumes the events queue and serves the edge over RPC. It has no public route —
 * `fetch` refuses everything — so only the edge, through its service binding, can reach it.
 */
export class Rater extends WorkerEntrypoint<RaterEnv> {
  override async fetch(): Promise<Response> {
    return problemResponse(
      new AppError('not_found', 'route_not_found', 'The rater is reachable only through the edge'),
    );
  }

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    await consumeEventBatch(batch, this.env, this.ctx);
    // The crossings this batch recorded (and earlier ones due) go out now, after its commit.
    const jurisdiction = parseQueueName(batch.queue)?.jurisdiction ?? null;
    this.ctx.waitUntil(
      this.deliverWebhooks(jurisdiction).catch((error: unknown) => console.error('webhook delivery failed', error)),
    );
    // The stale-debit sweep rides on queue traffic too (at most once a minute per isolate), so it
    // also runs where no cron fires: the local stack, whose wrangler dev never triggers one.
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      this.ctx.waitUntil(
        this.sweepEveryHome().catch((error: unknown) => console.error('stale-debit sweep failed', error)),
      );
    }
  }

  /**
   * The crons (rater/wrangler.toml), in every database the deployment serves. Daily: a pass
   * (re)granting plans' feature credits for the current and next cycles starts. Every ten
   * minutes: debits owed too long are sent again, and an unfinished pass of plan credits goes on.
   * Both: raw events older than the retention are deleted, in bounded batches. Invoices: the
   * daily cron starts a pass freezing the cycles whose grace period has ended (they end at 00:00
   * UTC), the ten-minute ones run it.
   */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const now = new Date(controller.scheduledTime);
    const days = retentionDays(this.env.RAW_EVENT_RETENTION_DAYS);
    await forEveryHome(servedJurisdictions(this.env), (jurisdiction) => {
      const where = jurisdiction ? ` (${jurisdiction})` : '';
      return this.withHome(jurisdiction, async (db, ledgerQueue) => {
        if (controller.cron === TEN_MINUTE_CRON) {
          await this.sweepStaleDebits(db, ledgerQueue, where);
          await deliverWebhooksFor(db, this.webhookOptions());
          await this.grantPlanCredits(db, ledgerQueue, where);
          await this.freezeInvoices(db, where);
        } else {
          await this.grantPlanCredits(db, ledgerQueue, where, { start: now });
          // Only started here: its pages run at the ten-minute crons, beside no other pass.
          await this.freezeInvoices(db, where, { start: now, pagesPerRun: 0 });
        }
        // Bounded per run; what one run leaves, the next deletes.
        const { purged, done } = await purgeRawEvents(db, now, days);
        if (purged > 0 || !done) {
          console.log(
            `retention${where}: deleted ${purged} raw events older than ${days} days${done ? '' : '; more at the next run'}`,
          );
        }
      });
    });
  }

  /** Plans' cycle credits, in bounded pages: a pass the daily cron starts, the ten-minute one finishes. */
  private async grantPlanCredits(
    db: Database,
    ledgerQueue: Queue<LedgerMessage>,
    where: string,
    options: { start?: Date } = {},
  ): Promise<void> {
    const { associations, messages, done } = await grantAllPlanCredits(ledgerQueue, db, options);
    if (associations > 0) {
      console.log(
        `plan credits${where}: ${messages} grant messages for ${associations} associations${done ? '' : '; the pass goes on at the next cron'}`,
      );
    }
  }

  /** Cycles past their grace period frozen into invoices, in bounded pages. */
  private async freezeInvoices(
    db: Database,
    where: string,
    options: { start?: Date; unlessStartedWithin?: number; pagesPerRun?: number } = {},
  ): Promise<void> {
    const { accounts, invoices, failed, done } = await freezeDueInvoices(db, options);
    if (invoices > 0 || failed > 0) {
      console.log(
        `invoices${where}: froze ${invoices} for ${accounts} accounts${failed > 0 ? `, ${failed} accounts failed` : ''}${done ? '' : '; the pass goes on at the next cron'}`,
      );
    }
  }

  private async sweepStaleDebits(db: Database, ledgerQueue: Queue<LedgerMessage>, where = ''): Promise<void> {
    const sent = await resendStaleDebits(ledgerQueue, db);
    if (sent > 0) {
      console.log(
        `ledger outbox${where}: sent ${sent} debits, corrections, spend adjustments and limits owed for over ten minutes again`,
      );
    }
  }

  /** Every tenant's deliveries due in a home, or one tenant's (what its request made due). */
  private deliverWebhooks(jurisdiction: Jurisdiction | null, tenantId?: string): Promise<unknown> {
    return this.withHome(jurisdiction, (db) =>
      deliverWebhooksFor(db, { ...this.webhookOptions(), ...(tenantId !== undefined ? { tenantId } : {}) }),
    );
  }

  private webhookOptions() {
    return {
      schedule: parseRetrySchedule(this.env.WEBHOOK_RETRY_SECONDS),
      disableAfterSeconds: parseDisableAfter(this.env.WEBHOOK_DISABLE_AFTER_SECONDS),
    };
  }

  private sweepEveryHome(): Promise<void> {
    return forEveryHome(servedJurisdictions(this.env), (jurisdiction) =>
      this.withHome(jurisdiction, async (db, ledgerQueue) => {
        const where = jurisdiction ? ` (${jurisdiction})` : '';
        await this.sweepStaleDebits(db, ledgerQueue, where);
        // Where no cron fires (the local stack), queue traffic freezes invoices: a pass at most hourly.
        if (this.env.INVOICE_FREEZE_ON_TRAFFIC === 'true') {
          await this.freezeInvoices(db, where, { start: new Date(), unlessStartedWithin: FREEZE_RESTART_MS });
        }
      }),
    );
  }

  async resolveApiKey(keyHash: string): Promise<Principal | null> {
    return this.withDatabases((databases) => principalForKeyHash(databases.directory, keyHash));
  }

  /** After the edge forwarded a revocation: which replica entry to drop. Tenant-scoped like all else. */
  async apiKeyHash(tenantId: string, keyId: string): Promise<string | null> {
    return this.withDatabases((databases) => keyHashOf(databases.directory, tenantId, keyId));
  }

  /**
   * The schema events are validated against at the edge, or null when none is ACTIVE, with the
   * tenant's jurisdiction — final once the schema exists.
   */
  async activeEventSchema(tenantId: string, name: string): Promise<ReplicatedSchema | null> {
    return this.withTenant(tenantId, async (db, jurisdiction) => {
      const schema = await findEventSchema(db, tenantId, name);
      return schema?.status === 'ACTIVE' ? { ...schema, jurisdiction } : null;
    });
  }

  /** Which of a DedupShard's sent events are recorded, so it can drop them from its outbox (docs/design.md §12). */
  async recordedEventIds(tenantId: string, ids: string[]): Promise<string[]> {
    return this.withTenant(tenantId, (db) => recordedEventIds(db, tenantId, ids));
  }

  /**
   * The edge's AccountLedgers recorded these events' debits: they leave the ledger outbox, and
   * corrections of these events waiting for them are sent, credits and spend.
   */
  async settleLedgerDebits(tenantId: string, ids: string[]): Promise<number> {
    const input = settleInput.parse({ tenantId, ids });
    return this.withTenant(input.tenantId, async (db, jurisdiction) => {
      const settled = await settleLedgerDebits(db, input.tenantId, input.ids);
      await this.sendNextCreditChanges(db, jurisdiction, input.tenantId, input.ids);
      await this.sendSpendAdjustmentsAfter(db, jurisdiction, input.tenantId, input.ids);
      return settled;
    });
  }

  /** The edge's AccountLedgers recorded these spend adjustments: they leave the outbox. */
  async settleSpendAdjustments(tenantId: string, ids: string[]): Promise<number> {
    const input = settleAdjustmentsInput.parse({ tenantId, ids });
    return this.withTenant(input.tenantId, (db) => settleSpendAdjustments(db, input.tenantId, input.ids));
  }

  /** After a settle has committed: a failed send leaves the adjustments owed, for the stale sweep. */
  private async sendSpendAdjustmentsAfter(
    db: Database,
    jurisdiction: Jurisdiction | null,
    tenantId: string,
    eventIds: string[],
  ): Promise<void> {
    try {
      const queue = placedLedgerQueue(db, ledgerQueueOf(this.env, jurisdiction));
      await sendMessages(queue, await spendAdjustmentsAfter(db, tenantId, eventIds));
    } catch (error) {
      console.error('spend adjustments of corrected events could not be sent; the stale sweep sends them', error);
    }
  }

  /**
   * The edge's AccountLedgers applied these corrections' credit changes: they leave the outbox of
   * corrections, and what the events still owe (a correction made meanwhile) is sent.
   */
  async settleLedgerCorrections(tenantId: string, corrections: { eventId: string; seq: number }[]): Promise<number> {
    const input = settleCorrectionsInput.parse({ tenantId, corrections });
    return this.withTenant(input.tenantId, async (db, jurisdiction) => {
      const settled = await settleCreditChanges(db, input.tenantId, input.corrections);
      await this.sendNextCreditChanges(db, jurisdiction, input.tenantId, [
        ...new Set(input.corrections.map((c) => c.eventId)),
      ]);
      return settled;
    });
  }

  /** After a settle has committed: a failed send leaves the changes owed, for the stale sweep. */
  private async sendNextCreditChanges(
    db: Database,
    jurisdiction: Jurisdiction | null,
    tenantId: string,
    eventIds: string[],
  ): Promise<void> {
    try {
      await sendCreditChanges(placedLedgerQueue(db, ledgerQueueOf(this.env, jurisdiction)), db, tenantId, eventIds);
    } catch (error) {
      console.error('credit changes of corrected events could not be sent; the stale sweep sends them', error);
    }
  }

  /**
   * Ledger messages the edge could not deliver or read: parked in Postgres, never dropped — each
   * in the database of the jurisdiction whose queue held it.
   */
  async parkMessages(messages: MessageToPark[]): Promise<number> {
    const input = parkInput.parse(messages);
    return this.withDatabases(async (databases) => {
      let parked = 0;
      for (const jurisdiction of new Set(input.map(queueJurisdiction))) {
        parked += await parkMessages(
          databases.of(jurisdiction),
          input.filter((m) => queueJurisdiction(m) === jurisdiction),
        );
      }
      return parked;
    });
  }

  /**
   * The BALANCE_THRESHOLD alerts watching an account's credit balances, for its AccountLedger to
   * detect crossings in its debit transactions (edge/ledger/balance-alerts.ts).
   */
  async balanceAlerts(tenantId: string, accountId: string): Promise<WatchedBalanceAlert[]> {
    const input = balanceAlertsInput.parse({ tenantId, accountId });
    return this.withTenant(input.tenantId, (db) => balanceAlertsOf(db, input.tenantId, input.accountId, new Date()));
  }

  /**
   * An AccountLedger's outbox of balance crossings: each becomes an incident and its webhook
   * deliveries once, however often it is sent (store/balance-alerts.ts); the deliveries go out now.
   */
  async recordBalanceCrossings(tenantId: string, crossings: BalanceCrossing[]): Promise<number> {
    const input = balanceCrossingsInput.parse({ tenantId, crossings });
    return this.withTenant(input.tenantId, async (db, jurisdiction) => {
      const recorded = await recordBalanceCrossings(db, input.tenantId, input.crossings);
      if (recorded > 0) {
        this.ctx.waitUntil(
          this.deliverWebhooks(jurisdiction).catch((error: unknown) => console.error('webhook delivery failed', error)),
        );
      }
      return recorded;
    });
  }

  /**
   * The account's stored spend limit and its version, for an AccountLedger that has no copy yet,
   * with the spend adjustments it still owes (a new limit's opening): recorded before the limit.
   */
  async spendLimitOf(
    tenantId: string,
    accountId: string,
  ): Promise<StoredSpendLimit & { adjustments?: SpendAdjustment[] }> {
    const input = spendLimitOfInput.parse({ tenantId, accountId });
    return this.withTenant(input.tenantId, async (db) => {
      const stored = await findSpendLimit(db, input.tenantId, input.accountId);
      const { adjustments } = await withOwedAdjustments(db, { kind: 'spend-limit', ...input, ...stored });
      return adjustments ? { ...stored, adjustments } : stored;
    });
  }

  /**
   * The tenant's ACTIVE features, which the edge replicates to check and debit entitlements, with
   * its jurisdiction — always, features or none: the edge places account ledgers by it, and the
   * ledger messages this rater sends are stamped with the same one (placed-ledger-queue.ts).
   */
  async tenantFeatures(tenantId: string): Promise<ReplicatedFeatures> {
    return this.withTenant(tenantId, async (db, jurisdiction) => ({
      features: await activeFeatures(db, tenantId),
      jurisdiction,
    }));
  }

  /** The configuration and query API, for a caller the edge has authenticated, over its tenant's database. */
  async serveApi(request: Request, principal: Principal): Promise<Response> {
    const caller = principalSchema.parse(principal);
    const databases = new Databases(this.env);
    const directory = databases.directory;
    try {
      const home = await tenantJurisdiction(directory, caller.tenantId);
      // Settings and keys live in the directory: they stay reachable whatever the tenant's home.
      const db = DIRECTORY_ROUTES.test(new URL(request.url).pathname) ? directory : databases.of(home);
      // Resolved at the first send: a missing binding refuses (503) only what sends.
      const ledgerQueue = placedLedgerQueue(
        db,
        onFirstUse(() => ledgerQueueOf(this.env, home)),
      );
      const response = await raterApi.fetch(request, {
        db,
        home,
        directory,
        databases,
        principal: caller,
        ledgerQueue,
        dedupShards: dedupShards(this.env),
      });
      // A redelivery asked for (or an endpoint's held deliveries, enabled) goes out now, not at the next batch or cron.
      if (response.ok && request.method === 'POST' && SENDS_WEBHOOKS.test(new URL(request.url).pathname)) {
        this.ctx.waitUntil(
          this.deliverWebhooks(home, caller.tenantId).catch((error: unknown) =>
            console.error('webhook delivery failed', error),
          ),
        );
      }
      return response;
    } catch (error) {
      if (error instanceof AppError) {
        return problemResponse(error);
      }
      if (!(await databaseAnswers(directory))) {
        console.error('rater API: the database does not answer', (error as Error).cause ?? error);
        return problemResponse(
          new AppError('unavailable', 'database_unavailable', 'The database is briefly unavailable; retry shortly'),
        );
      }
      console.error('rater API error', error);
      return problemResponse(new AppError('internal', 'internal_error', 'Something went wrong on our side'));
    } finally {
      this.ctx.waitUntil(databases.end());
    }
  }

  /** Work in the tenant's home database, which the directory names. */
  private withTenant<T>(
    tenantId: string,
    work: (db: Database, jurisdiction: Jurisdiction | null) => Promise<T>,
  ): Promise<T> {
    return this.withDatabases(async (databases) => {
      const jurisdiction = await tenantJurisdiction(databases.directory, tenantId);
      return work(databases.of(jurisdiction), jurisdiction);
    });
  }

  /** Work in one jurisdiction's database, with its ledger queue. */
  private withHome<T>(
    jurisdiction: Jurisdiction | null,
    work: (db: Database, ledgerQueue: Queue<LedgerMessage>) => Promise<T>,
  ): Promise<T> {
    return this.withDatabases((databases) => {
      const db = databases.of(jurisdiction);
      return work(db, placedLedgerQueue(db, ledgerQueueOf(this.env, jurisdiction)));
    });
  }

  private async withDatabases<T>(work: (databases: Databases) => Promise<T>): Promise<T> {
    const databases = new Databases(this.env);
    try {
      return await work(databases);
    } catch (error) {
      // drizzle wraps driver errors; the cause (connection refused, a constraint) is what helps.
      console.error('database call failed:', (error as Error).cause ?? error);
      throw error;
    } finally {
      this.ctx.waitUntil(databases.end());
    }
  }
}

/** Routes whose rows are in the directory, not in the tenant's home. */
const DIRECTORY_ROUTES = /^\/(settings|api_keys)(\/|$)/;
/** The routes that make deliveries due now: redeliveries, and enabling an endpoint. */
const SENDS_WEBHOOKS = /^\/(incidents\/[^/]+\/redeliver|webhooks\/[^/]+\/(enable|deliveries\/[^/]+\/redeliver))$/;

function onFirstUse(resolve: () => Queue<LedgerMessage>): Queue<LedgerMessage> {
  return {
    metrics: () => resolve().metrics(),
    send: (body, options) => resolve().send(body, options),
    sendBatch: (messages, options) => resolve().sendBatch(messages, options),
  };
}

/** Runs `work` for every jurisdiction's database; one that fails does not stop the others' (its error is thrown after). */
async function forEveryHome(
  homes: (Jurisdiction | null)[],
  work: (jurisdiction: Jurisdiction | null) => Promise<void>,
): Promise<void> {
  const failures: unknown[] = [];
  for (const jurisdiction of homes) {
    await work(jurisdiction).catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} of ${homes.length} databases failed their scheduled work`);
  }
}

function queueJurisdiction(message: MessageToPark): Jurisdiction | null {
  return parseQueueName(message.queue)?.jurisdiction ?? null;
}

export default Rater;
