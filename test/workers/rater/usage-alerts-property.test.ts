import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { changePricingSchedule } from '../../../rater/pipeline/change-pricing-schedule';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { listIncidents } from '../../../rater/store/alert-incidents';
import { insertAlert } from '../../../rater/store/alerts';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { createAlertRequest } from '../../../shared/alert/alert';
import { thresholdCrossings } from '../../../shared/alert/threshold-crossings';
import { Decimal } from '../../../shared/decimal/decimal';
import { updatePricingScheduleRequest } from '../../../shared/pricing/pricing-schedule';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { requestEvent, seedTenant } from './fixtures';

/**
 * The trigger of migration 0022 is the SQL twin of shared/alert/threshold-crossings.ts: for any
 * batches of decimal usage, some delivered again, the incidents Postgres records are exactly the
 * crossings the pure function finds between each batch's running totals — no more, no fewer.
 */
const AT = '2026-05-01T10:15:30.000Z';
const CYCLE = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 2,
};

const scenarioArb = fc.record({
  batches: fc.array(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 6,
  }),
  thresholds: fc.uniqueArray(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 4 }),
  redeliver: fc.array(fc.nat(), { maxLength: 3 }),
});

describe('usage alerts in SQL equal the pure crossing rule', () => {
  it('for any batches of decimal usage, redelivered or not', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ batches, thresholds, redeliver }) => {
        const { tenantId, meters } = await seedTenant([
          {
            name: 'sum',
            aggregation: 'SUM',
            computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
            filters: [],
          },
        ]);
        const meterId = meters[0]!.id;
        const { db, pool } = connect(env);
        try {
          const card = usageRateCardSchema.parse({
            usageMeterId: meterId,
            pricingModel: 'TIERED',
            slabs: [{ startAfter: '0', rate: '1' }],
          });
          const draft = await insertPricePlan(db, tenantId, {
            name: 'p',
            currency: 'USD',
            pricingCycle: CYCLE,
            usageRateCards: [card],
            fixedFees: [],
            entitlementRateCards: [],
          });
          const planId = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
          await changePricingSchedule(db, tenantId, 'acme', [
            updatePricingScheduleRequest.parse({ pricePlanId: planId, effectiveFrom: '2026-05-01' }),
          ]);
          // Hundredths: the thresholds and the usage are exact decimals, never floats.
          const values = thresholds.map((t) => new Decimal(t).div(100).toFixed());
          await insertAlert(
            db,
            tenantId,
            createAlertRequest.parse({
              alertTemplateId: 'USAGE_THRESHOLD',
              interval: 0,
              status: 'ACTIVE',
              entityDetails: { usageMeter: { id: meterId } },
              parameters: { threshold: { values } },
            }),
          );

          const sent = batches.map((amounts, b) =>
            amounts.map((cents, i) =>
              requestEvent(`e${b}-${i}`, new Decimal(cents).div(100).toFixed(), { timestamp: AT, acceptedAt: AT }),
            ),
          );
          const expected: string[] = [];
          let total = new Decimal(0);
          for (const [b, events] of sent.entries()) {
            await meterBatch(db, [{ tenantId, events }]);
            const after = events.reduce((sum, e) => sum.plus(e.attributes.bytes!), total);
            const list = values.map((value, index) => ({ index, value }));
            expected.push(
              ...thresholdCrossings(total.toFixed(), after.toFixed(), list, 'UP').map(
                (c) => `${c.index}:${total.toFixed()}→${after.toFixed()}`,
              ),
            );
            total = after;
            // Earlier batches delivered again: the id gate makes each a no-op, so nothing fires.
            for (const r of redeliver) {
              if (r % sent.length <= b) {
                await meterBatch(db, [{ tenantId, events: sent[r % sent.length]! }]);
              }
            }
          }
          const rows = await listIncidents(db, tenantId, {}, { limit: 1000 });
          const recorded = rows.map(
            ({ incident: i }) =>
              `${i.reportData!.threshold.index}:${JSON.stringify(i.reportData!.usage!.before)}→${JSON.stringify(i.reportData!.usage!.after)}`,
          );
          expect(recorded.sort()).toEqual(expected.sort());
        } finally {
          await pool.end();
        }
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
