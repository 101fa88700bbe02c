import { exactNumber } from '../../shared/api/exact-number';
import type {
  ReservationRefusalWire,
  ReservationWire,
  SpendLimitRefusalWire,
} from '../../shared/api/reservation-routes';
import { toFeatureCreditsWire } from '../../shared/entitlement/credit-wire';
import { reservationId } from '../../shared/entitlement/reservation';
import { AppError, invalid } from '../../shared/errors/app-error';
import type { LedgerOwner } from '../ledger/ledger-protocol';
import type { Denied, Refused, ReservationView } from '../ledger/ledger-reservations';
import type { MoneyReservationView, SpendDenied } from '../ledger/ledger-spend';

/** What the ledger refused, as problem+json; a money hold's missing or other-currency limit is the body's fault: 422. */
export function problem(refused: Refused): AppError {
  if (refused.code === 'no_spend_limit' || refused.code === 'currency_mismatch') {
    return invalid(refused.code, [{ path: 'currency', message: refused.detail }]);
  }
  return new AppError(
    refused.kind,
    refused.code,
    refused.detail,
    refused.path ? [{ path: refused.path, message: refused.detail }] : [],
  );
}

export function creditsDenied(
  owner: LedgerOwner,
  outcome: Omit<Denied, 'status'>,
  what: 'hold' | 'settle',
): ReservationRefusalWire {
  const why = outcome.reason === 'NO_GRANT' ? 'has no credits for' : `has ${outcome.available} left of`;
  return {
    success: false,
    statusCode: 403,
    message: `Account '${owner.accountId}' ${why} feature '${outcome.featureId}': nothing ${what === 'hold' ? 'held' : 'settled; the hold stays'}`,
    details: {
      reason: outcome.reason,
      featureId: outcome.featureId,
      available: exactNumber(outcome.available),
      balances: outcome.balances.map(toFeatureCreditsWire),
    },
  };
}

export function spendDenied(owner: LedgerOwner, { check }: SpendDenied): SpendLimitRefusalWire {
  return {
    success: false,
    statusCode: 403,
    message: `Account '${owner.accountId}' has ${check.available} ${check.currency} left of its spend limit of ${check.limit}, not ${check.requested}: nothing held`,
    details: {
      reason: 'SPEND_LIMIT_EXCEEDED',
      limit: exactNumber(check.limit),
      currency: check.currency,
      spent: exactNumber(check.spent),
      held: exactNumber(check.held),
      pending: exactNumber(check.pending),
      available: exactNumber(check.available),
      requested: exactNumber(check.requested),
    },
  };
}

export function creditsReservationWire(owner: LedgerOwner, r: ReservationView): ReservationWire {
  return {
    ...common(owner, r),
    featureId: r.featureId,
    ...(r.settledAmount !== undefined ? { settledAmount: exactNumber(r.settledAmount) } : {}),
  };
}

export function moneyReservationWire(owner: LedgerOwner, r: MoneyReservationView): ReservationWire {
  return { ...common(owner, r), currency: r.currency };
}

function common(owner: LedgerOwner, r: ReservationView | MoneyReservationView) {
  return {
    id: reservationId(owner.accountId, r.key),
    accountId: owner.accountId,
    amount: exactNumber(r.amount),
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    ...(r.eventId !== undefined ? { eventId: r.eventId } : {}),
    ...(r.endedAt !== undefined ? { endedAt: new Date(r.endedAt).toISOString() } : {}),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
  };
}
