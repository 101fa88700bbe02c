import { describe, expect, it } from 'vitest';
import type { PlanAssociation } from './price-plan';
import { placeScheduleChange, type ScheduleMode } from './schedule-change';

const association = (id: string, effectiveFrom: string, effectiveUntil?: string): PlanAssociation => ({
  id,
  accountId: 'acme',
  pricePlanId: 'pp.1',
  pricePlanVersion: 1,
  effectiveFrom,
  ...(effectiveUntil ? { effectiveUntil } : {}),
});

const january = association('jan', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
const openEnded = association('open', '2026-02-01T00:00:00.000Z');
const at = (iso: string) => Date.parse(iso);
const change = (mode: ScheduleMode, from: string, until?: string) => ({
  mode,
  from: at(from),
  until: until ? at(until) : null,
});

describe('placing a schedule change among an account’s associations', () => {
  it.each<[string, PlanAssociation[], ReturnType<typeof change>, string | null]>([
    ['the first association', [], change('ASSOCIATE', '2026-01-01T00:00:00Z'), null],
    ['one after an association that ended', [january], change('ASSOCIATE', '2026-03-01T00:00:00Z'), null],
    ['one exactly when the previous ended', [january], change('ASSOCIATE', '2026-02-01T00:00:00Z'), null],
    [
      'one inside an open-ended association, which ends there',
      [january, openEnded],
      change('ASSOCIATE', '2026-02-15T00:00:00Z'),
      'open',
    ],
    [
      'one inside a bounded one, running to its end',
      [january],
      change('ASSOCIATE', '2026-01-20T00:00:00Z', '2026-02-01T00:00:00Z'),
      'jan',
    ],
    [
      'one before the next one starts, ending when it starts',
      [openEnded],
      change('ASSOCIATE', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
      null,
    ],
    [
      'a gap cut at the end of an open association',
      [january, openEnded],
      change('DISASSOCIATE', '2026-03-01T00:00:00Z'),
      'open',
    ],
    ['a gap where no plan is (nothing changes)', [january], change('DISASSOCIATE', '2026-03-01T00:00:00Z'), null],
  ])('places %s', (_, existing, request, ended) => {
    const placed = placeScheduleChange(existing, request);
    expect(placed).toEqual({ ok: true, end: existing.find((a) => a.id === ended) ?? null });
  });

  it.each<[string, ReturnType<typeof change>, string, string, string]>([
    [
      'an association starting later',
      change('ASSOCIATE', '2026-01-15T00:00:00Z'),
      'open',
      'effectiveFrom',
      'starts_inside',
    ],
    [
      'an association at the same instant',
      change('ASSOCIATE', '2026-02-01T00:00:00Z'),
      'open',
      'effectiveFrom',
      'starts_inside',
    ],
    [
      'a disassociation over a scheduled plan',
      change('DISASSOCIATE', '2025-12-01T00:00:00Z'),
      'jan',
      'effectiveFrom',
      'starts_inside',
    ],
    [
      'a bounded association inside another (a split)',
      change('ASSOCIATE', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'),
      'open',
      'effectiveUntil',
      'would_split',
    ],
    [
      'a bounded disassociation inside an association (a split)',
      change('DISASSOCIATE', '2026-01-10T00:00:00Z', '2026-01-20T00:00:00Z'),
      'jan',
      'effectiveUntil',
      'would_split',
    ],
  ])('refuses %s', (_, request, blocking, field, reason) => {
    expect(placeScheduleChange([january, openEnded], request)).toMatchObject({
      ok: false,
      field,
      reason,
      blocking: { id: blocking },
    });
  });
});
