import {
  DISABLE_AFTER_FAILING_SECONDS,
  ENDPOINT_DISABLED_EVENT_TYPE,
  disabledReason,
  endpointDisabledData,
  failedLongEnough,
} from '../../shared/webhook/endpoint-health';
import type { Queryable } from '../db/connect';
import { type AttemptOutcome, type DueDelivery, recordAttempt } from '../store/webhook-deliveries';
import { disableEndpoint, noteEndpointAttempt } from '../store/webhook-endpoint-health';
import { insertWebhookMessage } from '../store/webhook-messages';

export interface AttemptRecorded {
  /** Set when this attempt disabled the endpoint: the notice's message id and where it goes. */
  disabled?: { noticeId: string; notifiedEndpointIds: string[] };
}

/**
 * Records an attempt and what it says of its endpoint, in one transaction: a 2xx stops the
 * endpoint's failure clock; a failure starts it, and once it has run `disableAfterSeconds`
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
): Promise<AttemptRecorded> {
  return db.transaction(async (tx) => {
    const endpoint = await noteEndpointAttempt(
      tx,
      delivery.tenant_id,
      delivery.endpoint_id,
      outcome.kind === 'delivered',
      now,
    );
    await recordAttempt(tx, delivery, outcome);
    if (
      outcome.kind === 'delivered' ||
      endpoint?.status !== 'ACTIVE' ||
      endpoint.failingSince === null ||
      !failedLongEnough(endpoint.failingSince, now, disableAfterSeconds)
    ) {
      return {};
    }
    const disabled = { ...endpoint, failingSince: endpoint.failingSince, disabledAt: now, lastError: outcome.error };
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
