import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/api-key';
import { connect } from '../../../rater/db/connect';
import { callRater, newTenant } from './rater-api';

/**
 * GET /accounts?search= with a tenant of 10 000 accounts, inserted in one statement: every match of a
 * case-insensitive prefix of the id or the name, page after page, exactly once, in creation order,
 * checked against a brute force over the same names.
 */
const COUNT = 10_000;
const NAMES = ['Acme', 'ACME Labs', 'acmeish', 'Globex', 'Initech', '50%_off', 'Umbrella'];
const idOf = (i: number) => `acct-${String(i).padStart(5, '0')}`;
const nameOf = (i: number) => `${NAMES[i % NAMES.length]} ${i}`;
const customerOf = (i: number) => (i % 2 === 0 ? 'even' : 'odd');

let p: Principal;

beforeAll(async () => {
  p = await newTenant();
  const { db, pool } = connect(env);
  try {
    await db.execute(sql`
      INSERT INTO customers (tenant_id, id, togai_customer_id, name, primary_email, address)
      SELECT ${p.tenantId}, c, 'cus.' || c, c, c || '@example.com', '{}'::jsonb FROM unnest(ARRAY['even', 'odd']) AS c`);
    // One statement, one created_at: the page order then rests on the id alone, as ties do.
    await db.execute(sql`
      INSERT INTO accounts (tenant_id, id, togai_account_id, customer_id, name)
      SELECT ${p.tenantId}, 'acct-' || lpad(i::text, 5, '0'), 'acc.' || i, CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END,
             (${sql.param(NAMES)}::text[])[i % ${NAMES.length} + 1] || ' ' || i
        FROM generate_series(0, ${COUNT - 1}) AS i`);
    await db.execute(sql`ANALYZE accounts`);
  } finally {
    await pool.end();
  }
}, 120_000);

async function searchAll(query: string, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const tail = token === undefined ? '' : `&nextToken=${encodeURIComponent(token)}`;
    const page = await callRater(p, 'GET', `/accounts?${query}&pageSize=${pageSize}${tail}`);
    expect(page.status, page.text).toBe(200);
    expect(page.body.data.length).toBeLessThanOrEqual(pageSize);
    ids.push(...page.body.data.map((a: { id: string }) => a.id));
    token = page.body.nextToken;
    pages += 1;
  } while (token !== undefined);
  return { ids, pages };
}

function bruteForce(prefix: string, customerId?: string): string[] {
  const lower = prefix.toLowerCase();
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const matches = idOf(i).toLowerCase().startsWith(lower) || nameOf(i).toLowerCase().startsWith(lower);
    if (matches && (customerId === undefined || customerOf(i) === customerId)) {
      ids.push(idOf(i));
    }
  }
  return ids.sort();
}

describe('GET /accounts?search= over 10 000 accounts', () => {
  it.each([
    ['acme', 200],
    ['ACME l', 97],
    ['acct-012', 7],
    ['Initech 99', 200],
    ['50%_', 200],
    ['50_', 200],
    ['nobody', 50],
  ])('finds every account whose id or name begins with %j, any case, once, in pages of %i', async (prefix, size) => {
    const expected = bruteForce(prefix);
    const { ids, pages } = await searchAll(`search=${encodeURIComponent(prefix)}`, size);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / size)));
  });

  it('searches within one customer, and the first page of a search is the start of the full list', async () => {
    expect((await searchAll('search=umbrella&customerId=odd', 100)).ids).toEqual(bruteForce('umbrella', 'odd'));
    const first = await callRater(p, 'GET', '/accounts?pageSize=3');
    expect(first.body.data.map((a: { id: string }) => a.id)).toEqual([idOf(0), idOf(1), idOf(2)]);
  });

  it('is a range scan of the lower() indexes, not a read of every account', async () => {
    const { db, pool } = connect(env);
    try {
      const plan = await db.execute<{ 'QUERY PLAN': string }>(sql`
        EXPLAIN SELECT id FROM accounts
         WHERE tenant_id = ${p.tenantId} AND (lower(id) LIKE lower('initech 99%') OR lower(name) LIKE lower('initech 99%'))`);
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('accounts_tenant_lower_id');
      expect(text).toContain('accounts_tenant_lower_name');
    } finally {
      await pool.end();
    }
  });

  it('folds the case of the text with the same lower() as the names it searches, beyond ASCII too', async () => {
    const q = await newTenant();
    const { db, pool } = connect(env);
    try {
      await db.execute(sql`
        INSERT INTO customers (tenant_id, id, togai_customer_id, name, primary_email, address)
        VALUES (${q.tenantId}, 'c', 'cus.c', 'c', 'c@example.com', '{}'::jsonb)`);
      await db.execute(sql`
        INSERT INTO accounts (tenant_id, id, togai_account_id, customer_id, name)
        VALUES (${q.tenantId}, 'a1', 'acc.a1', 'c', 'École Normale'), (${q.tenantId}, 'a2', 'acc.a2', 'c', 'ΟΔΟΣ Ένα')`);
    } finally {
      await pool.end();
    }
    // Whatever lower() makes of these letters under the database's collation, it makes the same of
    // the text and of the name: the exact prefix is always found, in any ASCII case around it.
    for (const [search, id] of [
      ['École', 'a1'],
      ['ÉCOLE', 'a1'],
      ['ΟΔΟΣ', 'a2'],
    ]) {
      const found = await callRater(q, 'GET', `/accounts?search=${encodeURIComponent(search ?? '')}`);
      expect(found.status, found.text).toBe(200);
      expect(found.body.data.map((a: { id: string }) => a.id)).toEqual([id]);
    }
  });
});
