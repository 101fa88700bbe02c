import type { PlanAssociation } from './price-plan';

/**
 * Where a new plan association fits among the account's others, which never overlap (each runs
 * from effectiveFrom up to, not including, effectiveUntil). The association in force at the new
 * effectiveFrom ends there; one that starts at or after it refuses the new one, because replacing
 * a scheduled future (or an association of the same instant) would silently rewrite a decision
 * already made. Associations that ended earlier stay as they are.
 */
export type Placement =
  | { ok: true; end: PlanAssociation[] }
  | { ok: false; blocking: PlanAssociation };

export function placeAssociation(existing: readonly PlanAssociation[], effectiveFrom: string): Placement {
  const from = Date.parse(effectiveFrom);
  const blocking = existing.find((a) => Date.parse(a.effectiveFrom) >= from);
  if (blocking) return { ok: false, blocking };
  return { ok: true, end: existing.filter((a) => a.effectiveUntil === undefined || Date.parse(a.effectiveUntil) > from) };
}
