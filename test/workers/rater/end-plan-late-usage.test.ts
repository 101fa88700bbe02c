import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../rater/db/connect';
import { changePricingSchedule } from '../../../rater/pipeline/change-pricing-schedule';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { accountStatement } from '../../../rater/queries/statement';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { updatePricingScheduleRequest } from '../../../shared/pricing/pricing-schedule';
import { usageRateCardSchema, type UsageRateCard } from '../../../shared/pricing/rate-card';
import { requestEvent, seedTenant } from './fixtures';

/**
 * A late event is rated into the cycle open when it arrived, not the one of its timestamp. Ending
 * the plan at the start of that cycle would leave its revenue on no statement (the next plan's
 * catch-up reads events by timestamp; statements drop the ended plan's later cycles), so it is
 * refused, as ending a plan over usage it has rated is.
 */
// September to November: after every cutoff the purge tests (which share this database) delete below.
const MONTHLY_GRACE_2_DAYS = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 2,
};

describe('ending a plan where it rated late usage', () => {
  it('is refused from the start of the cycle the late event was rated in, and allowed after it', async () => {
    const { tenantId, meters } = await seedTenant([
      { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
    ]);
    const card = usageRateCardSchema.parse({
      usageMeterId: meters[0]!.id,
      pricingModel: 'TIERED',
      slabs: [{ startAfter: '0', rate: '1' }],
    });
    const { db, pool } = connect(env);
    try {
      const [planA, planB] = [await activePlan(db, tenantId, 'a', [card]), await activePlan(db, tenantId, 'b', [card])];
      const edit = (body: object) => [updatePricingScheduleRequest.parse(body)];
      await changePricingSchedule(db, tenantId, 'acme', edit({ pricePlanId: planA, effectiveFrom: '2026-09-01' }));
      // Stamped 20 September, arriving 5 October: past September's grace (3 October), so rated in A's October cycle.
      await meterBatch(db, [
        {
          tenantId,
          events: [
            requestEvent('late', '1', {
              timestamp: '2026-09-20T00:00:00.000Z',
              acceptedAt: '2026-10-05T00:00:00.000Z',
            }),
          ],
        },
      ]);
      const octoberUsage = async () =>
        (
          await accountStatement(
            db,
            tenantId,
            'acme',
            Date.parse('2026-10-15T00:00:00Z'),
            Date.parse('2026-12-01T00:00:00Z'),
          )
        ).plans.flatMap((p) => p.usageLines.map((l) => l.usage));
      expect(await octoberUsage()).toEqual(['1']);

      // No event is stamped on or after 1 October, but A rated one into its cycle from then: B may not start there.
      await expect(
        changePricingSchedule(db, tenantId, 'acme', edit({ pricePlanId: planB, effectiveFrom: '2026-10-01' })),
      ).rejects.toMatchObject({
        code: 'plan_association_rated',
        errors: [{ path: 'effectiveFrom', message: expect.stringContaining('2026-10-01T00:00:00Z') }],
      });
      expect(await octoberUsage()).toEqual(['1']);

      // After that cycle, the change is taken and October's statement still bills the late event.
      const schedules = await changePricingSchedule(
        db,
        tenantId,
        'acme',
        edit({ pricePlanId: planB, effectiveFrom: '2026-11-01' }),
      );
      expect(schedules).toHaveLength(2);
      expect(await octoberUsage()).toEqual(['1']);
    } finally {
      await pool.end();
    }
  });
});

async function activePlan(
  db: Database,
  tenantId: string,
  name: string,
  usageRateCards: UsageRateCard[],
): Promise<string> {
  const draft = await insertPricePlan(db, tenantId, {
    name,
    currency: 'USD',
    pricingCycle: MONTHLY_GRACE_2_DAYS,
    usageRateCards,
    fixedFees: [],
    entitlementRateCards: [],
  });
  return (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
}
