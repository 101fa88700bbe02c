import { describe, expect, it } from 'vitest';
import {
  DISABLE_AFTER_FAILING_SECONDS,
  endpointDisabledData,
  failedLongEnough,
  failingSinceAfterFailure,
  parseDisableAfter,
} from './endpoint-health';
import { DEFAULT_RETRY_SECONDS } from './retry-schedule';

const since = new Date('2026-01-01T00:00:00Z');
const after = (seconds: number) => new Date(since.getTime() + seconds * 1000);

describe('failedLongEnough', () => {
  it('is false until the endpoint has failed for the whole period, true from then on', () => {
    expect(failedLongEnough(since, since)).toBe(false);
    expect(failedLongEnough(since, after(DISABLE_AFTER_FAILING_SECONDS - 1))).toBe(false);
    expect(failedLongEnough(since, after(DISABLE_AFTER_FAILING_SECONDS))).toBe(true);
    expect(failedLongEnough(since, after(DISABLE_AFTER_FAILING_SECONDS + 3600))).toBe(true);
  });

  it('takes more than one delivery failing: the period outlasts a delivery’s whole retry schedule', () => {
    const oneDelivery = DEFAULT_RETRY_SECONDS.reduce((a, b) => a + b, 0);
    expect(failedLongEnough(since, after(oneDelivery))).toBe(false);
  });

  it('follows a shortened period', () => {
    expect(failedLongEnough(since, after(4), 5)).toBe(false);
    expect(failedLongEnough(since, after(5), 5)).toBe(true);
  });
});

describe('failingSinceAfterFailure', () => {
  const now = after(7 * 86_400);
  it('runs on from the start of the failure while the endpoint was still failing', () => {
    expect(failingSinceAfterFailure(since, now, true)).toEqual(since);
  });

  it('starts anew when nothing was failing any more: the quiet days in between are not failure', () => {
    expect(failingSinceAfterFailure(since, now, false)).toEqual(now);
    expect(failedLongEnough(failingSinceAfterFailure(since, now, false), now)).toBe(false);
  });

  it('starts at the failure after a success, whatever else is being retried', () => {
    expect(failingSinceAfterFailure(null, now, true)).toEqual(now);
    expect(failingSinceAfterFailure(null, now, false)).toEqual(now);
  });
});

describe('parseDisableAfter', () => {
  it.each([
    [undefined, DISABLE_AFTER_FAILING_SECONDS],
    ['', DISABLE_AFTER_FAILING_SECONDS],
    ['soon', DISABLE_AFTER_FAILING_SECONDS],
    ['0', DISABLE_AFTER_FAILING_SECONDS],
    ['-5', DISABLE_AFTER_FAILING_SECONDS],
    ['1.5', DISABLE_AFTER_FAILING_SECONDS],
    ['6', 6],
  ])('%j → %d', (text, seconds) => {
    expect(parseDisableAfter(text)).toBe(seconds);
  });
});

describe('endpointDisabledData', () => {
  it('names the endpoint, since when it failed, when it was disabled and why', () => {
    expect(
      endpointDisabledData({
        id: 'whe.1',
        url: 'https://hooks.example.com/in',
        description: null,
        failingSince: since,
        disabledAt: after(DISABLE_AFTER_FAILING_SECONDS),
        lastError: 'the endpoint answered 503',
      }),
    ).toEqual({
      endpointId: 'whe.1',
      url: 'https://hooks.example.com/in',
      failingSince: '2026-01-01T00:00:00.000Z',
      disabledAt: '2026-01-06T00:00:00.000Z',
      reason: 'every attempt failed since 2026-01-01T00:00:00.000Z; the last: the endpoint answered 503',
    });
  });
});
