import { Decimal } from '../../shared/decimal/decimal';
import type { DebitLine } from '../../shared/entitlement/feature-debits';
import { planForced, type DebitPlan } from '../../shared/entitlement/ledger-math';
import { planEntryRefund, refundableOverage } from '../../shared/entitlement/usage-refund';
import { correctionKey, type LedgerCorrection } from '../../shared/queue/ledger-message';
import type { CreditRows } from './credit-rows';
import { debitKeys, type DebitRecords } from './debit-records';

type PlannedLine = DebitLine & DebitPlan;

/** What of the AccountLedger corrections act through. */
export interface CorrectionParts {
  rows: CreditRows;
  debits: DebitRecords;
  /** Applies a debit (1) or gives it back (−1): AccountLedger.apply. */
  apply(line: PlannedLine, sign: 1 | -1): void;
  settleOverage(featureId: string, now: number): void;
  transaction<T>(run: () => T): T;
}

/**
 * Corrections of events (POST /events/correction) in the account's credits: a REFUND gives back
 * what a corrected event consumed (shared/entitlement/usage-refund.ts), a DEBIT consumes what its
 * corrected payload does, as metered usage is debited (forced, from the credits live at the event's
 * timestamp, unsettled overage then paid by credits live now).
 *
 * Each is applied once: under its correction key, kept like a debit's key (debit-records.ts) —
 * unconfirmed while the rater's outbox owes it, then as long as queued copies can still arrive —
 * so a redelivered message, a retried consumer or a restarted object changes nothing further.
 * All of one message in one transaction: a crash leaves all or nothing.
 */
export class LedgerCorrections {
  constructor(private readonly parts: CorrectionParts) {}

  async apply(corrections: LedgerCorrection[], now: number): Promise<{ applied: number; skipped: number }> {
    const { debits } = this.parts;
    const keys = await debitKeys(corrections.map(correctionKey));
    debits.prepareBucket(now);
    return this.parts.transaction(() => {
      let applied = 0;
      for (const correction of corrections) {
        const id = correctionKey(correction);
        const key = keys.get(id);
        if (key === undefined) {
          throw new Error(`ledger correction ${id}: no debit key was computed for it`);
        }
        if (debits.state(id, key)) {
          // Applied before: the outbox owes it again (this copy came from it) until it confirms.
          debits.owe(key);
          continue;
        }
        for (const line of correction.lines) {
          if (correction.effect === 'REFUND') {
            this.giveBack(line, correction.at);
          } else {
            this.debit(line, correction.at, now);
          }
        }
        debits.settle(key, false, now);
        applied++;
      }
      return { applied, skipped: corrections.length - applied };
    });
  }

  /** Overage off first, then usage off the entries live at `at`: the debit run backwards. */
  private giveBack(line: DebitLine, at: number): void {
    const { rows } = this.parts;
    const overage = refundableOverage(rows.account(line.featureId), rows.overagePaid(line.featureId), line.amount);
    if (!new Decimal(overage).isZero()) {
      this.parts.apply({ ...line, allocations: [], overage }, -1);
    }
    const rest = new Decimal(line.amount).minus(overage).toFixed();
    const allocations = planEntryRefund(rows.entries(line.featureId), rest, at);
    if (allocations.length > 0) {
      this.parts.apply({ ...line, allocations, overage: '0' }, -1);
    }
  }

  private debit(line: DebitLine, at: number, now: number): void {
    this.parts.apply({ ...line, ...planForced(this.parts.rows.entries(line.featureId), line.amount, at) }, 1);
    this.parts.settleOverage(line.featureId, now);
  }
}
