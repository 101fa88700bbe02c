import { describe, expect, it } from 'vitest';
import { issuesFromZod } from '../errors/zod-issues';
import { dimensionFilters, groupByKeys, postgresTimeZone, usageQuerySchema } from './usage-query';

const base = { meterId: 'm-1', from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

function issues(input: Record<string, unknown>): { path: string; message: string }[] {
  const result = usageQuerySchema.safeParse({ ...base, ...input });
  return result.success ? [] : issuesFromZod(result.error);
}

describe('usageQuerySchema', () => {
  it('defaults the time zone to UTC and leaves window and account out', () => {
    expect(usageQuerySchema.parse(base)).toEqual({ ...base, timeZone: 'UTC' });
  });

  it.each([
    ['an account, a window and a zone', { accountId: 'acme', window: 'DAY', timeZone: 'Asia/Kolkata' }],
    ['from and to with offsets', { from: '2026-02-01T05:30:00+05:30', to: '2026-02-01T02:00:00+01:00' }],
    ['a quarter-hour offset', { from: '2026-02-01T05:45:00+05:45', to: '2026-02-01T00:01:00Z' }],
    ['fractional zero seconds', { from: '2026-02-01T00:00:00.000Z' }],
    ['one minute', { to: '2026-02-01T00:01:00Z' }],
    ['exactly 10 000 MINUTE windows', { to: '2026-02-07T22:40:00Z', window: 'MINUTE' }],
    ['a long span in MONTH windows', { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', window: 'MONTH' }],
    ['a zone with a half-hour offset', { timeZone: 'Australia/Adelaide' }],
    ['an ISO offset east of UTC', { timeZone: '+05:30' }],
    ['an ISO offset west of UTC', { timeZone: '-03:30' }],
    ['a groupBy of five dimensions', { groupBy: 'a,b,c,d,e' }],
    ['one filter', { filter: 'region:eu' }],
    ['filters whose values hold colons', { filter: ['endpoint:/v1:batch', 'region:eu'] }],
  ])('accepts %s', (_, input) => {
    expect(issues(input)).toEqual([]);
  });

  it.each([
    ['from with seconds', { from: '2026-02-01T00:00:30Z' }, 'from', /whole minute/],
    ['to with milliseconds', { to: '2026-03-01T00:00:00.001Z' }, 'to', /whole minute/],
    ['from without a zone', { from: '2026-02-01T00:00:00' }, 'from', /ISO 8601/],
    ['to as a date only', { to: '2026-03-01' }, 'to', /ISO 8601/],
    ['to equal to from', { to: base.from }, 'to', /after from/],
    ['to before from', { to: '2026-01-31T23:59:00Z' }, 'to', /after from/],
    ['to equal to from in another offset', { to: '2026-02-01T05:30:00+05:30' }, 'to', /after from/],
    ['10 001 MINUTE windows', { to: '2026-02-07T22:41:00Z', window: 'MINUTE' }, 'window', /more than 10000 windows/],
    ['a year of MINUTE windows', { to: '2027-02-01T00:00:00Z', window: 'MINUTE' }, 'window', /more than 10000 windows/],
    ['an unknown window', { window: 'YEAR' }, 'window', /./],
    ['a made-up zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /IANA time zone/],
    ['an empty zone', { timeZone: '' }, 'timeZone', /IANA time zone/],
    ['an offset without minutes', { timeZone: '+05' }, 'timeZone', /offset such as \+05:30/],
    ['an offset past +14:00', { timeZone: '+15:00' }, 'timeZone', /offset such as \+05:30/],
    ['an empty meter id', { meterId: '' }, 'meterId', /./],
    ['an unknown parameter', { meter: 'm-1' }, '(body)', /./],
  ])('refuses %s at %s', (_, input, path, message) => {
    expect(issues(input)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});

describe('postgresTimeZone', () => {
  it.each([
    ['+05:30', '-05:30'],
    ['-03:30', '+03:30'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
  ])('tells Postgres %s as %s (a bare offset is POSIX there: west positive)', (zone, expected) => {
    expect(postgresTimeZone(zone)).toBe(expected);
  });
});

describe('groupByKeys and dimensionFilters', () => {
  it('reads groupBy in order and gathers the values given for one dimension', () => {
    const query = { groupBy: 'region, plan', filter: ['plan:pro', 'region:eu', 'plan:free', 'endpoint:/v1:batch'] };
    expect(groupByKeys(query)).toEqual(['region', 'plan']);
    expect(dimensionFilters(query)).toEqual(
      new Map([
        ['plan', ['pro', 'free']],
        ['region', ['eu']],
        ['endpoint', ['/v1:batch']],
      ]),
    );
    expect(groupByKeys({})).toEqual([]);
    expect(dimensionFilters({ filter: 'region:eu' })).toEqual(new Map([['region', ['eu']]]));
  });
});
