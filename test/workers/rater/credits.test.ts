import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { creditDetails, grantCredits } from '../../../rater/credits/credit-service';
import { eq } from 'drizzle-orm';
import { connect } from '../../../rater/db/connect';
import { eventIds, tenants } from '../../../rater/db/schema';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { insertAccount } from '../../../rater/store/accounts';
import { listCreditRows } from '../../../rater/store/credits';
import { insertCustomer } from '../../../rater/store/customers';
import { insertPlanAssociation } from '../../../rater/store/plan-associations';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { requestEvent, seedTenant, usageOf } from './fixtures';

/**
 * Money credits against the real database: what a credit pays follows the revenue the rater
 * recorded, so a batch delivered again, or two consumers racing on it, pay nothing twice.
 */
describe('money credits paid from rated revenue', () => {
  it('pay a final cycle exactly once, by priority then expiry, whatever the redelivery', async () => {
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
        name: 'per_byte',
        currency: 'USD',
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
            slabs: [{ startAfter: '0', rate: '0.001' }],
          }),
        ],
        fixedFees: [],
        entitlementRateCards: [],
      });
      const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
      await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
      await insertAccount(db, tenantId, 'cus', { id: 'acme', name: 'Acme', invoiceCurrency: 'USD' });
      await insertPlanAssociation(db, tenantId, {
        accountId: 'acme',
        pricePlanId: plan,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00Z',
      });

      const now = Date.parse('2026-07-01T00:00:00Z'); // May's cycle is final (no grace period)
      const [later, sooner] = await grantCredits(
        db,
        tenantId,
        null,
        [
          { accountId: 'acme', purpose: 'later', effectiveFrom: '2026-04-01', creditAmount: '1', priority: 1 },
          {
            accountId: 'acme',
            purpose: 'sooner',
            effectiveFrom: '2026-01-01',
            effectiveUntil: '2026-05-10',
            creditAmount: '0.5',
            priority: 1,
          },
        ],
        now,
      );

      // 750.5 bytes at 0.001: 0.7505, charged 0.75 (rounded half to even as the statement does).
      const batch = { tenantId, events: [requestEvent('e1', '300.5'), requestEvent('e2', '450')] };
      await meterBatch(db, [batch]);
      await meterBatch(db, [batch]); // redelivered
      await Promise.all([meterBatch(db, [batch]), meterBatch(db, [batch])]); // and raced

      const paid = async (id: string) => {
        const credit = await creditDetails(db, tenantId, id, now);
        return [
          credit.status,
          ...[credit.consumedAmount, credit.holdAmount, credit.balance].map((n) => JSON.stringify(n)),
        ];
      };
      expect(await paid(sooner!.id)).toEqual(['CONSUMED', '0.5', '0', '0']);
      expect(await paid(later!.id)).toEqual(['ACTIVE', '0.25', '0', '0.75']);
    } finally {
      await pool.end();
    }
  });
});

describe('money credits where no exact answer exists', () => {
  it('refuses (409 credits_not_exact) rather than guess when plans with differently anchored cycles overlap', async () => {
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
      const plan = async (name: string, dayOffset: number) => {
        const draft = await insertPricePlan(db, tenantId, {
          name,
          currency: 'USD',
          pricingCycle: {
            interval: 'MONTHLY',
            startOffset: { dayOffset, monthOffset: 1 },
            anniversaryCycle: false,
            gracePeriod: 0,
          },
          usageRateCards: [
            usageRateCardSchema.parse({
              usageMeterId: meters[0]!.id,
              pricingModel: 'TIERED',
              slabs: [{ startAfter: '0', rate: '1' }],
            }),
          ],
          fixedFees: [],
          entitlementRateCards: [],
        });
        return (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
      };
      await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
      await insertAccount(db, tenantId, 'cus', { id: 'acme', name: 'Acme', invoiceCurrency: 'USD' });
      await insertPlanAssociation(db, tenantId, {
        accountId: 'acme',
        pricePlanId: await plan('first', 1),
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00Z',
        effectiveUntil: '2026-03-15T00:00:00Z',
      });
      await insertPlanAssociation(db, tenantId, {
        accountId: 'acme',
        pricePlanId: await plan('second', 15),
        pricePlanVersion: 1,
        effectiveFrom: '2026-03-15T00:00:00Z',
      });
      const now = Date.parse('2026-07-01T00:00:00Z');
      const [credit] = await grantCredits(
        db,
        tenantId,
        null,
        [{ accountId: 'acme', purpose: 'x', effectiveFrom: '2026-01-01', creditAmount: '5', priority: 1 }],
        now,
      ).catch((e) => [e]);
      expect(credit).toMatchObject({ code: 'credits_not_exact' });
      expect(await listCreditRows(db, tenantId, { accountId: 'acme', limit: 10 })).toEqual([]); // refused, not granted
    } finally {
      await pool.end();
    }
  });

  it("are in the currency the account's plan rates it in: its first currency when the plan lacks the invoiceCurrency", async () => {
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
        name: 'usd_only',
        currency: 'USD',
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
            slabs: [{ startAfter: '0', rate: '1' }],
          }),
        ],
        fixedFees: [],
        entitlementRateCards: [],
      });
      const plan = (await setPricePlanStatus(db, tenantId, draft!, 'ACTIVE'))!.id;
      await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
      await insertAccount(db, tenantId, 'cus', { id: 'acme', name: 'Acme', invoiceCurrency: 'EUR' });
      await insertPlanAssociation(db, tenantId, {
        accountId: 'acme',
        pricePlanId: plan,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00Z',
      });
      const now = Date.parse('2026-07-01T00:00:00Z');
      const [credit] = await grantCredits(
        db,
        tenantId,
        null,
        [{ accountId: 'acme', purpose: 'x', effectiveFrom: '2026-01-01', creditAmount: '5', priority: 1 }],
        now,
      );
      // The plan rates acme in USD (it has no EUR rates): a EUR credit would never pay a statement.
      expect(credit).toMatchObject({ creditUnit: 'USD' });
    } finally {
      await pool.end();
    }
  });
});

describe('events of accounts never created, under FAIL', () => {
  it('are recorded ACCOUNT_NOT_FOUND once, whatever the redelivery, and count for no usage', async () => {
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
      await db.update(tenants).set({ unknownAccounts: 'FAIL' }).where(eq(tenants.id, tenantId));
      await insertCustomer(db, tenantId, { id: 'cus', name: 'Customer', primaryEmail: 'c@example.test', address: {} });
      await insertAccount(db, tenantId, 'cus', { id: 'acme', name: 'Acme' });
      const batch = {
        tenantId,
        events: [requestEvent('known', '5'), requestEvent('ghost', '7', { accountId: 'ghost' })],
      };
      expect(await meterBatch(db, [batch])).toMatchObject({ processed: 2 });
      expect(await meterBatch(db, [batch])).toMatchObject({ processed: 0, alreadyProcessed: 2 });
      const statuses = await db
        .select({ id: eventIds.eventId, status: eventIds.status })
        .from(eventIds)
        .where(eq(eventIds.tenantId, tenantId))
        .orderBy(eventIds.eventId);
      expect(statuses).toEqual([
        { id: 'ghost', status: 'ACCOUNT_NOT_FOUND' },
        { id: 'known', status: 'METERED' },
      ]);
      expect(await usageOf(tenantId, meters[0]!, 'ghost')).toBe('0');
      expect(await usageOf(tenantId, meters[0]!, 'acme')).toBe('5');
    } finally {
      await pool.end();
    }
  });
});
