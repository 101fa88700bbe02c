import type { AccountLedger } from './account-ledger';
import type { ObjectPlacement } from '../../shared/tenant/placement';
import type { EdgeEnv } from '../env';
import { placedStub } from '../placement/tenant-shards';
import { AppError, type ErrorKind, type FieldIssue } from '../../shared/errors/app-error';
import type { DenialReason } from '../../shared/entitlement/ledger-math';
import type { DebitLine } from '../../shared/entitlement/feature-debits';
import type { FeatureCredits } from '../../shared/entitlement/credit-entry';
import type { LedgerPlanGrantsMessage } from '../../shared/queue/ledger-message';

/**
 * What crosses the RPC boundary to an AccountLedger. Errors thrown inside a Durable Object reach
 * the caller as plain Errors (the AppError class does not survive), so the ledger returns refusals
 * as values and the edge turns them back into AppErrors.
 */
export type LedgerProblem = { kind: ErrorKind; code: string; detail: string; errors: FieldIssue[] };
export type LedgerResult<T> = { ok: true; value: T } | { ok: false; problem: LedgerProblem };

export function unwrap<T>(result: LedgerResult<T>): T {
  if (result.ok) {
    return result.value;
  }
  const { kind, code, detail, errors } = result.problem;
  throw new AppError(kind, code, detail, errors);
}

/** The account a ledger belongs to, sent with every call (the object stores it on first use). */
export interface LedgerOwner {
  tenantId: string;
  accountId: string;
}

/** One event's debit: what it consumes of each feature, at its timestamp. */
export interface EventDebit {
  eventId: string;
  /** The event's timestamp, in milliseconds: metered usage consumes the credits live then. */
  at: number;
  lines: DebitLine[];
}

export { ENTITLE_MAX_EVENT_AGE_MS, RECONCILE_AFTER_MS, SETTLED_KEY_WINDOW_MS } from './debit-windows';

/** One entry a plan association grants (shared/pricing/cycle-grants.ts). */
export type PlanGrant = LedgerPlanGrantsMessage['grants'][number];

export type EntitleOutcome =
  /** Debited now (ENTITLED), or by an earlier call with this event id (ALREADY_DEBITED). */
  | { status: 'ENTITLED' | 'ALREADY_DEBITED'; balances: FeatureCredits[] }
  | { status: 'DENIED'; reason: DenialReason; featureId: string; available: string; balances: FeatureCredits[] };

/** The name of an account's ledger object: one per (tenant, account). */
export function ledgerName(owner: LedgerOwner): string {
  return JSON.stringify([owner.tenantId, owner.accountId]);
}

/**
 * The AccountLedger object of one account, in the tenant's jurisdiction and region. Routes pass
 * the jurisdiction that came with the tenant's schema or features, queue messages the one the
 * rater stamped: the same, by one rule (shared/tenant/replicated-config.ts).
 */
export function ledgerFor(
  env: Pick<EdgeEnv, 'ACCOUNT_LEDGER' | 'EMULATE_JURISDICTIONS'>,
  owner: LedgerOwner,
  where: ObjectPlacement,
): DurableObjectStub<AccountLedger> {
  return placedStub(env.ACCOUNT_LEDGER, env, where, ledgerName(owner));
}
