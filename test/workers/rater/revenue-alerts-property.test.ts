import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { correctEvent } from '../../../rater/pipeline/correct-event';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { queryRevenue } from '../../../rater/queries/revenue';
import { listIncidents } from '../../../rater/store/alert-incidents';
import { insertAlert } from '../../../rater/store/alerts';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { createAlertRequest } from '../../../shared/alert/alert';
import { thresholdCrossings } from '../../../shared/alert/threshold-crossings';
import { Decimal } from '../../../shared/decimal/decimal';
import type { AcceptedEvent } from '../../../shared/event/accepted-event';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { revenueQuerySchema } from '../../../shared/pricing/revenue-query';
import { requestEvent, SCHEMA, seedTenant } from './fixtures';

/**
 * Migration 0024's triggers are the SQL twin of shared/alert/threshold-crossings.ts for revenue:
 * for any batches over two meters and several minutes (graduated tiers, so an event's revenue
 * depends on what came before it), some delivered again, some events undone by a correction, the
 * incidents recorded are exactly the crossings the pure rule finds between the account's cycle
 * revenue before and after each batch or correction — the revenue GET /revenue sums — no more, no fewer.
 */
const MONTHLY = {
  interval: 'MONTHLY' as const,
  startOffset: { dayOffset: 1, monthOffset: 1 },
  anniversaryCycle: false,
  gracePeriod: 2,
};
const NOW = new Date('2026-05-03T00:00:00Z');
const at = (minute: number) => `2026-05-01T10:${String(minute).padStart(2, '0')}:30.000Z`;

const step = fc.oneof(
  fc.record({
    kind: fc.constant('batch' as const),
    events: fc.array(fc.record({ bytes: fc.integer({ min: 0, max: 40 }), minute: fc.integer({ min: 0, max: 3 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat() }),
);
const scenarioArb = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 8 }),
  thresholds: fc.uniqueArray(fc.integer({ min: 1, max: 8000 }), { minLength: 1, maxLength: 4 }),
});

describe('revenue alerts in SQL equal the pure crossing rule', () => {
  it('for any batches, redeliveries and corrections', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ steps, thresholds }) => {
        const { tenantId, meters } = await seedTenant([
          { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
          {
            name: 'bytes',
            aggregation: 'SUM',
            computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
            filters: [],
          },
        ]);
        const { db, pool } = connect(env);
        try {
          const draft = await insertPricePlan(db, tenantId, {
            name: 'p',
            currency: 'USD',
            pricingCycle: MONTHLY,
            fixedFees: [],
            entitlementRateCards: [],
            usageRateCards: [
              usageRateCardSchema.parse({
                usageMeterId: meters[0]!.id,
                pricingModel: 'TIERED',
                slabs: [{ startAfter: '0', rate: '0.25' }],
              }),
              usageRateCardSchema.parse({
                usageMeterId: meters[1]!.id,
                pricingModel: 'TIERED',
                slabs: [
                  { startAfter: '0', rate: '1' },
                  { startAfter: '30', rate: '0.1' },
                ],
              }),
            ],
          });
          const planId = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
          await insertPlanAssociation(db, tenantId, {
            accountId: 'acme',
            pricePlanId: planId,
            pricePlanVersion: 1,
            effectiveFrom: '2026-01-01T00:00:00Z',
          });
          // Hundredths of a dollar: exact decimals, never floats.
          const values = thresholds.map((t) => new Decimal(t).div(100).toFixed());
          await insertAlert(
            db,
            tenantId,
            createAlertRequest.parse({
              alertTemplateId: 'REVENUE_THRESHOLD',
              interval: 0,
              status: 'ACTIVE',
              entityDetails: { currency: { id: 'USD' } },
              parameters: { threshold: { values } },
            }),
          );
          const list = values.map((value, index) => ({ index, value }));

          const revenue = async () => {
            const query = revenueQuerySchema.parse({
              from: '2026-05-01T00:00:00Z',
              to: '2026-06-01T00:00:00Z',
              accountId: 'acme',
            });
            return new Decimal((await queryRevenue(db, tenantId, query)).totals[0]?.value ?? '0').toFixed();
          };
          const sent: AcceptedEvent[][] = [];
          const metered: AcceptedEvent[] = [];
          const expected: string[] = [];
          let before = '0';
          for (const [s, action] of steps.entries()) {
            if (action.kind === 'batch') {
              const events = action.events.map((e, i) =>
                requestEvent(`e${s}-${i}`, String(e.bytes), { timestamp: at(e.minute), acceptedAt: at(e.minute) }),
              );
              await meterBatch(db, [{ tenantId, events }]);
              sent.push(events);
              metered.push(...events);
            } else if (action.kind === 'undo' && metered.length > 0) {
              const e = metered[action.pick % metered.length]!;
              const wire = {
                id: e.id,
                schemaName: SCHEMA,
                timestamp: e.timestamp,
                accountId: e.accountId,
                attributes: Object.entries(e.attributes).map(([name, value]) => ({ name, value })),
                dimensions: e.dimensions,
              };
              await correctEvent(db, tenantId, 'UNDO', wire, NOW); // an event undone twice: the second changes nothing
            } else if (action.kind === 'redeliver' && sent.length > 0) {
              await meterBatch(db, [{ tenantId, events: sent[action.pick % sent.length]! }]); // the id gate: a no-op
            }
            const after = await revenue();
            expected.push(...thresholdCrossings(before, after, list, 'UP').map((c) => `${c.index}:${before}→${after}`));
            before = after;
          }
          const rows = await listIncidents(db, tenantId, {}, { limit: 1000 });
          const recorded = rows.map(
            ({ incident: i }) =>
              `${i.reportData!.threshold.index}:${new Decimal(String(JSON.stringify(i.reportData!.revenue!.before))).toFixed()}→${new Decimal(String(JSON.stringify(i.reportData!.revenue!.after))).toFixed()}`,
          );
          expect(recorded).toEqual(expected);
        } finally {
          await pool.end();
        }
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
