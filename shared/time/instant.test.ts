import { describe, expect, it } from 'vitest';
import { instantSchema } from './instant';

describe('instantSchema', () => {
  it.each([
    [
      'a zone-less Python utcnow() as UTC',
      '2026-12-02T10:00:00.123456',
      '2026-12-02T10:00:00.123456Z',
      '2026-12-02T10:00:00.123Z',
    ],
    ['a zone-less time without seconds as UTC', '2026-12-02T10:00', '2026-12-02T10:00Z', '2026-12-02T10:00:00.000Z'],
    ['Z as given', '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z', '2026-12-02T10:00:00.000Z'],
    ['an offset as given', '2026-12-02T10:00:00+05:30', '2026-12-02T10:00:00+05:30', '2026-12-02T04:30:00.000Z'],
    [
      "Python's isoformat() of an aware datetime",
      '2026-12-02T10:00:00.5+00:00',
      '2026-12-02T10:00:00.5+00:00',
      '2026-12-02T10:00:00.500Z',
    ],
  ])('reads %s', (_, text, parsed, instant) => {
    const result = instantSchema().parse(text);
    expect(result).toBe(parsed);
    expect(new Date(result).toISOString()).toBe(instant);
  });

  it.each([
    ['a date alone', '2026-12-02'],
    ['an offset without a colon', '2026-12-02T10:00:00+0530'],
    ['an hour out of range', '2026-12-02T24:00:00'],
    ['a number', 1764669600],
    ['words', 'yesterday'],
  ])('refuses %s', (_, value) => {
    expect(instantSchema().safeParse(value).success).toBe(false);
  });
});
