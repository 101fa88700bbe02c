import { ledgerDebitMessageSchema } from '../../shared/queue/ledger-debit-message';
import type { EdgeEnv } from '../env';
import { ledgerFor } from './ledger-protocol';

const MAX_RETRY_DELAY_S = 60;

/**
 * The ledger queue's consumer: each message debits one AccountLedger (all in parallel), and is
 * acked once the ledger has recorded it. A ledger that fails retries only its own message; the
 * ledger skips events it already debited, so a repeat changes nothing.
 */
export async function consumeLedgerDebits(batch: MessageBatch<unknown>, env: Pick<EdgeEnv, 'ACCOUNT_LEDGER'>): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = ledgerDebitMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(`dropping malformed ledger message ${message.id}`, parsed.error.issues.slice(0, 3));
        message.ack();
        return;
      }
      const { tenantId, accountId, debits } = parsed.data;
      const owner = { tenantId, accountId };
      try {
        await ledgerFor(env, owner).consume(owner, debits);
        message.ack();
      } catch (error) {
        const delaySeconds = Math.min(2 ** message.attempts, MAX_RETRY_DELAY_S);
        console.error(`ledger of account '${accountId}' failed (attempt ${message.attempts}); retrying in ${delaySeconds}s`, error);
        message.retry({ delaySeconds });
      }
    }),
  );
}
