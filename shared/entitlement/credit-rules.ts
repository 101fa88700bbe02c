import { Decimal } from '../decimal/decimal';
import { AppError } from '../errors/app-error';
import { currentPlanGrantId } from '../pricing/plan-grant-id';
import { untilMs, type CreditEntry, type GrantCreditsRequest, type UpdateCreditEntryRequest } from './credit-entry';

/**
 * The rules of an account's credit entries, apart from where they are kept: what a grant creates,
 * when a grant sent again is the same one, how an entry may change, and how a plan association's
 * entries follow what it grants. The AccountLedger applies them in its transactions.
 */

/** The entry a grant creates (its id chosen by the caller when the request names none). */
export function grantedEntry(id: string, featureId: string, request: GrantCreditsRequest, now: number): CreditEntry {
  const entry: CreditEntry = {
    id,
    featureId,
    source: request.source,
    status: 'ACTIVE',
    granted: new Decimal(request.granted).toFixed(),
    used: '0',
    effectiveFrom: request.effectiveFrom ? Date.parse(request.effectiveFrom) : now,
    effectiveUntil: request.effectiveUntil ? untilMs(request.effectiveUntil) : null,
    createdAt: now,
  };
  if (entry.effectiveUntil !== null && entry.effectiveUntil <= entry.effectiveFrom) {
    throw new AppError('validation', 'invalid_entry', 'effectiveUntil must be after effectiveFrom', [
      { path: 'effectiveUntil', message: `must be after ${new Date(entry.effectiveFrom).toISOString()}` },
    ]);
  }
  return entry;
}

/**
 * A grant sent again with an id that exists: the same grant (safe to retry) unless a field it
 * gives differs, which is refused naming the id.
 */
export function checkRegrant(existing: CreditEntry, again: CreditEntry, request: GrantCreditsRequest): void {
  const same =
    existing.featureId === again.featureId &&
    new Decimal(existing.granted).eq(again.granted) &&
    existing.effectiveUntil === again.effectiveUntil &&
    (request.effectiveFrom === undefined || existing.effectiveFrom === again.effectiveFrom) &&
    existing.source === again.source;
  if (!same) {
    throw new AppError('conflict', 'entry_id_conflict', `Entry '${existing.id}' exists with other values`, [
      { path: 'id', message: 'already used for another grant' },
    ]);
  }
}

/** What an entry becomes under a change: never granting less than was used, never ending in the past. */
export function changedEntry(
  entry: CreditEntry,
  change: UpdateCreditEntryRequest,
  now: number,
): Pick<CreditEntry, 'granted' | 'effectiveUntil'> {
  if (entry.status === 'VOIDED') {
    throw new AppError('conflict', 'entry_voided', `Entry '${entry.id}' is VOIDED`);
  }
  if (change.granted !== undefined && new Decimal(change.granted).lt(entry.used)) {
    throw new AppError('validation', 'invalid_entry', 'granted cannot go below what was used', [
      { path: 'granted', message: `must be at least ${entry.used}, already used` },
    ]);
  }
  const until = change.effectiveUntil === undefined ? entry.effectiveUntil : untilMs(change.effectiveUntil);
  if (change.effectiveUntil !== undefined && until !== null && until <= Math.max(now, entry.effectiveFrom)) {
    throw new AppError('validation', 'invalid_entry', 'effectiveUntil must be in the future and after effectiveFrom', [
      { path: 'effectiveUntil', message: 'must be in the future and after effectiveFrom' },
    ]);
  }
  return {
    granted: change.granted === undefined ? entry.granted : new Decimal(change.granted).toFixed(),
    effectiveUntil: until,
  };
}

/** One cycle's grant of a plan association, as the rater sends it. */
export interface PlanGrantLine {
  id: string;
  featureId: string;
  granted: string;
  effectiveFrom: string;
  effectiveUntil: string;
  source: string;
}

export interface PlanGrantChanges {
  voids: string[];
  updates: { id: string; granted: string; effectiveUntil: number }[];
  inserts: CreditEntry[];
}

/**
 * Brings one association's entries (those whose id starts with `<association>#`) in line with what
 * it grants now: adds the missing ones, cuts or extends one whose period changed (the association
 * ended early) — never below what was used — and voids one not yet begun that it no longer grants.
 * Credits already used stay used, a voided grant stays voided, and applying the changes and asking
 * again changes nothing.
 */
export function planGrantChanges(entries: CreditEntry[], grants: PlanGrantLine[], now: number): PlanGrantChanges {
  const wanted = new Map(grants.map((g) => [g.id, g]));
  const changes: PlanGrantChanges = { voids: [], updates: [], inserts: [] };
  for (const entry of entries) {
    // An entry granted under the first, longer id form is the same grant: never granted twice.
    const grant = wanted.get(currentPlanGrantId(entry.id));
    if (!grant) {
      if (entry.effectiveFrom > now && entry.status === 'ACTIVE') {
        changes.voids.push(entry.id);
      }
      continue;
    }
    wanted.delete(grant.id);
    // A grant someone voided stays voided: granting it again would undo the void (and reuse its id).
    if (entry.status === 'VOIDED') {
      continue;
    }
    const until = Date.parse(grant.effectiveUntil);
    const granted = Decimal.max(grant.granted, entry.used).toFixed();
    if (entry.effectiveUntil !== until || !new Decimal(entry.granted).eq(granted)) {
      changes.updates.push({ id: entry.id, granted, effectiveUntil: until });
    }
  }
  for (const grant of wanted.values()) {
    changes.inserts.push({
      id: grant.id,
      featureId: grant.featureId,
      source: grant.source,
      status: 'ACTIVE',
      granted: new Decimal(grant.granted).toFixed(),
      used: '0',
      effectiveFrom: Date.parse(grant.effectiveFrom),
      effectiveUntil: Date.parse(grant.effectiveUntil),
      createdAt: now,
    });
  }
  return changes;
}
