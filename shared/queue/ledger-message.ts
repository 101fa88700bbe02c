import { z } from 'zod';
import { featureDebits, type DebitLine } from '../entitlement/feature-debits';
import type { Feature } from '../entitlement/feature';
import type { AcceptedEvent } from '../event/accepted-event';
import { chunkBySize } from './message-size';

/**
 * One message of the ledger queue: what metered events of one account consume of its features.
 * The rater sends it after metering; the edge's consumer debits the account's AccountLedger,
 * which skips any event it already debited (through /entitled or an earlier delivery).
 */
export const ledgerDebitMessageSchema = z.object({
  kind: z.literal('debits'),
  tenantId: z.string().min(1),
  accountId: z.string().min(1),
  debits: z
    .array(
      z.object({
        eventId: z.string().min(1),
        at: z.number().int(),
        lines: z.array(z.object({ featureId: z.string().min(1), amount: z.string() })).min(1),
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

/** Every message of the ledger queue. */
export const ledgerMessageSchema = z.discriminatedUnion('kind', [ledgerDebitMessageSchema, ledgerPlanGrantsMessageSchema]);
export type LedgerMessage = LedgerDebitMessage | LedgerPlanGrantsMessage;

/** The messages a tenant's metered events make: one or more per account, each under the size limit. */
export function ledgerDebitMessages(tenantId: string, events: AcceptedEvent[], features: Feature[]): LedgerDebitMessage[] {
  if (features.length === 0) return [];
  const byAccount = new Map<string, LedgerDebitMessage['debits']>();
  for (const event of events) {
    const lines: DebitLine[] = featureDebits(event, features).lines;
    if (lines.length === 0) continue;
    const debits = byAccount.get(event.accountId) ?? [];
    debits.push({ eventId: event.id, at: Date.parse(event.timestamp), lines });
    byAccount.set(event.accountId, debits);
  }
  return [...byAccount].flatMap(([accountId, debits]) => chunkBySize(debits).map((chunk) => ({ kind: 'debits' as const, tenantId, accountId, debits: chunk })));
}
