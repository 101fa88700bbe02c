import type { z } from 'zod';
import { exactNumber } from '../../shared/api/exact-number';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import type { CreditRequest, CreditWire, listCreditsQuery } from '../../shared/credit/credit-wire';
import { Decimal } from '../../shared/decimal/decimal';
import { AppError, notFound } from '../../shared/errors/app-error';
import { payloadHash } from '../../shared/idempotency/payload-hash';
import { associationAt } from '../../shared/pricing/rate-usage';
import type { Jurisdiction } from '../../shared/tenant/placement';
import type { Database, Queryable } from '../db/connect';
import { findAccount } from '../store/accounts';
import {
  creditsByKeys,
  findCredit,
  insertCredits,
  listCreditRows,
  voidCreditRow,
  type CreditRow,
  type NewCreditRow,
} from '../store/credits';
import { ratingAssociationsFor } from '../store/plan-associations';
import { inTenantHome } from '../store/tenant-home';
import { newId } from '../store/write-guards';
import { accountCreditStates, creditBalance, creditTransactions, toCreditWire, type CreditState } from './credit-view';

/**
 * Togai's CreditsApi (README, "Credits"): grants, voids, reads and balances of money credits. The
 * store keeps grants and voids; what each credit has paid is computed from the rated revenue.
 */

/**
 * The currency an account's credits are in: the one its plan in force now (or its latest) rates
 * it in — fixed on the association, usually its invoiceCurrency, but the plan's first currency
 * when the plan lacks it — so credits pay the statements they are meant for; with no plan, its
 * invoiceCurrency. An account with neither cannot be given money credits.
 */
async function creditUnit(
  db: Queryable,
  tenantId: string,
  accountId: string,
  invoiceCurrency: string | undefined,
  now: number,
): Promise<string | null> {
  const associations = await ratingAssociationsFor(db, tenantId, [accountId]);
  const plan =
    associationAt(associations, accountId, now) ??
    associations.filter((a) => a.effectiveFrom <= now).sort((a, b) => b.effectiveFrom - a.effectiveFrom)[0] ??
    associations[0];
  return plan?.definition.currency ?? invoiceCurrency ?? null;
}

/** Grants the credits, all or none. A request whose idempotencyKey made a credit answers that credit. */
export async function grantCredits(
  db: Database,
  tenantId: string,
  home: Jurisdiction | null,
  requests: CreditRequest[],
  now: number,
): Promise<CreditWire[]> {
  const keys = requests.map((r) => r.idempotencyKey ?? undefined);
  const repeated = keys.findIndex((k, i) => k !== undefined && keys.indexOf(k) !== i);
  if (repeated >= 0) {
    throw new AppError('validation', 'invalid_body', 'An idempotencyKey is used twice in one request', [
      { path: `creditRequests.${repeated}.idempotencyKey`, message: 'used by another credit of this request' },
    ]);
  }
  const hashes = await Promise.all(requests.map((r) => payloadHash(r)));
  const granted: CreditWire[] = await inTenantHome(db, tenantId, home, async (tx) => {
    const existing = new Map(
      (
        await creditsByKeys(
          tx,
          tenantId,
          keys.filter((k): k is string => k !== undefined),
        )
      ).map((row) => [row.idempotencyKey!, row]),
    );
    const rows: NewCreditRow[] = [];
    const answer: string[] = [];
    for (const [index, request] of requests.entries()) {
      const earlier = request.idempotencyKey ? existing.get(request.idempotencyKey) : undefined;
      if (earlier) {
        if (earlier.requestHash !== hashes[index]) {
          throw new AppError(
            'conflict',
            'idempotency_key_conflict',
            `idempotencyKey '${request.idempotencyKey}' made a credit from another request`,
            [
              {
                path: `creditRequests.${index}.idempotencyKey`,
                message: 'already used for a credit with other values',
              },
            ],
          );
        }
        answer.push(earlier.id);
        continue;
      }
      const found = await findAccount(tx, tenantId, request.accountId);
      const path = `creditRequests.${index}.accountId`;
      if (!found) {
        throw new AppError('validation', 'account_not_found', `No account '${request.accountId}'`, [
          { path, message: 'create the account first (POST /accounts)' },
        ]);
      }
      if (found.account.status === 'ARCHIVED') {
        throw new AppError('conflict', 'account_archived', `Account '${request.accountId}' is archived`, [
          { path, message: 'is archived' },
        ]);
      }
      const unit = await creditUnit(tx, tenantId, request.accountId, found.account.invoiceCurrency, now);
      if (!unit) {
        throw new AppError(
          'validation',
          'no_credit_currency',
          `Account '${request.accountId}' has no invoiceCurrency and no price plan`,
          [
            {
              path,
              message:
                'set the account’s invoiceCurrency (or associate a price plan) first: credits are money in that currency',
            },
          ],
        );
      }
      const id = newId('cred.');
      rows.push({
        tenantId,
        id,
        accountId: request.accountId,
        customerId: found.account.customerId,
        purpose: request.purpose,
        applicableEntityIds:
          request.applicableEntityIds && request.applicableEntityIds.length > 0
            ? [...new Set(request.applicableEntityIds)]
            : null,
        effectiveFrom: request.effectiveFrom,
        effectiveUntil: request.effectiveUntil ?? null,
        creditAmount: new Decimal(request.creditAmount).toFixed(),
        creditUnit: unit,
        priority: request.priority,
        grantorId: request.grantorId ?? null,
        idempotencyKey: request.idempotencyKey ?? null,
        requestHash: hashes[index]!,
        createdAt: new Date(now),
      });
      answer.push(id);
    }
    if (rows.length > 0 && !(await insertCredits(tx, rows))) {
      throw new AppError(
        'conflict',
        'concurrent_change',
        'Another request used one of these idempotency keys meanwhile; send it again',
      );
    }
    // Answered from inside the transaction: a credit whose payments cannot be told exactly
    // (credits_not_exact) is refused, not granted behind an error the client would retry.
    const states = new Map<string, CreditState>();
    const accountOf = new Map([
      ...rows.map((r) => [r.id, r.accountId] as const),
      ...[...existing.values()].map((r) => [r.id, r.accountId] as const),
    ]);
    for (const accountId of new Set(answer.map((id) => accountOf.get(id)!))) {
      for (const [id, state] of await accountCreditStates(tx, tenantId, accountId, now)) {
        states.set(id, state);
      }
    }
    return answer.map((id) => toCreditWire(states.get(id)!));
  });
  return granted;
}

async function mustState(db: Queryable, tenantId: string, id: string, now: number): Promise<CreditState> {
  const row = await findCredit(db, tenantId, id);
  if (!row) {
    throw notFound('credit', id);
  }
  return (await accountCreditStates(db, tenantId, row.accountId, now)).get(id)!;
}

export async function creditDetails(db: Queryable, tenantId: string, id: string, now: number) {
  const state = await mustState(db, tenantId, id, now);
  return { ...toCreditWire(state), transactions: creditTransactions(state, now) };
}

/**
 * Voids a credit: it pays nothing more, and keeps what it had paid until now (held by the open
 * cycle included). A repeat answers the voided credit.
 */
export async function voidCredit(
  db: Database,
  tenantId: string,
  home: Jurisdiction | null,
  id: string,
  now: number,
): Promise<CreditWire> {
  const state = await mustState(db, tenantId, id, now);
  if (state.row.voidedAt === null) {
    const used = new Decimal(state.use.consumed).plus(state.use.held).toFixed();
    await inTenantHome(db, tenantId, home, (tx) => voidCreditRow(tx, tenantId, id, used, new Date(now)));
  }
  return toCreditWire(await mustState(db, tenantId, id, now));
}

/** GET /credits: by id; a status filter reads on until the page is full. */
export async function listCredits(
  db: Queryable,
  tenantId: string,
  query: z.infer<typeof listCreditsQuery>,
  now: number,
) {
  const { nextToken, pageSize, status, accountId, id } = query;
  let afterId = await decodeOwnPageToken(nextToken, (key) => findCredit(db, tenantId, key));
  const matched: CreditWire[] = [];
  const states = new Map<string, Map<string, CreditState>>();
  for (;;) {
    const rows = await listCreditRows(db, tenantId, { accountId, id, afterId, limit: 200 });
    for (const row of rows) {
      const state = await stateOf(db, tenantId, row, now, states);
      if (status === undefined || state.status === status) {
        matched.push(toCreditWire(state));
      }
      if (matched.length > pageSize) {
        break;
      }
    }
    if (rows.length < 200 || matched.length > pageSize) {
      break;
    }
    afterId = rows.at(-1)!.id;
  }
  const page = toPage(matched, pageSize, (c) => c.id);
  return { data: page.data, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

async function stateOf(
  db: Queryable,
  tenantId: string,
  row: CreditRow,
  now: number,
  cache: Map<string, Map<string, CreditState>>,
): Promise<CreditState> {
  let account = cache.get(row.accountId);
  if (!account) {
    account = await accountCreditStates(db, tenantId, row.accountId, now);
    cache.set(row.accountId, account);
  }
  return account.get(row.id)!;
}

/**
 * Togai's CreditBalanceResponse in the account's credit currency: activeCredits, what the
 * credits in effect today were granted; availableBalance, what they have left after final cycles;
 * runningBalance, after the open cycle's holds too; inapplicableCredits, what credits not in effect
 * yet (or in another currency) have left.
 */
export async function creditBalanceOf(db: Queryable, tenantId: string, accountId: string, now: number) {
  const found = await findAccount(db, tenantId, accountId);
  if (!found) {
    throw notFound('account', accountId);
  }
  const states = [...(await accountCreditStates(db, tenantId, accountId, now)).values()];
  const unit =
    (await creditUnit(db, tenantId, accountId, found.account.invoiceCurrency, now)) ?? states[0]?.row.creditUnit;
  if (!unit) {
    throw new AppError(
      'validation',
      'no_credit_currency',
      `Account '${accountId}' has no invoiceCurrency, no price plan and no credits`,
      [{ path: 'accountId', message: 'has no currency for credits' }],
    );
  }
  const zero = new Decimal(0);
  let active = zero,
    available = zero,
    running = zero,
    inapplicable = zero;
  for (const state of states) {
    if (state.status !== 'ACTIVE') {
      continue;
    }
    if (state.row.creditUnit !== unit || state.forUse.from > now) {
      inapplicable = inapplicable.plus(creditBalance(state));
      continue;
    }
    active = active.plus(state.row.creditAmount);
    available = available.plus(new Decimal(state.row.creditAmount).minus(state.use.consumed));
    running = running.plus(state.use.left);
  }
  return {
    activeCredits: exactNumber(active.toFixed()),
    availableBalance: exactNumber(available.toFixed()),
    runningBalance: exactNumber(running.toFixed()),
    inapplicableCredits: exactNumber(inapplicable.toFixed()),
    unit,
    // Computed from the revenue recorded up to now: current as of this answer.
    lastUpdatedAt: new Date(now).toISOString(),
  };
}
