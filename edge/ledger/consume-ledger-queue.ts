import { ledgerMessageSchema, type LedgerMessage } from '../../shared/queue/ledger-message';
import { LEDGER_DEAD_LETTER_QUEUE, LEDGER_QUEUE, malformedReason } from '../../shared/queue/queue-names';
import { claimedTenant, type MessageToPark } from '../../shared/queue/parked-message';
import type { EdgeEnv } from '../env';
import { ledgerFor } from './ledger-protocol';

const MAX_RETRY_DELAY_S = 300;

type Env = Pick<EdgeEnv, 'ACCOUNT_LEDGER' | 'RATER'>;

/**
 * The ledger queue's consumer. Each message debits one AccountLedger, or grants it a plan's cycle
 * credits (all in parallel). A message is acked only once its effect is durable where it belongs:
 * - a debit, once the ledger recorded it and the rater struck it from the ledger outbox (until
 *   then the rater counts the event as not recorded, so its DedupShard keeps re-sending it);
 * - a grant, once the ledger recorded it;
 * - a malformed message, once parked in Postgres.
 * Anything else is retried, alone, with backoff; the ledger skips debits it already made, so a
 * repeat changes nothing. What fails every retry reaches the dead-letter queue, parked there.
 */
export async function consumeLedgerQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === LEDGER_DEAD_LETTER_QUEUE) return parkDeadLetters(batch, env);

  const malformed: { message: Message<unknown>; park: MessageToPark }[] = [];
  const applied: { message: Message<unknown>; body: LedgerMessage }[] = [];
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = ledgerMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        const tenantId = claimedTenant(message.body);
        malformed.push({ message, park: { queue: LEDGER_QUEUE, tenantId, body: message.body, reason: malformedReason(parsed.error) } });
        return;
      }
      const owner = { tenantId: parsed.data.tenantId, accountId: parsed.data.accountId };
      const ledger = ledgerFor(env, owner);
      try {
        if (parsed.data.kind === 'plan-grants') {
          await ledger.syncPlanGrants(owner, parsed.data.associationId, parsed.data.grants);
        } else {
          await ledger.consume(owner, parsed.data.debits);
        }
        applied.push({ message, body: parsed.data });
      } catch (error) {
        console.error(`ledger of account '${owner.accountId}' failed (attempt ${message.attempts})`, error);
        retry(message);
      }
    }),
  );
  await settle(env, applied);
  if (malformed.length > 0) {
    console.error(`parking ${malformed.length} malformed ledger message(s): ${malformed[0]!.park.reason}`);
    await park(env, malformed);
  }
}

/** Strikes the applied debits from the ledger outbox, one call per tenant, then acks. */
async function settle(env: Env, applied: { message: Message<unknown>; body: LedgerMessage }[]): Promise<void> {
  const byTenant = new Map<string, { messages: Message<unknown>[]; ids: string[] }>();
  for (const { message, body } of applied) {
    if (body.kind !== 'debits') {
      message.ack();
      continue;
    }
    const tenant = byTenant.get(body.tenantId) ?? { messages: [], ids: [] };
    tenant.messages.push(message);
    tenant.ids.push(...body.debits.map((d) => d.eventId));
    byTenant.set(body.tenantId, tenant);
  }
  await Promise.all(
    [...byTenant].map(async ([tenantId, { messages, ids }]) => {
      try {
        await env.RATER.settleLedgerDebits(tenantId, ids);
        for (const message of messages) message.ack();
      } catch (error) {
        console.error(`debits are in the ledger but the rater could not settle them; retrying ${messages.length} message(s)`, error);
        for (const message of messages) retry(message);
      }
    }),
  );
}

async function park(env: Env, items: { message: Message<unknown>; park: MessageToPark }[]): Promise<void> {
  try {
    await env.RATER.parkMessages(items.map((i) => i.park));
    for (const { message } of items) message.ack();
  } catch (error) {
    console.error(`could not park ${items.length} ledger message(s); retrying`, error);
    for (const { message } of items) retry(message);
  }
}

/** The dead-letter queue: every message is parked as received, with why, and only then acked. */
async function parkDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await park(
    env,
    batch.messages.map((message) => ({
      message,
      park: {
        queue: LEDGER_QUEUE,
        tenantId: claimedTenant(message.body),
        body: message.body,
        reason: 'not delivered to the AccountLedger after every retry (dead-lettered)',
      },
    })),
  );
}

function retry(message: Message<unknown>): void {
  message.retry({ delaySeconds: Math.min(2 ** message.attempts, MAX_RETRY_DELAY_S) });
}
