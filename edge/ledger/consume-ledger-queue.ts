import {
  correctionKey,
  ledgerMessageSchema,
  spendAdjustmentKey,
  spendAdjustmentRecords,
  type LedgerCorrectionMessage,
  type LedgerMessage,
  type LedgerSpendAdjustmentMessage,
} from '../../shared/queue/ledger-message';
import { malformedReason, parseQueueName, queueName } from '../../shared/queue/queue-names';
import { claimedTenant, type MessageToPark } from '../../shared/queue/parked-message';
import type { EdgeEnv } from '../env';
import { DEFAULT_OBJECT_PLACEMENT } from '../../shared/tenant/placement';
import { ledgerFor } from './ledger-protocol';

const MAX_RETRY_DELAY_S = 300;

type Env = Pick<EdgeEnv, 'ACCOUNT_LEDGER' | 'RATER' | 'EMULATE_JURISDICTIONS'>;

/** Ids per Rater.settleLedgerDebits call (it takes at most 10 000). */
const SETTLE_CHUNK_IDS = 5_000;

/**
 * The ledger queue's consumer, and its dead-letter queue's. Each message debits one AccountLedger,
 * or grants it a plan's cycle credits (all in parallel). A message is acked only once its effect
 * is durable where it belongs:
 * - a debit (and the event's spend, if it carries one; an event debited at the edge carries only
 *   that), once the ledger recorded it, the rater struck it from the ledger outbox (until then
 *   the rater counts the event as not recorded, so its DedupShard keeps re-sending it), and the
 *   ledger was told so (until then it keeps the debit's key whatever its age, as the outbox may
 *   still send it; after, only as long as copies already queued can arrive);
 * - a correction (credits given back or debited again), as a debit: once the ledger applied it,
 *   the rater struck it from its outbox of corrections (which then sends the event's next one),
 *   and the ledger was told so;
 * - a spend adjustment (revenue changed after its event was first rated), as a correction: once the
 *   ledger recorded it, the rater struck it from its outbox, and the ledger was told so;
 * - a grant, or a spend limit, once the ledger recorded it (an older limit than its copy is ignored);
 * - a malformed message, once parked in Postgres.
 * On the main queue anything else is retried, alone, with backoff; the ledger skips debits it
 * already made, so a repeat changes nothing. On the dead-letter queue a message is tried once
 * more, and parked if it fails again.
 */
export async function consumeLedgerQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const address = parseQueueName(batch.queue);
  const deadLetters = address?.deadLetter === true;
  // Parked under the queue it came through, so the rater parks it in that jurisdiction's database.
  const parkable = (message: Message<unknown>, reason: string): MessageToPark => ({
    queue: queueName({ kind: 'ledger', jurisdiction: address?.jurisdiction ?? null, deadLetter: false }),
    tenantId: claimedTenant(message.body),
    body: message.body,
    reason,
  });
  const toPark: { message: Message<unknown>; park: MessageToPark }[] = [];
  const applied: { message: Message<unknown>; body: LedgerMessage }[] = [];
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = ledgerMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        toPark.push({ message, park: parkable(message, malformedReason(parsed.error)) });
        return;
      }
      const owner = { tenantId: parsed.data.tenantId, accountId: parsed.data.accountId };
      const ledger = ledgerFor(env, owner, parsed.data.placement ?? DEFAULT_OBJECT_PLACEMENT);
      try {
        if (parsed.data.kind === 'plan-grants') {
          await ledger.syncPlanGrants(owner, parsed.data.associationId, parsed.data.grants);
        } else if (parsed.data.kind === 'spend-limit') {
          await ledger.setSpendLimit(owner, parsed.data.limit, parsed.data.version, parsed.data.adjustments ?? []);
        } else if (parsed.data.kind === 'corrections') {
          await ledger.correct(owner, parsed.data.corrections);
        } else if (parsed.data.kind === 'spend-adjustments') {
          await ledger.recordSpend(owner, spendAdjustmentRecords(parsed.data.adjustments));
        } else {
          // Spend first: both are idempotent, so a failure between them is repaired by the retry.
          const spend = parsed.data.debits.flatMap(({ eventId, spend }) =>
            spend ? [{ key: eventId, eventId, ...spend }] : [],
          );
          if (spend.length > 0) {
            await ledger.recordSpend(owner, spend);
          }
          const debits = parsed.data.debits.filter((d) => d.lines.length > 0);
          if (debits.length > 0) {
            await ledger.consume(owner, debits);
          }
        }
        applied.push({ message, body: parsed.data });
      } catch (error) {
        console.error(
          `ledger of account '${owner.accountId}' failed (attempt ${message.attempts}${deadLetters ? ', dead-lettered' : ''})`,
          error,
        );
        if (deadLetters) {
          toPark.push({
            message,
            park: parkable(message, `the AccountLedger failed after every retry: ${String(error).slice(0, 300)}`),
          });
        } else {
          retry(message);
        }
      }
    }),
  );
  await settle(env, applied);
  if (toPark.length > 0) {
    console.error(`parking ${toPark.length} ledger message(s): ${toPark[0]!.park.reason}`);
    await park(env, toPark);
  }
}

/** Strikes the applied debits from the ledger outbox, in calls of bounded size, then acks. */
async function settle(env: Env, applied: { message: Message<unknown>; body: LedgerMessage }[]): Promise<void> {
  const calls: { tenantId: string; messages: { message: Message<unknown>; body: LedgerMessage }[]; ids: string[] }[] =
    [];
  const open = new Map<string, (typeof calls)[number]>();
  const corrections: Promise<void>[] = [];
  for (const { message, body } of applied) {
    if (body.kind === 'corrections') {
      corrections.push(settleCorrections(env, message, body));
      continue;
    }
    if (body.kind === 'spend-adjustments') {
      corrections.push(settleSpendAdjustments(env, message, body));
      continue;
    }
    if (body.kind !== 'debits') {
      message.ack();
      continue;
    }
    let call = open.get(body.tenantId);
    if (!call || call.ids.length + body.debits.length > SETTLE_CHUNK_IDS) {
      call = { tenantId: body.tenantId, messages: [], ids: [] };
      calls.push(call);
      open.set(body.tenantId, call);
    }
    call.messages.push({ message, body });
    call.ids.push(...body.debits.map((d) => d.eventId));
  }
  await Promise.all(
    calls.map(async ({ tenantId, messages, ids }) => {
      try {
        await env.RATER.settleLedgerDebits(tenantId, ids);
      } catch (error) {
        console.error(
          `debits are in the ledger but the rater could not settle them; retrying ${messages.length} message(s)`,
          error,
        );
        for (const { message } of messages) {
          retry(message);
        }
        return;
      }
      await Promise.all(
        messages.map(({ message, body }) =>
          confirm(env, message, body, body.kind === 'debits' ? body.debits.map((d) => d.eventId) : []),
        ),
      );
    }),
  );
  await Promise.all(corrections);
}

/** Corrections are few: each message is struck from the rater's outbox on its own, then confirmed. */
async function settleCorrections(env: Env, message: Message<unknown>, body: LedgerCorrectionMessage): Promise<void> {
  try {
    await env.RATER.settleLedgerCorrections(
      body.tenantId,
      body.corrections.map(({ eventId, seq }) => ({ eventId, seq })),
    );
  } catch (error) {
    console.error(`corrections are in the ledger but the rater could not settle them; retrying`, error);
    retry(message);
    return;
  }
  await confirm(env, message, body, body.corrections.map(correctionKey));
}

/**
 * Spend adjustments, once recorded, leave the rater's outbox; then, as for a debit, the ledger is
 * told no new send of them can be made, so their keys need only outlive the copies already queued
 * (edge/ledger/spend-keys.ts).
 */
async function settleSpendAdjustments(
  env: Env,
  message: Message<unknown>,
  body: LedgerSpendAdjustmentMessage,
): Promise<void> {
  try {
    await env.RATER.settleSpendAdjustments(
      body.tenantId,
      body.adjustments.map((a) => a.id),
    );
  } catch (error) {
    console.error(`spend adjustments are in the ledger but the rater could not settle them; retrying`, error);
    retry(message);
    return;
  }
  await confirm(
    env,
    message,
    body,
    body.adjustments.map((a) => spendAdjustmentKey(a.id)),
  );
}

/**
 * Tells the ledger the outbox no longer owes these debits, spend records (an event id confirms
 * both), corrections or spend adjustments; a failure leaves them kept (safe) and retries.
 */
async function confirm(env: Env, message: Message<unknown>, body: LedgerMessage, ids: string[]): Promise<void> {
  const owner = { tenantId: body.tenantId, accountId: body.accountId };
  try {
    await ledgerFor(env, owner, body.placement ?? DEFAULT_OBJECT_PLACEMENT).confirm(ids);
    message.ack();
  } catch (error) {
    console.error(`ledger of account '${owner.accountId}' could not take a confirmation; retrying`, error);
    retry(message);
  }
}

async function park(env: Env, items: { message: Message<unknown>; park: MessageToPark }[]): Promise<void> {
  try {
    await env.RATER.parkMessages(items.map((i) => i.park));
    for (const { message } of items) {
      message.ack();
    }
  } catch (error) {
    console.error(`could not park ${items.length} ledger message(s); retrying`, error);
    for (const { message } of items) {
      retry(message);
    }
  }
}

function retry(message: Message<unknown>): void {
  message.retry({ delaySeconds: Math.min(2 ** message.attempts, MAX_RETRY_DELAY_S) });
}
