import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../rater/db/connect';
import { changePricingSchedule } from '../../../rater/pipeline/change-pricing-schedule';
import { deliverDueWebhooks } from '../../../rater/pipeline/deliver-webhooks';
import { meterBatch } from '../../../rater/pipeline/meter-batch';
import { insertAlert } from '../../../rater/store/alerts';
import { listEndpointDeliveries, redeliverIncident, redeliverMessage } from '../../../rater/store/webhook-deliveries';
import {
  enableWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
} from '../../../rater/store/webhook-endpoints';
import { insertPricePlan, setPricePlanStatus } from '../../../rater/store/price-plans';
import { createAlertRequest } from '../../../shared/alert/alert';
import { updatePricingScheduleRequest } from '../../../shared/pricing/pricing-schedule';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';
import { DISABLE_AFTER_FAILING_SECONDS } from '../../../shared/webhook/endpoint-health';
import { requestEvent, seedTenant } from './fixtures';

/**
 * An endpoint whose every attempt fails for DISABLE_AFTER_FAILING_SECONDS is disabled
 * (shared/webhook/endpoint-health.ts): its deliveries are HELD, the tenant's other endpoints are
 * told once (endpoint.disabled), and enabling it sends what it held, once each. Every pass runs at
 * a pinned `now`, seconds to days after the crossings were recorded, and only over this test's
 * tenant; receivers are stand-ins that answer per URL.
 */
const D = DISABLE_AFTER_FAILING_SECONDS;
const MAY = '2026-05-01T10:15:30.000Z';
/** Retries: just before the endpoint has failed for D, at D, then a day later. */
const SCHEDULE = [D - 1, 1, 86_400];

interface Sent {
  url: string;
  webhookId: string;
  body: { type: string; data: Record<string, unknown> };
}

/** Receivers by URL: each answers its current status, and every request is recorded. */
function receivers() {
  const status = new Map<string, number>();
  const sent: Sent[] = [];
  const send = async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    sent.push({ url, webhookId: headers.get('webhook-id') ?? '', body: JSON.parse(String(init.body)) });
    return new Response(null, { status: status.get(url) ?? 204 });
  };
  return { status, sent, send, to: (url: string) => sent.filter((s) => s.url === url) };
}

/** A tenant whose meter's every event crosses the next of ten usage thresholds: one incident per event. */
async function tenantWithCrossings(db: Database) {
  const { tenantId, meters } = await seedTenant([
    { name: 'count', aggregation: 'COUNT', computations: [], filters: [] },
  ]);
  const meterId = meters[0]?.id ?? '';
  const draft = await insertPricePlan(db, tenantId, {
    name: 'p',
    currency: 'USD',
    pricingCycle: {
      interval: 'MONTHLY',
      startOffset: { dayOffset: 1, monthOffset: 1 },
      anniversaryCycle: false,
      gracePeriod: 2,
    },
    usageRateCards: [
      usageRateCardSchema.parse({
        usageMeterId: meterId,
        pricingModel: 'TIERED',
        slabs: [{ startAfter: '0', rate: '1' }],
      }),
    ],
    fixedFees: [],
    entitlementRateCards: [],
  });
  if (!draft) {
    throw new Error('the price plan was not created');
  }
  const planId = (await setPricePlanStatus(db, tenantId, draft, 'ACTIVE'))?.id ?? '';
  await changePricingSchedule(db, tenantId, 'acme', [
    updatePricingScheduleRequest.parse({ pricePlanId: planId, effectiveFrom: '2026-05-01' }),
  ]);
  await insertAlert(
    db,
    tenantId,
    createAlertRequest.parse({
      alertTemplateId: 'USAGE_THRESHOLD',
      interval: 0,
      status: 'ACTIVE',
      entityDetails: { usageMeter: { id: meterId } },
      parameters: { threshold: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } },
    }),
  );
  let n = 0;
  /** One event: one crossing, its incident's deliveries in the outbox; answers the incident's id. */
  const cross = async () => {
    n += 1;
    await meterBatch(db, [
      { tenantId, events: [requestEvent(`e-${n}`, '1', { accountId: 'acme', timestamp: MAY, acceptedAt: MAY })] },
    ]);
    const rows = await db.execute<{ id: string }>(
      sql`SELECT id FROM alert_incidents WHERE tenant_id = ${tenantId} ORDER BY seq DESC LIMIT 1`,
    );
    return rows.rows[0]?.id ?? '';
  };
  // Passes start a minute after now: every delivery the crossings recorded is due by then.
  const t0 = new Date(Date.now() + 60_000);
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  return { tenantId, cross, at };
}

async function endpoints(db: Database, tenantId: string) {
  const down = await insertWebhookEndpoint(db, tenantId, { url: 'https://down.example/hooks' });
  const up = await insertWebhookEndpoint(db, tenantId, { url: 'https://up.example/hooks' });
  return { down, up };
}

const log = async (db: Database, tenantId: string, endpointId: string) =>
  (await listEndpointDeliveries(db, tenantId, endpointId, { limit: 100 })).map((r) => r.delivery);

describe('webhook endpoint health', () => {
  it('disables an endpoint once every attempt has failed for the whole period, not before; holds its deliveries and tells the other endpoints once', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await tenantWithCrossings(db);
      const { down, up } = await endpoints(db, s.tenantId);
      const r = receivers();
      r.status.set(down.url, 503);
      const pass = (seconds: number) =>
        deliverDueWebhooks(db, s.at(seconds), { tenantId: s.tenantId, schedule: SCHEDULE, send: r.send });

      const first = await s.cross();
      expect(await pass(0)).toEqual({ delivered: 1, retrying: 1, dead: 0, disabled: 0 });
      expect(await findWebhookEndpoint(db, s.tenantId, down.id)).toMatchObject({
        status: 'ACTIVE',
        failingSince: s.at(0).toISOString(),
      });
      // A second before the period is up: failing, not disabled.
      expect(await pass(D - 1)).toEqual({ delivered: 0, retrying: 1, dead: 0, disabled: 0 });
      const failing = await findWebhookEndpoint(db, s.tenantId, down.id);
      expect(failing?.status).toBe('ACTIVE');
      expect(failing?.disabledAt).toBeUndefined();

      const second = await s.cross(); // due now, failing too
      expect(await pass(D)).toEqual({ delivered: 1, retrying: 2, dead: 0, disabled: 1 });
      expect(await findWebhookEndpoint(db, s.tenantId, down.id)).toEqual({
        id: down.id,
        url: down.url,
        status: 'DISABLED',
        failingSince: s.at(0).toISOString(),
        disabledAt: s.at(D).toISOString(),
        disabledReason: `every attempt failed since ${s.at(0).toISOString()}; the last: the endpoint answered 503`,
        createdAt: down.createdAt,
      });
      // Its deliveries are kept, HELD: no next attempt.
      expect((await log(db, s.tenantId, down.id)).map((d) => [d.messageId, d.status, d.nextAttemptAt])).toEqual([
        [second, 'HELD', undefined],
        [first, 'HELD', undefined],
      ]);

      // A crossing while it is disabled is held for it too; the up endpoint gets it.
      const third = await s.cross();
      const attemptsOnDown = r.to(down.url).length;
      expect(await pass(D + 1)).toEqual({ delivered: 2, retrying: 0, dead: 0, disabled: 0 });
      expect(await pass(D + 10 * 86_400)).toEqual({ delivered: 0, retrying: 0, dead: 0, disabled: 0 });
      expect(r.to(down.url)).toHaveLength(attemptsOnDown);
      expect((await log(db, s.tenantId, down.id)).map((d) => [d.messageId, d.status])).toEqual([
        [third, 'HELD'],
        [second, 'HELD'],
        [first, 'HELD'],
      ]);

      // The notice: once, to the other endpoint only, signed like any message, in its log.
      const notices = r.sent.filter((x) => x.body.type === 'endpoint.disabled');
      expect(notices.map((x) => x.url)).toEqual([up.url]);
      expect(notices[0]?.body.data).toEqual({
        endpointId: down.id,
        url: down.url,
        failingSince: s.at(0).toISOString(),
        disabledAt: s.at(D).toISOString(),
        reason: `every attempt failed since ${s.at(0).toISOString()}; the last: the endpoint answered 503`,
      });
      expect((await log(db, s.tenantId, up.id)).map((d) => [d.messageId, d.eventType, d.status])).toEqual([
        [third, 'alert.threshold_crossed', 'DELIVERED'],
        [notices[0]?.webhookId, 'endpoint.disabled', 'DELIVERED'],
        [second, 'alert.threshold_crossed', 'DELIVERED'],
        [first, 'alert.threshold_crossed', 'DELIVERED'],
      ]);
    } finally {
      await pool.end();
    }
  });

  it('a success in between resets the clock: failures on either side of it do not add up', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await tenantWithCrossings(db);
      const { down } = await endpoints(db, s.tenantId);
      const r = receivers();
      r.status.set(down.url, 500);
      const pass = (seconds: number) =>
        deliverDueWebhooks(db, s.at(seconds), { tenantId: s.tenantId, schedule: SCHEDULE, send: r.send });

      await s.cross();
      await pass(0); // fails: failing since 0
      r.status.set(down.url, 204);
      await s.cross();
      expect(await pass(3600)).toMatchObject({ delivered: 2 }); // the second crossing, and the up endpoint's
      expect((await findWebhookEndpoint(db, s.tenantId, down.id))?.failingSince).toBeUndefined();
      r.status.set(down.url, 500);
      expect(await pass(D - 1)).toMatchObject({ retrying: 1, disabled: 0 }); // the first, again: failing since D - 1
      expect(await pass(D)).toMatchObject({ retrying: 1, disabled: 0 });
      expect(await findWebhookEndpoint(db, s.tenantId, down.id)).toMatchObject({
        status: 'ACTIVE',
        failingSince: s.at(D - 1).toISOString(),
      });
      expect(r.sent.filter((x) => x.body.type === 'endpoint.disabled')).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('measures continuous failure: after a quiet week the next failure starts the clock anew; failures less than a failure period apart add up', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await tenantWithCrossings(db);
      const { down } = await endpoints(db, s.tenantId);
      const r = receivers();
      r.status.set(down.url, 503);
      // One retry a minute after the first attempt (a retry horizon of 60 s); disabled after two minutes.
      const pass = (seconds: number) =>
        deliverDueWebhooks(db, s.at(seconds), {
          tenantId: s.tenantId,
          schedule: [60],
          disableAfterSeconds: 120,
          send: r.send,
        });
      const clock = async () => {
        const endpoint = await findWebhookEndpoint(db, s.tenantId, down.id);
        return [endpoint?.status, endpoint?.failingSince];
      };
      const WEEK = 7 * 86_400;

      // A delivery fails, is retried a minute later and is DEAD; then nothing is sent for a week.
      await s.cross();
      await pass(0);
      expect(await pass(60)).toMatchObject({ dead: 1 });
      expect(await clock()).toEqual(['ACTIVE', s.at(0).toISOString()]);

      // A week later a crossing's first attempt fails: a new failure, not the eighth day of the old one.
      await s.cross();
      expect(await pass(WEEK)).toMatchObject({ retrying: 1, disabled: 0 });
      expect(await clock()).toEqual(['ACTIVE', s.at(WEEK).toISOString()]);
      expect(await pass(WEEK + 60)).toMatchObject({ dead: 1, disabled: 0 }); // its retry: the same failure

      // Ninety seconds after that one died — longer than a delivery's retries, within the failure
      // period — the next crossing fails: still the same failure, now two and a half minutes long,
      // so this attempt disables the endpoint (messages days apart to an endpoint down for good).
      await s.cross();
      expect(await pass(WEEK + 150)).toMatchObject({ retrying: 1, disabled: 1 });
      expect(await clock()).toEqual(['DISABLED', s.at(WEEK).toISOString()]);
    } finally {
      await pool.end();
    }
  });

  it('enabled again, the endpoint is sent what it held, once each, under the same webhook-ids, on a fresh schedule; the notice is not sent to it', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await tenantWithCrossings(db);
      const { down, up } = await endpoints(db, s.tenantId);
      const r = receivers();
      r.status.set(down.url, 503);
      const pass = (seconds: number) =>
        deliverDueWebhooks(db, s.at(seconds), { tenantId: s.tenantId, schedule: SCHEDULE, send: r.send });
      const first = await s.cross();
      await pass(0);
      await pass(D - 1);
      const second = await s.cross();
      expect(await pass(D)).toMatchObject({ disabled: 1 });
      expect(await enableWebhookEndpoint(db, s.tenantId, down.id, s.at(D + 60))).toEqual({
        id: down.id,
        url: down.url,
        status: 'ACTIVE',
        createdAt: down.createdAt,
      });
      // Due from the moment it was enabled, attempts counted afresh.
      expect(
        (await log(db, s.tenantId, down.id)).map((d) => [d.messageId, d.status, d.attempts, d.nextAttemptAt]),
      ).toEqual([
        [second, 'PENDING', 0, s.at(D + 60).toISOString()],
        [first, 'PENDING', 0, s.at(D + 60).toISOString()],
      ]);

      r.status.set(down.url, 204);
      const before = r.to(down.url).length;
      expect(await pass(D + 59)).toEqual({ delivered: 1, retrying: 0, dead: 0, disabled: 0 }); // the notice, to up
      expect(r.to(down.url)).toHaveLength(before);
      expect(await pass(D + 60)).toEqual({ delivered: 2, retrying: 0, dead: 0, disabled: 0 });
      expect(await pass(D + 86_400)).toEqual({ delivered: 0, retrying: 0, dead: 0, disabled: 0 });
      const resumed = r.to(down.url).slice(before);
      expect(resumed.map((x) => x.webhookId).sort()).toEqual([first, second].sort());
      expect(resumed.every((x) => x.body.type === 'alert.threshold_crossed')).toBe(true);
      expect((await log(db, s.tenantId, down.id)).map((d) => [d.messageId, d.status, d.attempts])).toEqual([
        [second, 'DELIVERED', 1],
        [first, 'DELIVERED', 1],
      ]);
      expect(r.to(down.url).filter((x) => x.body.type === 'endpoint.disabled')).toEqual([]);
      expect(r.to(up.url).filter((x) => x.body.type === 'endpoint.disabled')).toHaveLength(1);
      expect((await findWebhookEndpoint(db, s.tenantId, down.id))?.status).toBe('ACTIVE');
    } finally {
      await pool.end();
    }
  });
});

describe('webhook redelivery', () => {
  it('of a delivery under way is queued behind that attempt, never sent beside it; the same webhook-id, a fresh schedule', async () => {
    const { db, pool } = connect(env);
    try {
      const s = await tenantWithCrossings(db);
      const endpoint = await insertWebhookEndpoint(db, s.tenantId, { url: 'https://slow.example/hooks' });
      const pass = (seconds: number) =>
        deliverDueWebhooks(db, s.at(seconds), { tenantId: s.tenantId, schedule: SCHEDULE, send });
      const sent: string[] = [];
      let underWay = 0;
      let mostAtOnce = 0;
      /** Asked of the receiver while an attempt is under way: a redelivery, and another runner's pass. */
      let whileUnderWay: (() => Promise<unknown>) | null = null;
      const duringAttempts: unknown[] = [];
      async function send(_url: string, init: RequestInit): Promise<Response> {
        underWay += 1;
        mostAtOnce = Math.max(mostAtOnce, underWay);
        sent.push(new Headers(init.headers).get('webhook-id') ?? '');
        const during = whileUnderWay;
        whileUnderWay = null;
        if (during) {
          duringAttempts.push(await during());
        }
        underWay -= 1;
        return new Response(null, { status: 204 });
      }
      const entry = async () => (await log(db, s.tenantId, endpoint.id))[0];

      const id = await s.cross();
      whileUnderWay = async () => [await redeliverMessage(db, s.tenantId, endpoint.id, id, s.at(1)), await pass(1)];
      expect(await pass(0)).toMatchObject({ delivered: 1 });
      // Redelivered a second into the attempt, leased until 60: due a lease after that, and the
      // other runner's pass meanwhile sent nothing. The attempt's 2xx did not end the redelivery.
      expect(duringAttempts).toEqual([[true, { delivered: 0, retrying: 0, dead: 0, disabled: 0 }]]);
      expect(mostAtOnce).toBe(1);
      expect(await entry()).toMatchObject({
        messageId: id,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: s.at(120).toISOString(),
      });
      expect(await pass(119)).toMatchObject({ delivered: 0 });

      // The incident's redelivery likewise, while the redelivery goes out.
      whileUnderWay = async () => [await redeliverIncident(db, s.tenantId, id, s.at(121)), await pass(121)];
      expect(await pass(120)).toMatchObject({ delivered: 1 });
      expect(duringAttempts[1]).toEqual([true, { delivered: 0, retrying: 0, dead: 0, disabled: 0 }]);
      expect(mostAtOnce).toBe(1);
      expect(await entry()).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: s.at(240).toISOString() });

      expect(await pass(240)).toMatchObject({ delivered: 1 });
      expect(await entry()).toMatchObject({ status: 'DELIVERED', attempts: 1 });
      expect(await pass(240 + 86_400)).toMatchObject({ delivered: 0 });
      expect(sent).toEqual([id, id, id]);
      expect(mostAtOnce).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
