import { describe, expect, it } from 'vitest';
import {
  DISABLE_AFTER_FAILING_SECONDS,
  endpointDisabledData,
  failedLongEnough,
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
