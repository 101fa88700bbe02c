import { sql } from 'drizzle-orm';
import { Decimal } from '../../shared/decimal/decimal';
import { minuteBucket } from '../../shared/meter/rollup';
import { rateCycleUsage, type CycleUsage } from '../../shared/pricing/rate-usage';
import type { Queryable } from '../db/connect';
import { cycleUsage, revenueRollups } from '../db/schema';
import { queueSpendChanges, type CycleSpendChange } from '../store/spend-adjustments';

/**
 * Adds priced usage to its cycles and writes the revenue each part causes: from the cycle's usage
 * before it (under the upsert's row lock), in the order of `group.usage`: the catch-up of a
 * backdated association, or an UNDO's negative usage. Metering does the same inside its batch
 * statement (migrations/0019_rater_single_statement.sql), one round trip per batch.
 *
 * The revenue changed in each account's cycle also goes to the account's ledger, for spend limits
 * (spend-adjustments.ts), in this transaction; `spendAfter` names the event whose own record the
 * ledger must count first (the event an UNDO takes back).
 */
export async function rateGroups(
  db: Queryable,
  tenantId: string,
  unsorted: CycleUsage[],
  { spendAfter = null }: { spendAfter?: string | null } = {},
): Promise<void> {
  const groups = [...unsorted].sort((a, b) => compare(keyOf(a), keyOf(b)));
  if (groups.length === 0) {
    return;
  }
  const after = await addCycleUsage(db, tenantId, groups);
  const rated = groups.map((group) => {
    const total = after.get(keyOf(group));
    if (total === undefined) {
      throw new Error(`cycle usage of ${keyOf(group)} was not returned`);
    }
    return { group, rated: rateCycleUsage(group, new Decimal(total).minus(group.quantity).toFixed()) };
  });
  await addRevenue(db, tenantId, revenueRows(rated));
  await queueSpendChanges(db, tenantId, cycleChanges(rated), spendAfter);
}

type RatedGroup = { group: CycleUsage; rated: ReturnType<typeof rateCycleUsage> };

type RevenueRow = {
  accountId: string;
  meterId: string;
  currency: string;
  pricePlanId: string;
  bucket: string;
  amount: Decimal;
};

/** Each group's events rated in order from the usage before them, summed per account, meter, currency, plan and minute, in key order. */
function revenueRows(groups: RatedGroup[]): RevenueRow[] {
  const revenue = new Map<string, RevenueRow>();
  for (const { group, rated: all } of groups) {
    for (const rated of all) {
      const bucket = minuteBucket(new Date(rated.timestamp).toISOString());
      const key = [group.accountId, group.meterId, group.currency, group.pricePlanId, bucket].join('\u0000');
      const entry = revenue.get(key) ?? {
        accountId: group.accountId,
        meterId: group.meterId,
        currency: group.currency,
        pricePlanId: group.pricePlanId,
        bucket,
        amount: new Decimal(0),
      };
      entry.amount = entry.amount.plus(rated.revenue);
      revenue.set(key, entry);
    }
  }
  return [...revenue].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
}

/** The revenue each account's cycle gained (or lost), per currency. */
function cycleChanges(groups: RatedGroup[]): CycleSpendChange[] {
  const changes = new Map<string, CycleSpendChange & { sum: Decimal }>();
  for (const { group, rated } of groups) {
    const key = [group.accountId, group.currency, String(group.cycleStart), String(group.cycleEnd)].join('\u0000');
    const change = changes.get(key) ?? { ...pick(group), amount: '0', sum: new Decimal(0) };
    change.sum = rated.reduce((sum, r) => sum.plus(r.revenue), change.sum);
    changes.set(key, change);
  }
  return [...changes]
    .sort(([a], [b]) => compare(a, b))
    .map(([, { sum, ...change }]) => ({ ...change, amount: sum.toFixed() }));
}

function pick({ accountId, currency, cycleStart, cycleEnd }: CycleUsage) {
  return { accountId, currency, cycleStart, cycleEnd };
}

async function addCycleUsage(db: Queryable, tenantId: string, groups: CycleUsage[]): Promise<Map<string, string>> {
  const column = <T>(pick: (g: CycleUsage) => T) => sql.param(groups.map(pick));
  const t = cycleUsage;
  const result = await db.execute<{ association_id: string; meter_id: string; cycle_ms: string; quantity: string }>(sql`
    INSERT INTO ${t} (tenant_id, association_id, meter_id, cycle_start, cycle_end, account_id, currency, quantity)
    SELECT ${tenantId}, association_id, meter_id, cycle_start, cycle_end, account_id, currency, quantity
    FROM unnest(
      ${column((g) => g.associationId)}::text[], ${column((g) => g.meterId)}::text[],
      ${column((g) => new Date(g.cycleStart).toISOString())}::timestamptz[], ${column((g) => new Date(g.cycleEnd).toISOString())}::timestamptz[],
      ${column((g) => g.accountId)}::text[], ${column((g) => g.currency)}::text[], ${column((g) => g.quantity)}::numeric[]
    ) WITH ORDINALITY AS u (association_id, meter_id, cycle_start, cycle_end, account_id, currency, quantity, position)
    ORDER BY position
    ON CONFLICT (tenant_id, association_id, meter_id, cycle_start) DO UPDATE SET quantity = ${t.quantity} + excluded.quantity
    RETURNING association_id, meter_id, (extract(epoch from cycle_start) * 1000)::bigint::text AS cycle_ms, quantity::text AS quantity
  `);
  return new Map(
    result.rows.map((row) => [[row.association_id, row.meter_id, row.cycle_ms].join('\u0000'), row.quantity]),
  );
}

async function addRevenue(db: Queryable, tenantId: string, rows: RevenueRow[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  const t = revenueRollups;
  await db.execute(sql`
    INSERT INTO ${t} (tenant_id, account_id, meter_id, currency, price_plan_id, bucket, revenue)
    SELECT ${tenantId}, account_id, meter_id, currency, price_plan_id, bucket, revenue
    FROM unnest(
      ${column((r) => r.accountId)}::text[], ${column((r) => r.meterId)}::text[], ${column((r) => r.currency)}::text[],
      ${column((r) => r.pricePlanId)}::text[], ${column((r) => r.bucket)}::timestamptz[],
      ${column((r) => r.amount.toFixed())}::numeric[]
    ) WITH ORDINALITY AS u (account_id, meter_id, currency, price_plan_id, bucket, revenue, position)
    ORDER BY position
    ON CONFLICT (tenant_id, meter_id, account_id, currency, price_plan_id, bucket) DO UPDATE SET revenue = ${t.revenue} + excluded.revenue
  `);
}

function keyOf(group: CycleUsage): string {
  return [group.associationId, group.meterId, String(group.cycleStart)].join('\u0000');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
