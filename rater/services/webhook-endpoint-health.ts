import {
  DISABLE_AFTER_FAILING_SECONDS,
  ENDPOINT_DISABLED_EVENT_TYPE,
  disabledReason,
  endpointDisabledData,
  failedLongEnough,
  failingSinceAfterFailure,
} from '../../shared/webhook/endpoint-health';
import { retryHorizonSeconds } from '../../shared/webhook/retry-schedule';
import type { Queryable } from '../db/connect';
import { type AttemptOutcome, type DueDelivery, recordAttempt } from '../store/webhook-deliveries';
import {
  disableEndpoint,
  lockEndpointHealth,
  otherDeliveriesFailing,
  setFailingSince,
} from '../store/webhook-endpoint-health';
import { insertWebhookMessage } from '../store/webhook-messages';

export interface AttemptRecorded {
  /** Set when this attempt disabled the endpoint: the notice's message id and where it goes. */
  disabled?: { noticeId: string; notifiedEndpointIds: string[] };
}

/**
 * Records an attempt and what it says of its endpoint, in one transaction: a 2xx stops the
 * endpoint's failure clock; a failure starts it — or leaves it running, if the endpoint was still
 * failing (failingSinceAfterFailure: over the longer of `retryHorizon` and `disableAfterSeconds`) — and once it has run `disableAfterSeconds`
 * (shared/webhook/endpoint-health.ts) the endpoint is DISABLED — its PENDING deliveries HELD — and
 * the tenant's other ACTIVE endpoints are sent an `endpoint.disabled` notice. The endpoint's row
 * lock orders attempts racing on it, and only an ACTIVE endpoint is disabled, so the notice is
 * written once; it commits with the disabling or not at all.
 */
export async function recordDeliveryAttempt(
  db: Queryable,
  delivery: DueDelivery,
  outcome: AttemptOutcome,
  now: Date,
  disableAfterSeconds: number = DISABLE_AFTER_FAILING_SECONDS,
  retryHorizon: number = retryHorizonSeconds(),
): Promise<AttemptRecorded> {
  return db.transaction(async (tx) => {
    const endpoint = await lockEndpointHealth(tx, delivery.tenant_id, delivery.endpoint_id);
    await recordAttempt(tx, delivery, outcome);
    if (!endpoint) {
      return {};
    }
    if (outcome.kind === 'delivered') {
      await setFailingSince(tx, delivery.tenant_id, endpoint.id, null);
      return {};
    }
    // A leased delivery's past attempts all failed (a 2xx ends it): with any, this attempt retried a
    // failure. The other deliveries matter only while a clock runs, for a failure that is no retry.
    const stillFailing =
      delivery.attempts > 0 ||
      (endpoint.failingSince !== null &&
        (await otherDeliveriesFailing(
          tx,
          delivery.tenant_id,
          endpoint.id,
          delivery.incident_id,
          // Failing until a whole failure period has passed with no failure, or a retry horizon if longer.
          new Date(now.getTime() - Math.max(retryHorizon, disableAfterSeconds) * 1000),
        )));
    const failingSince = failingSinceAfterFailure(endpoint.failingSince, now, stillFailing);
    await setFailingSince(tx, delivery.tenant_id, endpoint.id, failingSince);
    if (endpoint.status !== 'ACTIVE' || !failedLongEnough(failingSince, now, disableAfterSeconds)) {
      return {};
    }
    const disabled = { ...endpoint, failingSince, disabledAt: now, lastError: outcome.error };
    if (!(await disableEndpoint(tx, delivery.tenant_id, endpoint.id, now, disabledReason(disabled)))) {
      return {};
    }
    const notice = await insertWebhookMessage(
      tx,
      delivery.tenant_id,
      { eventType: ENDPOINT_DISABLED_EVENT_TYPE, data: endpointDisabledData(disabled) },
      now,
      endpoint.id,
    );
    return { disabled: { noticeId: notice.id, notifiedEndpointIds: notice.endpointIds } };
  });
}
