import { z } from 'zod';
import { featureDebits, type DebitLine } from '../entitlement/feature-debits';
import type { Feature } from '../entitlement/feature';
import type { AcceptedEvent } from '../event/accepted-event';
import { objectPlacementSchema } from '../tenant/placement';
import { chunkBySize } from './message-size';

/** Adjustments a spend-limit message carries at most (≈ 120 bytes each, well inside a message). */
export const MAX_LIMIT_ADJUSTMENTS = 500;

/**
 * The revenue one event was rated at, for an account with a spend limit (shared/spend/spend-limit.ts):
 * summed over the meters it counted for, in its association's currency and billing cycle
 * (milliseconds, [cycleStart, cycleEnd)). The ledger records it once under the event's id.
 */
export const eventSpendSchema = z.object({
  amount: z.string(),
  currency: z.string().min(1),
  cycleStart: z.number().int(),
  cycleEnd: z.number().int(),
});
export type EventSpend = z.infer<typeof eventSpendSchema>;

/**
 * One message of the ledger queue: what metered events of one account consume of its features,
 * and, for an account with a spend limit, what each cost. The rater sends it after metering; the
 * edge's consumer debits the account's AccountLedger, which skips any event it already debited
 * (through /entitled or an earlier delivery), and records each event's spend once. An event
 * debited at the edge (/entitled, a settled reservation) carries spend and no lines.
 */
export const ledgerDebitMessageSchema = z.object({
  kind: z.literal('debits'),
  tenantId: z.string().min(1),
  /** The tenant's placement, stamped by the rater as it sends; absent in older messages: the default. */
  placement: objectPlacementSchema.optional(),
  accountId: z.string().min(1),
  debits: z
    .array(
      z
        .object({
          eventId: z.string().min(1),
          at: z.number().int(),
          lines: z.array(z.object({ featureId: z.string().min(1), amount: z.string() })),
          spend: eventSpendSchema.optional(),
        })
        .refine((d) => d.lines.length > 0 || d.spend !== undefined, {
          message: 'a debit carries lines, spend or both',
          path: ['lines'],
        }),
    )
    .min(1),
});
export type LedgerDebitMessage = z.infer<typeof ledgerDebitMessageSchema>;

/**
 * The feature credits one plan association grants an account (its entitlement rate cards) for its
 * current and next cycle: the whole set, so the ledger brings the association's entries in line —
 * adds what is missing, cuts an entry to a shortened association, voids one not yet begun that
 * the association no longer reaches. Entry ids are stable, so a repeat changes nothing.
 */
export const ledgerPlanGrantsMessageSchema = z.object({
  kind: z.literal('plan-grants'),
  tenantId: z.string().min(1),
  /** The tenant's placement, stamped by the rater as it sends; absent in older messages: the default. */
  placement: objectPlacementSchema.optional(),
  accountId: z.string().min(1),
  associationId: z.string().min(1),
  grants: z.array(
    z.object({
      featureId: z.string().min(1),
      id: z.string().min(1),
      granted: z.string(),
      effectiveFrom: z.string(),
      effectiveUntil: z.string(),
      source: z.string(),
    }),
  ),
});
export type LedgerPlanGrantsMessage = z.infer<typeof ledgerPlanGrantsMessageSchema>;

/**
 * What corrections of events (POST /events/correction) change in one account's credits: each
 * gives back (`REFUND`) what the event consumed, or debits (`DEBIT`) what its corrected payload
 * consumes. A correction is the `seq`-th ledger change of its event: the ledger applies each
 * (eventId, seq) once (correctionKey), in the order of a message; the rater sends an event's
 * changes still owed together, in order, and only once the event's debit was confirmed applied,
 * so a give-back never reaches the ledger before what it gives back.
 */
export const ledgerCorrectionMessageSchema = z.object({
  kind: z.literal('corrections'),
  tenantId: z.string().min(1),
  placement: objectPlacementSchema.optional(),
  accountId: z.string().min(1),
  corrections: z
    .array(
      z.object({
        eventId: z.string().min(1),
        seq: z.number().int().positive(),
        effect: z.enum(['REFUND', 'DEBIT']),
        /** The (corrected) event's timestamp in milliseconds: the credits live then are the ones it moves. */
        at: z.number().int(),
        lines: z.array(z.object({ featureId: z.string().min(1), amount: z.string() })).min(1),
      }),
    )
    .min(1),
});
export type LedgerCorrectionMessage = z.infer<typeof ledgerCorrectionMessageSchema>;
export type LedgerCorrection = LedgerCorrectionMessage['corrections'][number];

/**
 * The id a correction is applied and confirmed under in the ledger, beside event ids: an event id
 * never holds NUL (shared/api/strict-json.ts), so no event's debit can share it.
 */
export function correctionKey(correction: { eventId: string; seq: number }): string {
  return `${correction.eventId}\u0000correction\u0000${correction.seq}`;
}

/** A change of an account's spend in one cycle that no event's first rating carries (rater ledger_spend_adjustments). */
export const spendAdjustmentSchema = eventSpendSchema.extend({
  id: z.string().regex(/^[1-9][0-9]{0,18}$/, 'must be a positive integer'),
});
export type SpendAdjustment = z.infer<typeof spendAdjustmentSchema>;

/**
 * An account's spend limit (shared/spend/README.md) as set or removed (`limit` null) in Postgres,
 * under the version that set or removal took. The ledger keeps the copy with the highest version,
 * so a message delivered late, or twice, never overrides a newer one.
 */
export const ledgerSpendLimitMessageSchema = z.object({
  kind: z.literal('spend-limit'),
  tenantId: z.string().min(1),
  placement: objectPlacementSchema.optional(),
  accountId: z.string().min(1),
  limit: z.object({ amount: z.string(), currency: z.string().min(1) }).nullable(),
  version: z.number().int().nonnegative(),
  /**
   * The account's spend adjustments still owed when the limit was sent — a new limit's opening
   * among them: the ledger records them before it keeps the limit, so it never enforces a limit
   * without what the cycle spent before it. Each is sent on its own too, and counted once.
   */
  adjustments: z.array(spendAdjustmentSchema).max(MAX_LIMIT_ADJUSTMENTS).optional(),
});
export type LedgerSpendLimitMessage = z.infer<typeof ledgerSpendLimitMessageSchema>;

/**
 * Changes of accounts' spend that no event's first rating carries (rater ledger_spend_adjustments):
 * revenue rated or taken back later, or a new limit's opening — each recorded once by the ledger
 * under `spendAdjustmentKey(id)`, counted in its cycle like an event's revenue.
 */
export const ledgerSpendAdjustmentMessageSchema = z.object({
  kind: z.literal('spend-adjustments'),
  tenantId: z.string().min(1),
  placement: objectPlacementSchema.optional(),
  accountId: z.string().min(1),
  adjustments: z.array(spendAdjustmentSchema).min(1),
});
export type LedgerSpendAdjustmentMessage = z.infer<typeof ledgerSpendAdjustmentMessageSchema>;

/** The key a spend adjustment is recorded under in the ledger: NUL keeps it apart from every event id, as correctionKey does. */
export function spendAdjustmentKey(id: string): string {
  return `\u0000spend\u0000${id}`;
}

/** Spend adjustments as the ledger records them: each under its own key. */
export function spendAdjustmentRecords(adjustments: SpendAdjustment[]) {
  return adjustments.map(({ id, ...spend }) => {
    const key = spendAdjustmentKey(id);
    return { key, eventId: key, ...spend };
  });
}

/** Every message of the ledger queue. */
export const ledgerMessageSchema = z.discriminatedUnion('kind', [
  ledgerDebitMessageSchema,
  ledgerPlanGrantsMessageSchema,
  ledgerCorrectionMessageSchema,
  ledgerSpendLimitMessageSchema,
  ledgerSpendAdjustmentMessageSchema,
]);
export type LedgerMessage =
  | LedgerDebitMessage
  | LedgerPlanGrantsMessage
  | LedgerCorrectionMessage
  | LedgerSpendLimitMessage
  | LedgerSpendAdjustmentMessage;

/** What one event consumes of its account's features: a debit waiting for the account's ledger. */
export interface AccountDebit {
  accountId: string;
  eventId: string;
  /** The event's timestamp in milliseconds: metered usage consumes the credits live then. */
  at: number;
  lines: DebitLine[];
  /** Its revenue, for an account with a spend limit (metering writes it beside the lines). */
  spend?: EventSpend;
}

/** What each event consumes of the tenant's features; events that consume nothing are left out. */
export function eventDebits(events: AcceptedEvent[], features: Feature[]): AccountDebit[] {
  if (features.length === 0) {
    return [];
  }
  return events.flatMap((event) => {
    const lines = featureDebits(event, features).lines;
    return lines.length === 0
      ? []
      : [{ accountId: event.accountId, eventId: event.id, at: Date.parse(event.timestamp), lines }];
  });
}

/** The messages that carry a tenant's debits: one or more per account, each under the size limit. */
export function ledgerDebitMessages(tenantId: string, debits: AccountDebit[]): LedgerDebitMessage[] {
  const byAccount = new Map<string, LedgerDebitMessage['debits']>();
  for (const { accountId, eventId, at, lines, spend } of debits) {
    const account = byAccount.get(accountId) ?? [];
    account.push({ eventId, at, lines, ...(spend ? { spend } : {}) });
    byAccount.set(accountId, account);
  }
  return [...byAccount].flatMap(([accountId, debits]) =>
    chunkBySize(debits).map((chunk) => ({ kind: 'debits' as const, tenantId, accountId, debits: chunk })),
  );
}
