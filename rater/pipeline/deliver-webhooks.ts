import { DISABLE_AFTER_FAILING_SECONDS } from '../../shared/webhook/endpoint-health';
import { DEFAULT_RETRY_SECONDS, nextAttempt, retryHorizonSeconds } from '../../shared/webhook/retry-schedule';
import { signWebhook } from '../../shared/webhook/standard-webhooks';
import { WEBHOOK_EVENT_TYPE } from '../../shared/webhook/webhook-endpoint';
import type { Queryable } from '../db/connect';
import { recordDeliveryAttempt } from '../services/webhook-endpoint-health';
import { findIncident } from '../store/alert-incidents';
import {
  type AttemptOutcome,
  DELIVERY_LEASE_MS,
  type DueDelivery,
  leaseDueDeliveries,
  nextDueAt,
} from '../store/webhook-deliveries';
import { findWebhookMessage } from '../store/webhook-messages';

const TIMEOUT_MS = 10_000;

export interface DeliveryOptions {
  schedule?: readonly number[];
  /** How long every attempt to an endpoint must have failed before it is disabled (WEBHOOK_DISABLE_AFTER_SECONDS). */
  disableAfterSeconds?: number;
  limit?: number;
  /** Only this tenant's deliveries: what a tenant's request made due, or a test's own in a shared database. */
  tenantId?: string;
  /** What POSTs a delivery; `fetch` unless a test stands in a receiver. */
  send?: (url: string, init: RequestInit) => Promise<Response>;
}

export interface DeliveryCounts {
  delivered: number;
  retrying: number;
  dead: number;
  /** Endpoints this pass disabled (each with its notice to the tenant's other endpoints). */
  disabled: number;
}

/**
 * One pass over the webhook outbox at `now`: every delivery due is POSTed once, signed (Standard
 * Webhooks) with `webhook-id` = its message's id (the incident's, for a crossing) — the same on
 * every attempt, so a receiver that got it before (a 2xx lost on the way back, a lease that ran out)
 * can tell. A 2xx ends it; anything else is tried again on the retry schedule, and after the last
 * attempt it is DEAD. An endpoint failing for too long is disabled by the attempt that finds it so
 * (rater/services/webhook-endpoint-health.ts).
 */
export async function deliverDueWebhooks(
  db: Queryable,
  now: Date,
  options: DeliveryOptions = {},
): Promise<DeliveryCounts> {
  const due = await leaseDueDeliveries(db, now, options.limit ?? 50, DELIVERY_LEASE_MS, options.tenantId);
  const counts: DeliveryCounts = { delivered: 0, retrying: 0, dead: 0, disabled: 0 };
  await Promise.all(
    due.map(async (delivery) => {
      const outcome = await attempt(db, delivery, now, options);
      const recorded = await recordDeliveryAttempt(
        db,
        delivery,
        outcome,
        now,
        options.disableAfterSeconds ?? DISABLE_AFTER_FAILING_SECONDS,
        retryHorizonSeconds(options.schedule ?? DEFAULT_RETRY_SECONDS),
      );
      if (outcome.kind === 'delivered') {
        counts.delivered += 1;
      } else if (outcome.retryAt) {
        counts.retrying += 1;
      } else {
        counts.dead += 1;
      }
      if (recorded.disabled) {
        counts.disabled += 1;
      }
    }),
  );
  return counts;
}

/** The delivery's body: the Standard Webhooks envelope around its incident or notice; null when that is gone. */
async function messageBody(db: Queryable, delivery: DueDelivery): Promise<string | null> {
  if (delivery.event_type !== WEBHOOK_EVENT_TYPE) {
    const message = await findWebhookMessage(db, delivery.tenant_id, delivery.incident_id);
    return message
      ? JSON.stringify({ type: message.eventType, timestamp: message.createdAt.toISOString(), data: message.data })
      : null;
  }
  const incident = await findIncident(db, delivery.tenant_id, delivery.incident_id);
  if (!incident) {
    return null;
  }
  // The crossing only — not how its deliveries go, nor the status the tenant sets: the same body on every attempt.
  const { webhooks: _, ...report } = incident.reportData ?? {};
  const { status: _status, updatedAt: _updated, ...crossing } = incident;
  return JSON.stringify({
    type: WEBHOOK_EVENT_TYPE,
    timestamp: incident.createdAt,
    data: { ...crossing, reportData: report },
  });
}

async function attempt(
  db: Queryable,
  delivery: DueDelivery,
  now: Date,
  options: DeliveryOptions,
): Promise<AttemptOutcome> {
  const failed = (responseStatus: number | null, error: string): AttemptOutcome => {
    const next = nextAttempt(delivery.attempts + 1, now, options.schedule ?? DEFAULT_RETRY_SECONDS);
    return { kind: 'failed', responseStatus, error, at: now, retryAt: next.dead ? null : next.at };
  };
  const body = await messageBody(db, delivery);
  if (body === null) {
    return failed(null, 'the message is gone');
  }
  const secrets = delivery.previous_secret ? [delivery.secret, delivery.previous_secret] : [delivery.secret];
  const headers = await signWebhook(secrets, delivery.incident_id, Math.floor(now.getTime() / 1000), body);
  try {
    const response = await (options.send ?? fetch)(delivery.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Meterline-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) {
      return { kind: 'delivered', responseStatus: response.status, at: now };
    }
    return failed(response.status, `the endpoint answered ${response.status}`);
  } catch (error) {
    return failed(null, `no answer: ${(error as Error).message}`.slice(0, 500));
  }
}

/**
 * Passes until nothing is due within `waitMs` or `budgetMs` is spent: after a queue batch (in its
 * waitUntil) the first retries, seconds apart, happen without waiting for the ten-minute cron,
 * which takes the longer ones. Each pass runs at the clock's time.
 */
export async function deliverWebhooksFor(
  db: Queryable,
  options: DeliveryOptions & { budgetMs?: number; waitMs?: number } = {},
): Promise<DeliveryCounts> {
  const started = Date.now();
  const budget = options.budgetMs ?? 25_000;
  const total: DeliveryCounts = { delivered: 0, retrying: 0, dead: 0, disabled: 0 };
  for (;;) {
    const counts = await deliverDueWebhooks(db, new Date(), options);
    total.delivered += counts.delivered;
    total.retrying += counts.retrying;
    total.dead += counts.dead;
    total.disabled += counts.disabled;
    const next = await nextDueAt(db, options.tenantId);
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
