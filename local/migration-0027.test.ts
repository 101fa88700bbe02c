import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

/**
 * Migration 0027 on the embedded Postgres: revenue rated before it recorded no plan; the migration
 * gives each row the plan of the association that rated it, keeps every amount (none dropped, none
 * moved between accounts or minutes), and marks what it cannot attribute with '' instead of guessing.
 */
const MIGRATIONS = join(process.cwd(), 'migrations');

async function apply(db: PGlite, file: string) {
  for (const statement of readFileSync(join(MIGRATIONS, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) {
      await db.exec(statement);
    }
  }
}

describe('migration 0027', () => {
  it('back-fills the plan of revenue rated before it, from the associations that rated it', async () => {
    const db = new PGlite();
    const files = readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const file of files.filter((f) => f < '0027')) {
      await apply(db, file);
    }
    // acme: plan A until the 17th at 12:00, then plan B; each association's cycle_usage row is
    // what rated its revenue. ghost's association has gone.
    await db.exec(`
      INSERT INTO plan_associations (tenant_id, id, account_id, plan_id, plan_version, currency, effective_from, effective_until)
      VALUES ('t', 'as1', 'acme', 'planA', 1, 'USD', '2026-01-01', '2026-03-17 12:00'),
             ('t', 'as2', 'acme', 'planB', 1, 'USD', '2026-03-17 12:00', NULL),
             ('t', 'as3', 'other', 'planA', 1, 'EUR', '2026-01-01', NULL);
      INSERT INTO cycle_usage (tenant_id, association_id, meter_id, cycle_start, cycle_end, account_id, currency, quantity)
      VALUES ('t', 'as1', 'm', '2026-03-01', '2026-04-01', 'acme', 'USD', 5),
             ('t', 'as2', 'm', '2026-03-17 12:00', '2026-04-01', 'acme', 'USD', 5),
             ('t', 'as3', 'm', '2026-03-01', '2026-04-01', 'other', 'EUR', 1);
      INSERT INTO revenue_rollups (tenant_id, meter_id, account_id, currency, bucket, revenue)
      VALUES ('t', 'm', 'acme', 'USD', '2026-03-10 00:00', '1.5'),
             ('t', 'm', 'acme', 'USD', '2026-03-17 11:59', '2'),
             ('t', 'm', 'acme', 'USD', '2026-03-17 12:00', '3'),
             ('t', 'm', 'other', 'EUR', '2026-03-20 00:00', '4'),
             ('t', 'm', 'ghost', 'USD', '2026-03-20 00:00', '5');
    `);
    const before = await db.query<{ n: number; total: string }>(
      'SELECT count(*)::int AS n, sum(revenue)::text AS total FROM revenue_rollups',
    );

    await apply(db, files.find((f) => f.startsWith('0027_')) ?? '0027 is missing');

    const rows = await db.query<{ account_id: string; minute: string; price_plan_id: string; revenue: string }>(`
      SELECT account_id, to_char(bucket AT TIME ZONE 'UTC', 'MM-DD HH24:MI') AS minute, price_plan_id, revenue::text AS revenue
        FROM revenue_rollups ORDER BY account_id, bucket`);
    expect(rows.rows).toEqual([
      { account_id: 'acme', minute: '03-10 00:00', price_plan_id: 'planA', revenue: '1.5' },
      { account_id: 'acme', minute: '03-17 11:59', price_plan_id: 'planA', revenue: '2' },
      { account_id: 'acme', minute: '03-17 12:00', price_plan_id: 'planB', revenue: '3' },
      { account_id: 'ghost', minute: '03-20 00:00', price_plan_id: '', revenue: '5' },
      { account_id: 'other', minute: '03-20 00:00', price_plan_id: 'planA', revenue: '4' },
    ]);
    const after = await db.query<{ n: number; total: string }>(
      'SELECT count(*)::int AS n, sum(revenue)::text AS total FROM revenue_rollups',
    );
    expect(after.rows).toEqual(before.rows);
    await db.close();
  }, 120_000);
});
