import type { LedgerMessage, LedgerSpendLimitMessage } from '../../shared/queue/ledger-message';
import { sendBatches } from '../../shared/queue/message-size';
import type { Queryable } from '../db/connect';
import { staleCreditChanges } from '../store/ledger-corrections';
import { staleLedgerDebits } from '../store/ledger-outbox';
import { staleSpendAdjustments, withOwedAdjustments } from '../store/spend-adjustments';
import { markSpendLimitsPushed, unpushedSpendLimits } from '../store/spend-limits';

/** Owed this long, a debit is sent again: far longer than a ledger round trip takes. */
export const STALE_DEBIT_MS = 10 * 60_000;
const MAX_DEBITS_PER_SWEEP = 2_000;

/**
 * The backstop of the ledger outbox (docs/design.md §12): debits owed for over ten minutes are sent again.
 * Normally an owed debit is re-sent with its event, which its DedupShard keeps sending; this
 * catches the ones with no shard behind them (replays). The AccountLedger skips what it already
 * debited, so a debit merely slow to be confirmed is not debited twice. Corrections' credit
 * changes owed as long are sent again too (those the ledger may take: ledger-corrections.ts),
 * which also catches one whose send after its commit, or after its debit's confirmation, was lost;
 * so are spend adjustments (spend-adjustments.ts), and spend limits whose push after their commit
 * was lost (spend-limits.ts).
 */
export async function resendStaleDebits(queue: Queue<LedgerMessage>, db: Queryable): Promise<number> {
  const debits = await staleLedgerDebits(db, STALE_DEBIT_MS, MAX_DEBITS_PER_SWEEP);
  const corrections = await staleCreditChanges(db, STALE_DEBIT_MS, MAX_DEBITS_PER_SWEEP);
  const adjustments = await staleSpendAdjustments(db, STALE_DEBIT_MS, MAX_DEBITS_PER_SWEEP);
  const limits: LedgerSpendLimitMessage[] = [];
  for (const limit of await unpushedSpendLimits(db, STALE_DEBIT_MS, MAX_DEBITS_PER_SWEEP)) {
    limits.push(await withOwedAdjustments(db, limit));
  }
  const messages: LedgerMessage[] = [...debits, ...corrections, ...adjustments, ...limits];
  for (const batch of sendBatches(messages)) {
    await queue.sendBatch(batch);
  }
  await markSpendLimitsPushed(db, limits);
  return (
    debits.reduce((sum, m) => sum + m.debits.length, 0) +
    corrections.reduce((sum, m) => sum + m.corrections.length, 0) +
    adjustments.reduce((sum, m) => sum + m.adjustments.length, 0) +
    limits.length
  );
}
