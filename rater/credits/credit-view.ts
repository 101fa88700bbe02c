import { exactNumber } from '../../shared/api/exact-number';
import { ALL_FIXED_FEES, ALL_USAGE, type CreditWire } from '../../shared/credit/credit-wire';
import {
  consumeCredits,
  creditStatus,
  type CreditForUse,
  type CreditStatus,
  type CreditUse,
} from '../../shared/credit/consume-credits';
import { Decimal } from '../../shared/decimal/decimal';
import type { Queryable } from '../db/connect';
import { accountCredits, type CreditRow } from '../store/credits';
import { cycleCharges } from './cycle-charges';

const DAY = 86_400_000;

/** A credit with what it has paid so far and its status now. */
export interface CreditState {
  row: CreditRow;
  forUse: CreditForUse;
  use: CreditUse;
  status: CreditStatus;
}

export function creditForUse(row: CreditRow): CreditForUse {
  const ids = row.applicableEntityIds ?? [];
  const everything = ids.length === 0;
  return {
    id: row.id,
    appliesTo: { usage: everything || ids.includes(ALL_USAGE), fixedFees: everything || ids.includes(ALL_FIXED_FEES) },
    from: Date.parse(`${row.effectiveFrom}T00:00:00Z`),
    until: row.effectiveUntil === null ? null : Date.parse(`${row.effectiveUntil}T00:00:00Z`) + DAY,
    amount: row.creditAmount,
    priority: row.priority,
    createdAt: row.createdAt.getTime(),
    voided: row.voidedAt && row.voidedUsed !== null ? { at: row.voidedAt.getTime(), used: row.voidedUsed } : null,
  };
}

/**
 * Every credit of the account with what it has paid: per currency, the account's cycles since its
 * earliest credit, paid in Togai's order (shared/credit/consume-credits.ts). Computed from the
 * recorded revenue each time, so nothing here can count an event twice.
 */
export async function accountCreditStates(
  db: Queryable,
  tenantId: string,
  accountId: string,
  now: number,
): Promise<Map<string, CreditState>> {
  const rows = await accountCredits(db, tenantId, accountId);
  const states = new Map<string, CreditState>();
  for (const unit of new Set(rows.map((r) => r.creditUnit))) {
    const ofUnit = rows.filter((r) => r.creditUnit === unit).map((row) => ({ row, forUse: creditForUse(row) }));
    const from = Math.min(...ofUnit.map((c) => c.forUse.from));
    const charges = await cycleCharges(db, tenantId, accountId, unit, from, now);
    const uses = consumeCredits(
      ofUnit.map((c) => c.forUse),
      charges,
    );
    for (const { row, forUse } of ofUnit) {
      const use = uses.get(row.id)!;
      states.set(row.id, { row, forUse, use, status: creditStatus(forUse, use, now) });
    }
  }
  return states;
}

/** What a credit can still pay: nothing once voided, consumed or expired. */
export function creditBalance(state: CreditState): string {
  return state.status === 'ACTIVE' ? state.use.left : '0';
}

/** Togai's Credit. */
export function toCreditWire(state: CreditState): CreditWire {
  const { row, use } = state;
  return {
    id: row.id,
    accountId: row.accountId,
    customerId: row.customerId,
    purpose: row.purpose,
    ...(row.applicableEntityIds && row.applicableEntityIds.length > 0
      ? { applicableEntityIds: row.applicableEntityIds }
      : {}),
    effectiveFrom: row.effectiveFrom,
    ...(row.effectiveUntil !== null ? { effectiveUntil: row.effectiveUntil } : {}),
    creditAmount: exactNumber(new Decimal(row.creditAmount).toFixed()),
    priority: row.priority,
    ...(row.grantorId !== null ? { grantorId: row.grantorId } : {}),
    ...(row.idempotencyKey !== null ? { idempotencyKey: row.idempotencyKey } : {}),
    status: state.status,
    creditUnit: row.creditUnit,
    holdAmount: exactNumber(use.held),
    consumedAmount: exactNumber(use.consumed),
    balance: exactNumber(creditBalance(state)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface CreditTransactionWire {
  id: string;
  creditId: string;
  transactionType: 'CREDITED' | 'DEBITED' | 'EXPIRED' | 'VOIDED';
  entityId?: string;
  amount: number;
  createdAt: string;
}

/** Togai's CreditTransactions: granted, each cycle's debit, and what expired or was voided. */
export function creditTransactions(state: CreditState, now: number): CreditTransactionWire[] {
  const { row, use, forUse } = state;
  const transactions: CreditTransactionWire[] = [
    {
      id: `${row.id}#c`,
      creditId: row.id,
      transactionType: 'CREDITED',
      amount: exactNumber(new Decimal(row.creditAmount).toFixed()),
      createdAt: row.createdAt.toISOString(),
    },
    ...use.debits.map(
      (d): CreditTransactionWire => ({
        id: `${row.id}#d${Math.floor(d.cycleStart / 1000).toString(36)}`,
        creditId: row.id,
        transactionType: 'DEBITED',
        entityId: new Date(d.cycleStart).toISOString(),
        amount: exactNumber(d.amount),
        createdAt: new Date(Math.min(d.cycleEnd, now)).toISOString(),
      }),
    ),
  ];
  if (state.status === 'VOIDED' && forUse.voided) {
    const dropped = new Decimal(row.creditAmount).minus(forUse.voided.used);
    transactions.push({
      id: `${row.id}#v`,
      creditId: row.id,
      transactionType: 'VOIDED',
      amount: exactNumber(dropped.toFixed()),
      createdAt: new Date(forUse.voided.at).toISOString(),
    });
  } else if (state.status === 'EXPIRED' && forUse.until !== null && new Decimal(use.left).gt(0)) {
    transactions.push({
      id: `${row.id}#e`,
      creditId: row.id,
      transactionType: 'EXPIRED',
      amount: exactNumber(use.left),
      createdAt: new Date(forUse.until).toISOString(),
    });
  }
  return transactions;
}
