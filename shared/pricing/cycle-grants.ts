import { cycleContaining, type Cycle } from './pricing-cycle';
import { planGrantId } from './plan-grant-id';
import type { RatingAssociation } from './rate-usage';

/** One feature credit entry a plan grants an account for one cycle. */
export interface CycleGrant {
  featureId: string;
  /** Stable, so granting again is a no-op, and within Togai's 50 characters (plan-grant-id.ts). */
  id: string;
  granted: string;
  effectiveFrom: string;
  effectiveUntil: string;
  source: 'PRICE_PLAN';
}

/**
 * The credits an association's entitlement rate cards grant for its cycle at `now` (or its first,
 * or its last once it has ended) and for the next one — granted ahead, so they are in the ledger
 * when that cycle starts — each effective for its cycle, cut to the association's own period.
 */
export function cycleGrants(association: RatingAssociation, now: number): CycleGrant[] {
  const cards = association.definition.entitlementRateCards;
  if (cards.length === 0) {
    return [];
  }
  const { pricingCycle } = association.definition;
  const lastInstant = association.effectiveUntil === null ? Infinity : association.effectiveUntil - 1;
  const current = cycleContaining(
    pricingCycle,
    association.effectiveFrom,
    Math.min(Math.max(now, association.effectiveFrom), lastInstant),
  );
  const next = cycleContaining(pricingCycle, association.effectiveFrom, current.end);
  return [current, next].flatMap((cycle) => grantsFor(association, cycle));
}

function grantsFor(association: RatingAssociation, cycle: Cycle): CycleGrant[] {
  const from = Math.max(cycle.start, association.effectiveFrom);
  const until = Math.min(cycle.end, association.effectiveUntil ?? Infinity);
  if (from >= until) {
    return [];
  }
  return association.definition.entitlementRateCards.map((card) => ({
    featureId: card.featureId,
    id: planGrantId(association.id, cycle.start, card.featureId),
    granted: card.granted,
    effectiveFrom: new Date(from).toISOString(),
    effectiveUntil: new Date(until).toISOString(),
    source: 'PRICE_PLAN' as const,
  }));
}
