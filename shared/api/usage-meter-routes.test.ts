import { describe, expect, it } from 'vitest';
import { aggregationListSchema } from './usage-meter-routes';

describe('the aggregations list filter', () => {
  it.each([
    ['SUM', ['SUM']],
    ['SUM,MAX', ['SUM', 'MAX']],
    [' COUNT , LATEST ', ['COUNT', 'LATEST']],
    ['MIN,MIN,', ['MIN']],
  ])('reads %j', (text, expected) => {
    expect(aggregationListSchema.parse(text)).toEqual(expected);
  });

  it.each([
    ['AVG', /'AVG' is not COUNT, SUM/],
    ['SUM,sum,AVG', /'sum', 'AVG' is not/],
    [',', /give at least one of/],
    ['', /give at least one of/],
  ])('refuses %j, saying which', (text, message) => {
    const result = aggregationListSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
