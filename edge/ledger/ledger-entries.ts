import { AppError } from '../../shared/errors/app-error';
import type {
  CreditEntry,
  CreditEntryView,
  GrantCreditsRequest,
  UpdateCreditEntryRequest,
} from '../../shared/entitlement/credit-entry';
import { changedEntry, checkRegrant, grantedEntry, planGrantChanges } from '../../shared/entitlement/credit-rules';
import { entryView } from '../../shared/entitlement/ledger-math';
import type { CreditRows } from './credit-rows';
import type { LedgerResult, PlanGrant } from './ledger-protocol';

/** What of the AccountLedger entry administration acts through. */
export interface EntryParts {
  rows: CreditRows;
  settleOverage(featureId: string, now: number): void;
  transaction<T>(run: () => T): T;
}

/**
 * The AccountLedger's credit entries: grants, changes, voids and plan grants, each in one
 * transaction, by the rules of shared/entitlement/credit-rules.ts. A refusal is answered as a
 * value (LedgerResult): an exception would not cross the RPC boundary with its fields.
 */
export class LedgerEntries {
  constructor(private readonly parts: EntryParts) {}

  grant(
    featureId: string,
    request: GrantCreditsRequest,
    now: number,
  ): LedgerResult<{ created: boolean; entry: CreditEntryView }> {
    const { rows } = this.parts;
    return refusalsAsValues(() =>
      this.parts.transaction(() => {
        const entry = grantedEntry(request.id ?? `entry.${crypto.randomUUID()}`, featureId, request, now);
        const existing = rows.entry(entry.id);
        if (existing) {
          checkRegrant(existing, entry, request);
          return { created: false, entry: entryView(existing, now) };
        }
        rows.insertEntry(entry);
        this.parts.settleOverage(featureId, now);
        return { created: true, entry: entryView(this.mustFind(featureId, entry.id), now) };
      }),
    );
  }

  /** One plan association's entries brought in line with what it grants now, its current and next cycle. */
  syncPlanGrants(associationId: string, grants: PlanGrant[], now: number): void {
    const { rows } = this.parts;
    this.parts.transaction(() => {
      const changes = planGrantChanges(rows.entriesWithPrefix(`${associationId}#`), grants, now);
      for (const id of changes.voids) {
        rows.voidEntry(id);
      }
      for (const { id, ...change } of changes.updates) {
        rows.updateEntry(id, change);
      }
      for (const entry of changes.inserts) {
        rows.insertEntry(entry);
        this.parts.settleOverage(entry.featureId, now);
      }
    });
  }

  /** Whether the feature has this entry (a page token names one). */
  has(featureId: string, entryId: string): boolean {
    return this.parts.rows.entry(entryId)?.featureId === featureId;
  }

  list(featureId: string, after: string | undefined, limit: number, now: number): CreditEntryView[] {
    return this.parts.rows.entryPage(featureId, after, limit).map((e) => entryView(e, now));
  }

  update(
    featureId: string,
    entryId: string,
    change: UpdateCreditEntryRequest,
    now: number,
  ): LedgerResult<CreditEntryView> {
    return refusalsAsValues(() =>
      this.parts.transaction(() => {
        this.parts.rows.updateEntry(entryId, changedEntry(this.mustFind(featureId, entryId), change, now));
        this.parts.settleOverage(featureId, now);
        return entryView(this.mustFind(featureId, entryId), now);
      }),
    );
  }

  /**
   * Voids an entry: what is left of it is gone; what was used stays used. Idempotent. In a
   * transaction like every change of credits: the balance it lowers may cross a balance alert.
   */
  void(featureId: string, entryId: string, now: number): LedgerResult<CreditEntryView> {
    return refusalsAsValues(() =>
      this.parts.transaction(() => {
        this.mustFind(featureId, entryId);
        this.parts.rows.voidEntry(entryId);
        return entryView(this.mustFind(featureId, entryId), now);
      }),
    );
  }

  private mustFind(featureId: string, entryId: string): CreditEntry {
    const entry = this.parts.rows.entry(entryId);
    if (!entry || entry.featureId !== featureId) {
      throw new AppError(
        'not_found',
        'entry_not_found',
        `No credit entry '${entryId}' for feature '${featureId}' on this account`,
      );
    }
    return entry;
  }
}

function refusalsAsValues<T>(run: () => T): LedgerResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error;
    }
    return { ok: false, problem: { kind: error.kind, code: error.code, detail: error.detail, errors: error.errors } };
  }
}
