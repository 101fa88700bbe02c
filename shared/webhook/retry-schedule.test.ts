import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SECONDS, nextAttempt, parseRetrySchedule, retryHorizonSeconds } from './retry-schedule';

const at = new Date('2026-01-01T00:00:00Z');

describe('nextAttempt', () => {
  it('waits each delay of the schedule in turn after a failure, then gives up', () => {
    const waits: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const next = nextAttempt(attempts, at);
      if (next.dead) {
        break;
      }
      waits.push((next.at.getTime() - at.getTime()) / 1000);
    }
    expect(waits).toEqual([...DEFAULT_RETRY_SECONDS]);
    expect(waits.reduce((a, b) => a + b, 0) / 3600).toBeGreaterThan(24); // "for days": over a day of retries
  });

  it('follows a shortened schedule: three attempts then DEAD', () => {
    expect(nextAttempt(1, at, [1, 2])).toEqual({ dead: false, at: new Date(at.getTime() + 1000) });
    expect(nextAttempt(2, at, [1, 2])).toEqual({ dead: false, at: new Date(at.getTime() + 2000) });
    expect(nextAttempt(3, at, [1, 2])).toEqual({ dead: true });
  });
});

describe('retryHorizonSeconds', () => {
  it('is the whole schedule: from the first failed attempt to the last, about 27 h by default', () => {
    expect(retryHorizonSeconds()).toBe(5 + 300 + 1800 + 7200 + 18000 + 36000 + 36000);
    expect(retryHorizonSeconds([1, 2])).toBe(3);
    expect(retryHorizonSeconds([])).toBe(0);
  });
});

describe('parseRetrySchedule', () => {
  it.each([
    [undefined, DEFAULT_RETRY_SECONDS],
    ['', DEFAULT_RETRY_SECONDS],
    ['1, 2,3', [1, 2, 3]],
    ['0.5', [0.5]],
    ['1,x', DEFAULT_RETRY_SECONDS],
    ['-1', DEFAULT_RETRY_SECONDS],
  ])('%j', (text, expected) => expect(parseRetrySchedule(text)).toEqual(expected));
});
