import { ledgerMessageSchema } from '../../shared/queue/ledger-message';
import type { EdgeEnv } from '../env';
import { ledgerFor } from './ledger-protocol';

const MAX_RETRY_DELAY_S = 60;

/**
 * The ledger queue's consumer: each message debits one AccountLedger, or grants it a plan's cycle
 * credits (all in parallel), and is acked once the ledger has recorded it. A ledger that fails retries only its own message; the
 * ledger skips events it already debited, so a repeat changes nothing.
 */
export async function consumeLedgerQueue(batch: MessageBatch<unknown>, env: Pick<EdgeEnv, 'ACCOUNT_LEDGER'>): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = ledgerMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(`dropping malformed ledger message ${message.id}`, parsed.error.issues.slice(0, 3));
        message.ack();
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
        message.ack();
      } catch (error) {
        const delaySeconds = Math.min(2 ** message.attempts, MAX_RETRY_DELAY_S);
        console.error(`ledger of account '${owner.accountId}' failed (attempt ${message.attempts}); retrying in ${delaySeconds}s`, error);
        message.retry({ delaySeconds });
      }
    }),
  );
}
