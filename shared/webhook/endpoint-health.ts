/**
 * When an endpoint is disabled: Svix's rule (the reference sender of Standard Webhooks) — once
 * every attempt to it has failed for five days on end, it is disabled, and the tenant is told with
 * an `endpoint.disabled` message. One success puts the clock back to zero, so a receiver that is
 * merely flaky never trips it; and five days outlast the retry schedule of one delivery (~27 h), so
 * it takes failures across several deliveries, not one message's bad luck. On end: days when
 * nothing to it was failing — every failed delivery ended, none being retried — do not count
 * (failingSinceAfterFailure). A disabled endpoint is
 * attempted no more; its deliveries are HELD until it is enabled again.
 */
export const DISABLE_AFTER_FAILING_SECONDS = 5 * 24 * 3600;

/** The type of the notice, Svix's name for it. */
export const ENDPOINT_DISABLED_EVENT_TYPE = 'endpoint.disabled';

/**
 * After a failed attempt at `now`: since when the endpoint has been failing. The clock measures
 * continuous failure, so it runs on from `failingSince` only if the endpoint was still failing
 * when the attempt was made (`stillFailing`): the attempt retried a delivery that had failed
 * before, another of its deliveries was in its retry schedule, or one's retries had ended (DEAD)
 * less than a failure period ago (DISABLE_AFTER_FAILING_SECONDS, or the retry horizon if that is
 * longer). So an endpoint that is down for good is disabled after five days of failures even if
 * its messages come days apart; but one left alone, failing nothing, for longer than that had no
 * failure to continue: this failure starts the clock anew, so a quiet week after one dead delivery
 * is not a week of failure. (A success stops the clock: `failingSince` is null then.)
 */
export function failingSinceAfterFailure(failingSince: Date | null, now: Date, stillFailing: boolean): Date {
  return failingSince !== null && stillFailing ? failingSince : now;
}

/**
 * After a failed attempt at `now`: whether the endpoint, failing since `failingSince` (the start
 * of its current failure, failingSinceAfterFailure), has failed long enough to be disabled.
 */
export function failedLongEnough(
  failingSince: Date,
  now: Date,
  afterSeconds: number = DISABLE_AFTER_FAILING_SECONDS,
): boolean {
  return now.getTime() - failingSince.getTime() >= afterSeconds * 1000;
}

/** WEBHOOK_DISABLE_AFTER_SECONDS: a whole number of seconds; absent or malformed, the default. */
export function parseDisableAfter(text: string | undefined): number {
  const seconds = Number(text);
  return text && Number.isInteger(seconds) && seconds > 0 ? seconds : DISABLE_AFTER_FAILING_SECONDS;
}

export interface DisabledEndpoint {
  id: string;
  url: string;
  description: string | null;
  failingSince: Date;
  disabledAt: Date;
  lastError: string;
}

/** Why the endpoint was disabled, as its `disabledReason` says and its notice repeats. */
export function disabledReason(endpoint: Pick<DisabledEndpoint, 'failingSince' | 'lastError'>): string {
  return `every attempt failed since ${endpoint.failingSince.toISOString()}; the last: ${endpoint.lastError}`;
}

/** The `data` of the `endpoint.disabled` message sent to the tenant's other endpoints. */
export function endpointDisabledData(endpoint: DisabledEndpoint) {
  return {
    endpointId: endpoint.id,
    url: endpoint.url,
    ...(endpoint.description !== null ? { description: endpoint.description } : {}),
    failingSince: endpoint.failingSince.toISOString(),
    disabledAt: endpoint.disabledAt.toISOString(),
    reason: disabledReason(endpoint),
  };
}
