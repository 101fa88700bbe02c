import { describe, expect, inject, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../local/node-database';
import { api, eventually, unique } from '../support/api-client';
import { openMonthlyCycle } from '../support/open-cycle';
import { createTenant } from '../support/tenants';

/**
 * Residency: the stack serves the EU jurisdiction from a database of its own (test/support/
 * stack-setup.ts). An EU tenant's configuration, events, usage and ledger outbox are written
 * there and nowhere else; the main database holds only its directory rows (the tenant, its keys).
 * Its Durable Objects are placed in the jurisdiction (test/workers/edge/placement.test.ts).
 */

/** Rows of the tenant in every table of the database that has a tenant_id, by table (empty tables left out). */
async function rowsOf(databaseUrl: string, tenantId: string): Promise<Record<string, number>> {
  const { db, close } = await openDatabase(databaseUrl, inject('wsProxy'));
  try {
    const tables = await db.execute<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      const [row] = (
        await db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE tenant_id = ${tenantId}`,
        )
      ).rows;
      if (row!.n > 0) {
        counts[table_name] = row!.n;
      }
    }
    const home = (
      await db.execute<{ jurisdiction: string | null }>(sql`SELECT jurisdiction FROM tenants WHERE id = ${tenantId}`)
    ).rows[0];
    if (home) {
      counts[`tenants (jurisdiction ${home.jurisdiction ?? 'none'})`] = 1;
    }
    return counts;
  } finally {
    await close();
  }
}

const mainDatabase = () => inject('databaseUrl');
const euDatabase = () => inject('euDatabaseUrl');

describe('an EU tenant', () => {
  it('has its configuration, events, usage and debits only in the EU database', async () => {
    const { tenantId, key } = await createTenant();
    const client = api(key);
    expect((await client.patch('/tenant_settings', { jurisdiction: 'eu' })).status).toBe(200);

    const schemaName = unique('call');
    expect((await client.post('/event_schema', { name: schemaName })).status).toBe(201);
    expect((await client.post(`/event_schema/${schemaName}/activate`)).status).toBe(200);
    const feature = await client.post('/features', { name: unique('calls'), schemaAssociations: [{ schemaName }] });
    expect(feature.status).toBe(200);
    const meter = await client.post('/usage_meters', {
      name: unique('calls'),
      aggregation: 'COUNT',
      eventSchemaName: schemaName,
    });
    expect((await client.post(`/usage_meters/${meter.body.id}/activate`)).status).toBe(200);
    const credits = `/accounts/acme/features/${feature.body.id}`;
    expect((await client.post(`${credits}/entries`, { granted: '10' })).status).toBe(201);
    // Customers are personal data: they too live only in the EU database.
    const customer = {
      id: unique('cus'),
      name: 'Acme GmbH',
      primaryEmail: 'billing@acme.test',
      address: { country: 'DE' },
      account: { id: 'acme', name: 'Acme', aliases: [unique('acme')] },
    };
    expect((await client.post('/customers', customer)).status).toBe(201);

    const event = (id: string) => ({ id, schemaName, timestamp: new Date().toISOString(), accountId: 'acme' });
    const ingested = await client.post('/ingestBatch', {
      events: Array.from({ length: 6 }, () => event(unique('evt'))),
    });
    expect(ingested.body.details).toMatchObject({ accepted: 6 });
    for (let i = 0; i < 2; i++) {
      expect((await client.post('/entitled', { event: event(unique('ent')) })).body.details).toMatchObject({
        entitled: true,
      });
    }

    // Metered (through the EU events queue, into the EU database) and debited (through the EU ledger queue).
    const usage = await eventually(
      () =>
        client.get(`/usage?meterId=${meter.body.id}&accountId=acme&from=2026-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`),
      (r) => r.body?.value === '8',
      30_000,
    );
    expect(usage.body.value).toBe('8');
    const balance = await eventually(
      () => client.get(credits),
      (r) => r.body?.balance === 2,
      30_000,
    );
    expect(balance.body).toMatchObject({ granted: 10, balance: 2 });

    const inEu = await rowsOf(euDatabase(), tenantId);
    expect(inEu).toMatchObject({
      event_schemas: 1,
      features: 1,
      usage_meters: 1,
      events: 8,
      customers: 1,
      accounts: 1,
      account_aliases: 1,
      'tenants (jurisdiction eu)': 1,
    });
    expect(inEu.usage_rollups).toBeGreaterThan(0);
    // The directory knows the tenant and its key; nothing else of it is in the main database.
    expect(await rowsOf(mainDatabase(), tenantId)).toEqual({ api_keys: 1, 'tenants (jurisdiction eu)': 1 });
  }, 90_000);

  it('with no feature, holds money in the ledger its spend-limit pushes and revenue reach', async () => {
    // The edge places the ledger by the jurisdiction that comes with the tenant's features (none
    // here) or schema, the rater by its stamp on each message: one object, or the hold, the settle
    // and the limit would each be counted in a different one.
    const { key } = await createTenant();
    const client = api(key);
    expect((await client.patch('/tenant_settings', { jurisdiction: 'eu' })).status).toBe(200);
    const schemaName = unique('call');
    expect((await client.post('/event_schema', { name: schemaName, attributes: [{ name: 'tokens' }] })).status).toBe(
      201,
    );
    expect((await client.post(`/event_schema/${schemaName}/activate`)).status).toBe(200);
    const meter = await client.post('/usage_meters', {
      name: unique('tokens'),
      aggregation: 'SUM',
      eventSchemaName: schemaName,
      computations: [{ computation: '{"var":"attributes.tokens"}', order: 1 }],
    });
    expect((await client.post(`/usage_meters/${meter.body.id}/activate`)).status).toBe(200);
    const cycle = openMonthlyCycle();
    const plan = await client.post('/price_plans', {
      name: unique('per_token'),
      currency: 'USD',
      pricingCycle: cycle.pricingCycle,
      usageRateCards: [
        { usageMeterId: meter.body.id, pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.01' }] },
      ],
    });
    expect((await client.post(`/price_plans/${plan.body.id}/activate`)).status).toBe(200);
    const associated = await client.post('/accounts/acme/price_plans', {
      pricePlanId: plan.body.id,
      effectiveFrom: new Date(cycle.start).toISOString(),
    });
    expect(associated.status).toBe(200);
    expect((await client.put('/accounts/acme/spend_limit', { amount: 5, currency: 'USD' })).status).toBe(200);

    const held = await client.post('/reservations', { accountId: 'acme', amount: 2, currency: 'USD', ttlSeconds: 300 });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const settled = await client.post(`/reservations/${held.body.reservation.id}/settle`, {
      event: {
        schemaName,
        accountId: 'acme',
        timestamp: new Date().toISOString(),
        attributes: [{ name: 'tokens', value: '100' }],
      },
    });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body).toMatchObject({ reservation: { status: 'SETTLED' }, event: { status: 'ACCEPTED' } });

    // Rated in the EU database, its revenue sent through the EU ledger queue replaces the estimate.
    const spend = await eventually(
      () => client.get('/accounts/acme/spend'),
      (r) => r.body?.pending === 0 && r.body?.spent === 1,
      30_000,
    );
    expect(spend.body).toMatchObject({ spendLimit: { amount: 5, currency: 'USD' }, spent: 1, held: 0, available: 4 });

    // A lowered limit, pushed the same way, bounds the next hold.
    expect((await client.put('/accounts/acme/spend_limit', { amount: 2, currency: 'USD' })).status).toBe(200);
    const lowered = await eventually(
      () => client.get('/accounts/acme/spend'),
      (r) => r.body?.spendLimit?.amount === 2,
      30_000,
    );
    expect(lowered.body.available).toBe(1);
    const refused = await client.post('/reservations', { accountId: 'acme', amount: 1.5, currency: 'USD' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
  }, 90_000);

  it('can move back while it has nothing, and then lives in the main database only', async () => {
    const { tenantId, key } = await createTenant();
    const client = api(key);
    expect((await client.patch('/tenant_settings', { jurisdiction: 'eu' })).body.jurisdiction).toBe('eu');
    expect((await client.patch('/tenant_settings', { jurisdiction: null })).body.jurisdiction).toBeNull();
    expect((await client.post('/event_schema', { name: unique('call') })).status).toBe(201);

    expect(await rowsOf(mainDatabase(), tenantId)).toEqual({
      api_keys: 1,
      event_schemas: 1,
      'tenants (jurisdiction none)': 1,
    });
    // Its row in the EU database says it left: a request still routed there is refused, not stored.
    expect(await rowsOf(euDatabase(), tenantId)).toEqual({ 'tenants (jurisdiction none)': 1 });
    // Refused: it has configuration now. Nothing of the attempt is left in the EU database.
    expect((await client.patch('/tenant_settings', { jurisdiction: 'eu' })).status).toBe(409);
    expect(await rowsOf(euDatabase(), tenantId)).toEqual({ 'tenants (jurisdiction none)': 1 });
  });

  it('cannot be placed in a jurisdiction the deployment has no database for', async () => {
    const { key } = await createTenant();
    const refused = await api(key).patch('/tenant_settings', { jurisdiction: 'fedramp' });
    expect(refused.status).toBe(422);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'jurisdiction' })]);
    expect((await api(key).get('/tenant_settings')).body.jurisdiction).toBeNull();
  });
});
