import { nextAttempt, DEFAULT_RETRY_SECONDS } from '../../shared/webhook/retry-schedule';
import { signWebhook } from '../../shared/webhook/standard-webhooks';
import { WEBHOOK_EVENT_TYPE } from '../../shared/webhook/webhook-endpoint';
import type { Queryable } from '../db/connect';
import { findIncident } from '../store/alert-incidents';
import {
  leaseDueDeliveries,
  nextDueAt,
  recordAttempt,
  type DueDelivery,
  type AttemptOutcome,
} from '../store/webhook-deliveries';

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export interface DeliveryOptions {
  schedule?: readonly number[];
  limit?: number;
}

export interface DeliveryCounts {
  delivered: number;
  retrying: number;
  dead: number;
}

/**
 * One pass over the webhook outbox: every delivery due now is POSTed once, signed (Standard
 * Webhooks) with `webhook-id` = its incident's id — the same on every attempt, so a receiver that
 * got it before (a 2xx lost on the way back, a lease that ran out) can tell. A 2xx ends it; anything
 * else is tried again on the retry schedule, and after the last attempt it is DEAD.
 */
export async function deliverDueWebhooks(db: Queryable, options: DeliveryOptions = {}): Promise<DeliveryCounts> {
  const due = await leaseDueDeliveries(db, new Date(), options.limit ?? 50, LEASE_MS);
  const counts: DeliveryCounts = { delivered: 0, retrying: 0, dead: 0 };
  await Promise.all(
    due.map(async (delivery) => {
      const outcome = await attempt(db, delivery, options.schedule ?? DEFAULT_RETRY_SECONDS);
      await recordAttempt(db, delivery, outcome);
      if (outcome.kind === 'delivered') {
        counts.delivered += 1;
      } else if (outcome.retryAt) {
        counts.retrying += 1;
      } else {
        counts.dead += 1;
      }
    }),
  );
  return counts;
}

async function attempt(db: Queryable, delivery: DueDelivery, schedule: readonly number[]): Promise<AttemptOutcome> {
  const incident = await findIncident(db, delivery.tenant_id, delivery.incident_id);
  const failed = (responseStatus: number | null, error: string): AttemptOutcome => {
    const next = nextAttempt(delivery.attempts + 1, new Date(), schedule);
    return { kind: 'failed', responseStatus, error, retryAt: next.dead ? null : next.at };
  };
  if (!incident) {
    return failed(null, 'the incident is gone');
  }
  // The crossing only — not how its deliveries go, nor the status the tenant sets: the same body on every attempt.
  const { webhooks: _, ...report } = incident.reportData ?? {};
  const { status: _status, updatedAt: _updated, ...crossing } = incident;
  const body = JSON.stringify({
    type: WEBHOOK_EVENT_TYPE,
    timestamp: incident.createdAt,
    data: { ...crossing, reportData: report },
  });
  const secrets = delivery.previous_secret ? [delivery.secret, delivery.previous_secret] : [delivery.secret];
  const headers = await signWebhook(secrets, incident.id, Math.floor(Date.now() / 1000), body);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Meterline-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) {
      return { kind: 'delivered', responseStatus: response.status, at: new Date() };
    }
    return failed(response.status, `the endpoint answered ${response.status}`);
  } catch (error) {
    return failed(null, `no answer: ${(error as Error).message}`.slice(0, 500));
  }
}

/**
 * Passes until nothing is due within `waitMs` or `budgetMs` is spent: after a queue batch (in its
 * waitUntil) the first retries, seconds apart, happen without waiting for the ten-minute cron,
 * which takes the longer ones.
 */
export async function deliverWebhooksFor(
  db: Queryable,
  options: DeliveryOptions & { budgetMs?: number; waitMs?: number } = {},
): Promise<DeliveryCounts> {
  const started = Date.now();
  const budget = options.budgetMs ?? 25_000;
  const total: DeliveryCounts = { delivered: 0, retrying: 0, dead: 0 };
  for (;;) {
    const counts = await deliverDueWebhooks(db, options);
    total.delivered += counts.delivered;
    total.retrying += counts.retrying;
    total.dead += counts.dead;
    const next = await nextDueAt(db);
    if (!next) {
      return total;
    }
    const wait = Math.max(0, next.getTime() - Date.now());
    // Due but not taken (leased by another runner): theirs to send.
    if (wait === 0 && counts.delivered + counts.retrying + counts.dead === 0) {
      return total;
    }
    if (wait > (options.waitMs ?? 10_000) || Date.now() + wait - started > budget) {
      return total;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
