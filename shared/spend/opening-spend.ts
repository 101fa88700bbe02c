import { Decimal } from '../decimal/decimal';
import { revenueDelta } from '../pricing/price';
import type { RatingAssociation } from '../pricing/rate-usage';

/** One meter's usage rated so far in one cycle of one association (the rater's cycle_usage row). */
export interface RatedCycleUsage {
  associationId: string;
  meterId: string;
  cycleStart: number;
  cycleEnd: number;
  currency: string;
  quantity: string;
}

/** What an account's cycle has rated, in one currency: a new spend limit's opening (shared/spend/README.md). */
export interface CycleRevenue {
  currency: string;
  cycleStart: number;
  cycleEnd: number;
  amount: string;
}

/**
 * The revenue these cycles have rated, per cycle and currency: each meter's usage priced from
 * nothing by its association's rate card — what the deltas metering wrote for it add up to
 * (rate-usage.ts rateCycleUsage). Usage with no card to price it was never rated.
 */
export function ratedCycleRevenue(rows: RatedCycleUsage[], associations: RatingAssociation[]): CycleRevenue[] {
  const cycles = new Map<string, CycleRevenue & { sum: Decimal }>();
  for (const row of rows) {
    const association = associations.find((a) => a.id === row.associationId);
    const card = association?.definition.usageRateCards.find((c) => c.usageMeterId === row.meterId);
    if (!card) {
      continue;
    }
    const key = [row.currency, row.cycleStart, row.cycleEnd].join('\u0000');
    const cycle = cycles.get(key) ?? {
      currency: row.currency,
      cycleStart: row.cycleStart,
      cycleEnd: row.cycleEnd,
      amount: '0',
      sum: new Decimal(0),
    };
    cycle.sum = cycle.sum.plus(revenueDelta(card, new Decimal(0), new Decimal(row.quantity)));
    cycles.set(key, cycle);
  }
  return [...cycles.values()].map(({ sum, ...cycle }) => ({ ...cycle, amount: sum.toFixed() }));
}
