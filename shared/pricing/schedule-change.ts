import type { PlanAssociation } from './price-plan';

/**
 * Togai's schedule edit (UpdatePricingScheduleRequest.mode): ASSOCIATE puts a plan in force over
 * [from, until); DISASSOCIATE leaves the account without one over it. An account's associations
 * never overlap (each runs from effectiveFrom up to, not including, effectiveUntil; null: open).
 */
export const scheduleModes = ['ASSOCIATE', 'DISASSOCIATE'] as const;
export type ScheduleMode = (typeof scheduleModes)[number];

export interface ScheduleChange {
  mode: ScheduleMode;
  from: number;
  until: number | null;
}

/**
 * Where a change fits among the account's associations. The one in force at `from` ends there
 * (the caller still checks it has rated nothing from then on: re-rating what a plan already rated
 * is not done). Refused, with the field to blame:
 * - an association starting inside [from, until): a scheduled (or same-instant) plan would be
 *   rewritten — change it from its own start instead;
 * - the one in force at `from` running past a bounded `until`: Togai would split it in two around
 *   the change; Meterline does not split an association (its cycles are anchored on its start).
 * A DISASSOCIATE where no plan is in force changes nothing.
 */
export type ChangePlacement =
  | { ok: true; end: PlanAssociation | null }
  | {
      ok: false;
      field: 'effectiveFrom' | 'effectiveUntil';
      reason: 'starts_inside' | 'would_split';
      blocking: PlanAssociation;
    };

export function placeScheduleChange(existing: readonly PlanAssociation[], change: ScheduleChange): ChangePlacement {
  const startsInside = existing.find((a) => {
    const start = Date.parse(a.effectiveFrom);
    return start >= change.from && (change.until === null || start < change.until);
  });
  if (startsInside) {
    return { ok: false, field: 'effectiveFrom', reason: 'starts_inside', blocking: startsInside };
  }
  const inForce = existing.find(
    (a) =>
      Date.parse(a.effectiveFrom) < change.from &&
      (a.effectiveUntil === undefined || Date.parse(a.effectiveUntil) > change.from),
  );
  if (!inForce) {
    return { ok: true, end: null };
  }
  const inForceUntil = inForce.effectiveUntil === undefined ? null : Date.parse(inForce.effectiveUntil);
  const runsPast = change.until !== null && (inForceUntil === null || inForceUntil > change.until);
  if (runsPast) {
    return { ok: false, field: 'effectiveUntil', reason: 'would_split', blocking: inForce };
  }
  return { ok: true, end: inForce };
}
