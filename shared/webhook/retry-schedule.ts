/**
 * When a failed delivery is tried again: the schedule Standard Webhooks' reference senders use —
 * at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure (about 27 h in all) —
 * after which the delivery is DEAD and listed with its incident. Delays are seconds after the
 * attempt that failed; `schedule` may be shortened for a local stack (WEBHOOK_RETRY_SECONDS).
 */
export const DEFAULT_RETRY_SECONDS: readonly number[] = [5, 300, 1800, 7200, 18000, 36000, 36000];

export type NextAttempt = { dead: true } | { dead: false; at: Date };

/** After `attempts` failed attempts (the one just made included), the next one, or DEAD. */
export function nextAttempt(
  attempts: number,
  failedAt: Date,
  schedule: readonly number[] = DEFAULT_RETRY_SECONDS,
): NextAttempt {
  const delay = schedule[attempts - 1];
  if (delay === undefined) {
    return { dead: true };
  }
  return { dead: false, at: new Date(failedAt.getTime() + delay * 1000) };
}

/**
 * How long one delivery is retried: from its first failed attempt to its last (~27 h by default).
 * A failing endpoint is silent that long between two of its failures only if nothing was failing.
 */
export function retryHorizonSeconds(schedule: readonly number[] = DEFAULT_RETRY_SECONDS): number {
  return schedule.reduce((total, delay) => total + delay, 0);
}

/** WEBHOOK_RETRY_SECONDS: comma-separated delays in seconds; absent or malformed, the default. */
export function parseRetrySchedule(text: string | undefined): readonly number[] {
  if (!text) {
    return DEFAULT_RETRY_SECONDS;
  }
  const delays = text.split(',').map((part) => Number(part.trim()));
  return delays.length > 0 && delays.every((d) => Number.isFinite(d) && d >= 0) ? delays : DEFAULT_RETRY_SECONDS;
}
