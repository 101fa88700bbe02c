import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { Rater } from '../../../rater/index';
import { recordBalanceCrossings } from '../../../rater/store/balance-alerts';
import { leaseDueDeliveries } from '../../../rater/store/webhook-deliveries';
import { insertFeature } from '../../../rater/store/features';
import { insertWebhookEndpoint } from '../../../rater/store/webhook-endpoints';
import type { BalanceCrossing } from '../../../shared/alert/balance-crossings';
import type { Principal } from '../../../shared/auth/api-key';
import { callRater, newTenant } from './rater-api';
import { markDisabled } from './webhook-fixtures';

/**
 * Balance crossings reach the rater from the AccountLedger's outbox, which sends each until the
 * rater has answered: recording one is idempotent on its key, so a crossing sent twice is one
 * incident with one delivery per endpoint.
 */
async function scenario(withEndpoints = true) {
  const p = await newTenant();
  const { db, pool } = connect(env);
  try {
    const feature = await insertFeature(db, p.tenantId, { name: 'tokens', schemaAssociations: [] });
    if (!feature) {
      throw new Error('feature not created');
    }
    const endpoints = withEndpoints
      ? [
          await insertWebhookEndpoint(db, p.tenantId, { url: 'http://127.0.0.1:9/a' }),
          await insertWebhookEndpoint(db, p.tenantId, { url: 'http://127.0.0.1:9/b' }),
        ]
      : [];
    return { p, featureId: feature.id, endpointIds: endpoints.map((e) => e.id).sort() };
  } finally {
    await pool.end();
  }
}

async function createAlert(p: Principal, featureId: string, extra: object = {}) {
  const created = await callRater(p, 'POST', '/alerts', {
    alertTemplateId: 'BALANCE_THRESHOLD',
    interval: 0,
    status: 'ACTIVE',
    entityDetails: { feature: { id: featureId } },
    parameters: { threshold: { type: 'PERCENTAGE', values: [20, 5], limit: 500 } },
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body as { id: string; version: number };
}

/** A Rater as the edge's service binding reaches it, for one call. */
async function rater<T>(call: (r: Rater) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  const answer = await call(new Rater(ctx, env));
  await waitOnExecutionContext(ctx);
  return answer;
}

const crossing = (alertId: string, featureId: string, key: string, accountId = 'acme'): BalanceCrossing => ({
  key,
  accountId,
  featureId,
  alertId,
  alertVersion: 1,
  thresholdIndex: 0,
  threshold: '100',
  before: '130',
  after: '99.5',
  at: Date.UTC(2026, 4, 3, 12),
});

describe('balance alerts in the rater', () => {
  it('records a crossing once, with one delivery per endpoint, however often the ledger sends it', async () => {
    const { p, featureId, endpointIds } = await scenario();
    const alert = await createAlert(p, featureId);
    const first = crossing(alert.id, featureId, 'ledger-a:1');
    // The store, not Rater.recordBalanceCrossings: that one would also send the deliveries, to no one.
    const { db, pool } = connect(env);
    try {
      expect(await recordBalanceCrossings(db, p.tenantId, [first])).toBe(1);
      expect(await recordBalanceCrossings(db, p.tenantId, [first])).toBe(0);
      // A resent page with a new crossing after it: only the new one is recorded.
      const second = { ...crossing(alert.id, featureId, 'ledger-a:2'), thresholdIndex: 1, threshold: '25' };
      expect(await recordBalanceCrossings(db, p.tenantId, [first, second])).toBe(1);
    } finally {
      await pool.end();
    }

    const incidents = (await callRater(p, 'GET', `/incidents?alertId=${alert.id}`)).body.data;
    expect(incidents).toHaveLength(2);
    expect(incidents[0]).toMatchObject({
      alertId: alert.id,
      alertVersion: 1,
      alertTemplateId: 'BALANCE_THRESHOLD',
      status: 'TRIGGERED',
      reportData: {
        account: { id: 'acme' },
        feature: { id: featureId },
        threshold: { index: 0, value: 100 },
        balance: { before: 130, after: 99.5 },
        crossedAt: '2026-05-03T12:00:00.000Z',
      },
    });
    expect(incidents[0].reportData.cycle).toBeUndefined();
    for (const incident of incidents) {
      expect(incident.reportData.webhooks.deliveries.map((d: { endpointId: string }) => d.endpointId)).toEqual(
        endpointIds,
      );
    }
    expect(incidents[0].id).not.toBe(incidents[1].id);
  });

  it('holds a crossing for a DISABLED endpoint, and the lease holds a PENDING delivery it finds on one instead of sending it', async () => {
    const { p, featureId, endpointIds } = await scenario();
    const [disabled, active] = endpointIds as [string, string];
    await markDisabled(p.tenantId, disabled, 'failing for five days');
    const alert = await createAlert(p, featureId);
    const { db, pool } = connect(env);
    try {
      expect(await recordBalanceCrossings(db, p.tenantId, [crossing(alert.id, featureId, 'ledger-h:1')])).toBe(1);
      const statuses = await db.execute<{ endpoint_id: string; status: string }>(sql`
        SELECT endpoint_id, status FROM webhook_deliveries WHERE tenant_id = ${p.tenantId} ORDER BY endpoint_id`);
      expect(statuses.rows).toEqual([
        { endpoint_id: disabled, status: 'HELD' },
        { endpoint_id: active, status: 'PENDING' },
      ]);
      // A transaction that read the endpoint ACTIVE while it was being disabled left this one PENDING.
      await db.execute(sql`INSERT INTO webhook_deliveries (tenant_id, incident_id, endpoint_id, status)
        VALUES (${p.tenantId}, 'raced', ${disabled}, 'PENDING')`);
      const leased = await leaseDueDeliveries(db, new Date(Date.UTC(2100, 0, 1)), 10, 60_000, p.tenantId);
      expect(leased.map((d) => d.endpoint_id).sort()).toEqual([active]);
      const raced = await db.execute<{ status: string }>(sql`
        SELECT status FROM webhook_deliveries WHERE tenant_id = ${p.tenantId} AND incident_id = 'raced'`);
      expect(raced.rows).toEqual([{ status: 'HELD' }]);
    } finally {
      await pool.end();
    }
  });

  it('answers the ledger the ACTIVE balance alerts of its account and of every account, thresholds made absolute', async () => {
    const { p, featureId } = await scenario(false);
    const everyone = await createAlert(p, featureId);
    const acme = await createAlert(p, featureId, {
      ownerDetails: { account: { id: 'acme' } },
      parameters: { threshold: { values: [10] } },
    });
    await createAlert(p, featureId, { ownerDetails: { account: { id: 'globex' } } });
    const paused = await createAlert(p, featureId);
    expect((await callRater(p, 'PATCH', `/alerts/${paused.id}`, { status: 'INACTIVE' })).status).toBe(200);

    const watched = await rater((r) => r.balanceAlerts(p.tenantId, 'acme'));
    expect(watched.sort((a, b) => a.alertId.localeCompare(b.alertId))).toEqual(
      [
        { alertId: everyone.id, version: 1, featureId, thresholds: ['100', '25'] },
        { alertId: acme.id, version: 1, featureId, thresholds: ['10'] },
      ].sort((a, b) => a.alertId.localeCompare(b.alertId)),
    );
    // A crossing of an alert made INACTIVE before it arrived is not recorded (the ledger's copy was stale).
    expect(await rater((r) => r.recordBalanceCrossings(p.tenantId, [crossing(paused.id, featureId, 'l:1')]))).toBe(0);
    // Nor one naming another tenant's alert.
    const other = await scenario(false);
    expect(
      await rater((r) => r.recordBalanceCrossings(other.p.tenantId, [crossing(everyone.id, featureId, 'l:2')])),
    ).toBe(0);
  });

  it('refuses an alert on a feature the tenant does not have, naming the field', async () => {
    const { p } = await scenario(false);
    const refused = await callRater(p, 'POST', '/alerts', {
      alertTemplateId: 'BALANCE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { feature: { id: 'feat.none' } },
      parameters: { threshold: { values: [10] } },
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({
      code: 'feature_not_found',
      errors: [{ path: 'entityDetails.feature.id' }],
    });
  });
});
