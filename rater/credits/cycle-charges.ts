import { Decimal } from '../../shared/decimal/decimal';
import type { CycleCharge } from '../../shared/credit/consume-credits';
import { AppError } from '../../shared/errors/app-error';
import type { Queryable } from '../db/connect';
import { accountStatement } from '../queries/statement';
import { ratingAssociationsFor } from '../store/plan-associations';

/** A bound on the cycles read per call: 50 years of monthly cycles. */
const MAX_CYCLES = 600;

/**
 * What each of the account's cycles from `from` until now charges in `currency` — usage and fixed
 * fees apart, each line rounded as its statement rounds it (GET /accounts/{id}/statement): the
 * amounts credits pay. Cycles with no plan in force charge nothing and are skipped.
 */
export async function cycleCharges(
  db: Queryable,
  tenantId: string,
  accountId: string,
  currency: string,
  from: number,
  now: number,
): Promise<CycleCharge[]> {
  const associations = await ratingAssociationsFor(db, tenantId, [accountId]);
  const charges: CycleCharge[] = [];
  let at = from;
  while (at <= now) {
    if (charges.length >= MAX_CYCLES) {
      throw new AppError(
        'validation',
        'too_many_cycles',
        `More than ${MAX_CYCLES} cycles to read; credits this old are not supported`,
      );
    }
    const first = associations.filter((a) => a.effectiveFrom <= at).length === 0;
    if (first) {
      const next = associations
        .map((a) => a.effectiveFrom)
        .filter((t) => t > at)
        .sort((a, b) => a - b)[0];
      if (next === undefined || next > now) {
        break;
      }
      at = next;
      continue;
    }
    const statement = await accountStatement(db, tenantId, accountId, at, now);
    const previous = charges.at(-1);
    if (previous && Date.parse(statement.cycleStart) < previous.end) {
      // Plans with differently anchored cycles: the two statements overlap and would both charge
      // the usage they share. No exact answer is better than a wrong amount of money.
      throw new AppError(
        'conflict',
        'credits_not_exact',
        `Account '${accountId}' changed to a plan whose cycles overlap the previous plan's (${statement.cycleStart} starts before ` +
          `${new Date(previous.end).toISOString()}): Meterline cannot yet tell exactly what its credits paid`,
      );
    }
    const plans = statement.plans.filter((p) => p.currency === currency);
    const sum = (amounts: string[]) => amounts.reduce((s, a) => s.plus(a), new Decimal(0)).toFixed();
    charges.push({
      start: Date.parse(statement.cycleStart),
      end: Date.parse(statement.cycleEnd),
      final: statement.status === 'FINAL',
      usage: sum(plans.flatMap((p) => p.usageLines.map((l) => l.amount))),
      fixedFees: sum(plans.flatMap((p) => p.fixedFees.map((f) => f.amount))),
    });
    const end = Date.parse(statement.cycleEnd);
    if (end <= at) {
      break;
    }
    at = end;
  }
  return charges;
}
