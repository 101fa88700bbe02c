import { Decimal } from '../decimal/decimal';
import type { EventOutcome } from '../metering/meter-event';
import type { PricePlanDefinition } from './price-plan';
import { revenueDelta } from './price';
import { cycleContaining } from './pricing-cycle';
import type { UsageRateCard } from './rate-card';

/** An account's plan over a period, with the definition of the version it is pinned to. */
export interface RatingAssociation {
  id: string;
  accountId: string;
  pricePlanId: string;
  pricePlanVersion: number;
  effectiveFrom: number;
  effectiveUntil: number | null;
  definition: PricePlanDefinition;
}

/** What one event adds to one priced meter. */
export interface PricedUsage {
  eventId: string;
  accountId: string;
  meterId: string;
  timestamp: number;
  quantity: string;
}

/** The usage of one rate card in one cycle of one association: the unit revenue is kept by. */
export interface CycleUsage {
  associationId: string;
  /** The association's plan: revenue is kept by the plan that rated it (revenue_rollups.price_plan_id). */
  pricePlanId: string;
  accountId: string;
  meterId: string;
  cycleStart: number;
  cycleEnd: number;
  currency: string;
  card: UsageRateCard;
  /** In the order they are rated: by timestamp, then id, so a batch always rates the same way. */
  usage: PricedUsage[];
  quantity: string;
}

const DAY = 86_400_000;

/** The association in force for an account at `at`. */
export function associationAt(
  associations: RatingAssociation[],
  accountId: string,
  at: number,
): RatingAssociation | undefined {
  return associations.find(
    (a) => a.accountId === accountId && a.effectiveFrom <= at && (a.effectiveUntil === null || at < a.effectiveUntil),
  );
}

/**
 * The first instant of [from, until) at which one of the account's associations is in force, or
 * undefined when none is. A cycle of a plan that began (or a gap that ended) inside it is priced
 * from there: its start may precede every plan of the account.
 */
export function firstInstantUnderPlan(
  associations: RatingAssociation[],
  accountId: string,
  from: number,
  until: number,
): number | undefined {
  const starts = associations
    .filter(
      (a) =>
        a.accountId === accountId && a.effectiveFrom < until && (a.effectiveUntil === null || a.effectiveUntil > from),
    )
    .map((a) => Math.max(from, a.effectiveFrom));
  return starts.length === 0 ? undefined : Math.min(...starts);
}

/** What rating reads of an event's outcome: who, when, when it arrived, and what it added to each meter. */
export type RatedOutcome = {
  event: Pick<EventOutcome['event'], 'id' | 'accountId' | 'timestamp' | 'acceptedAt'>;
  contributions: EventOutcome['contributions'];
};

/**
 * What new events add to priced usage (docs/design.md §9), grouped by (association, rate card, cycle).
 * An event is rated under the plan in force at its timestamp, in the cycle containing it — unless
 * it arrived after that cycle's grace period, when the cycle is final: then it counts in the cycle
 * open when it arrived (or the plan's last cycle, if the plan had ended by then). COUNT meters add 1 per event, SUM meters the event's value.
 */
export function groupPricedUsage(outcomes: RatedOutcome[], associations: RatingAssociation[]): CycleUsage[] {
  const groups = new Map<string, CycleUsage>();
  for (const { event, contributions } of outcomes) {
    const at = Date.parse(event.timestamp);
    const association = associationAt(associations, event.accountId, at);
    if (!association) {
      continue;
    }
    for (const { meterId, value, aggregation } of contributions) {
      const card = association.definition.usageRateCards.find((c) => c.usageMeterId === meterId);
      if (!card) {
        continue;
      }
      const quantity = aggregation === 'COUNT' ? '1' : value;
      const cycle = ratingCycle(association, at, Date.parse(event.acceptedAt));
      const key = `${association.id}\u0000${meterId}\u0000${cycle.start}`;
      const group = groups.get(key) ?? {
        associationId: association.id,
        pricePlanId: association.pricePlanId,
        accountId: event.accountId,
        meterId,
        cycleStart: cycle.start,
        cycleEnd: cycle.end,
        currency: association.definition.currency,
        card,
        usage: [],
        quantity: '0',
      };
      group.usage.push({ eventId: event.id, accountId: event.accountId, meterId, timestamp: at, quantity });
      group.quantity = new Decimal(group.quantity).plus(quantity).toFixed();
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) {
    group.usage.sort(
      (a, b) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
    );
  }
  return [...groups.values()];
}

/** The event's cycle; once that is final, the one open on arrival — but never past the plan's last. */
function ratingCycle(association: RatingAssociation, at: number, acceptedAt: number) {
  const { pricingCycle } = association.definition;
  const cycle = cycleContaining(pricingCycle, association.effectiveFrom, at);
  if (acceptedAt < cycle.end + pricingCycle.gracePeriod * DAY) {
    return cycle;
  }
  const lastInstant = association.effectiveUntil === null ? Infinity : association.effectiveUntil - 1;
  return cycleContaining(pricingCycle, association.effectiveFrom, Math.min(acceptedAt, lastInstant));
}

/**
 * Each event's revenue in a cycle that already held `before` units: the price after it less the
 * price before it, in order. The deltas add up to price(before + all) − price(before).
 */
export function rateCycleUsage(
  group: CycleUsage,
  before: string,
): { eventId: string; timestamp: number; revenue: Decimal }[] {
  let used = new Decimal(before);
  return group.usage.map((u) => {
    const after = used.plus(u.quantity);
    const revenue = revenueDelta(group.card, used, after);
    used = after;
    return { eventId: u.eventId, timestamp: u.timestamp, revenue };
  });
}
