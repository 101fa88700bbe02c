import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { accounts, planAssociations, revenueRollups } from '../../../rater/db/schema';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { insertAccount } from '../../../rater/store/accounts';
import { insertCustomer } from '../../../rater/store/customers';
import { insertPlanAssociation, planAssociationsFor } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { requestEvent, seedTenant } from './fixtures';

/**
 * The currency an account is rated in is fixed on its association when it is made: whatever its
 * invoiceCurrency becomes later, every event of the association's cycles is rated in that one
 * currency, so no cycle's revenue is split between two.
 */
describe('the rating currency pinned on the association', () => {
  it('rates every event in the currency fixed at association, after the account’s invoiceCurrency changed', async () => {
    const { tenantId, meters } = await seedTenant([
      {
        name: 'bytes',
        aggregation: 'SUM',
        filters: [],
        computations: [{ computation: '{"var":"attributes.bytes"}', order: 1 }],
      },
    ]);
    const { db, pool } = connect(env);
    try {
      const draft = await insertPricePlan(db, tenantId, {
        name: 'two_currencies',
        currency: 'USD',
        supportedCurrencies: ['USD', 'EUR'],
        pricingCycle: {
          interval: 'MONTHLY',
          startOffset: { dayOffset: 1, monthOffset: 1 },
          anniversaryCycle: false,
          gracePeriod: 0,
        },
        usageRateCards: [
          usageRateCardSchema.parse({
            usageMeterId: meters[0]!.id,
            pricingModel: 'TIERED',
            slabs: [{ startAfter: '0', rate: '0.001', currencyRates: { EUR: '0.002' } }],
          }),
        ],
        fixedFees: [],
        entitlementRateCards: [],
      });
      const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
      await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
      await insertAccount(db, tenantId, 'cus', { id: 'acme', name: 'Acme', invoiceCurrency: 'EUR' });
      const association = await insertPlanAssociation(db, tenantId, {
        accountId: 'acme',
        pricePlanId: plan,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00Z',
      });
      const [row] = await db
        .select({ currency: planAssociations.currency })
        .from(planAssociations)
        .where(and(eq(planAssociations.tenantId, tenantId), eq(planAssociations.id, association.id)));
      expect(row!.currency).toBe('EUR');

      await meterBatch(db, [{ tenantId, events: [requestEvent('e1', '100')] }]);
      // A change the API would refuse (409), made underneath it: rating must not follow it.
      await db
        .update(accounts)
        .set({ invoiceCurrency: 'USD' })
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, 'acme')));
      await meterBatch(db, [
        { tenantId, events: [requestEvent('e2', '50', { timestamp: '2026-05-02T10:15:30.000Z' })] },
      ]);

      const [rated] = await planAssociationsFor(db, tenantId, ['acme']);
      expect(rated!.definition.currency).toBe('EUR');
      const revenue = await db
        .select({ currency: revenueRollups.currency, revenue: revenueRollups.revenue })
        .from(revenueRollups)
        .where(eq(revenueRollups.tenantId, tenantId));
      expect(new Set(revenue.map((r) => r.currency))).toEqual(new Set(['EUR']));
      expect(revenue.reduce((sum, r) => sum + Number(r.revenue), 0)).toBeCloseTo(0.3, 10); // 150 bytes at 0.002 EUR
    } finally {
      await pool.end();
    }
  });
});
