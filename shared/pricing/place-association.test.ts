import { describe, expect, it } from 'vitest';
import { placeAssociation } from './place-association';
import type { PlanAssociation } from './price-plan';

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

describe('placing a plan association among an account’s others', () => {
  it.each<[string, PlanAssociation[], string, string[]]>([
    ['the first one', [], '2026-01-01T00:00:00Z', []],
    ['one after an association that ended', [january], '2026-03-01T00:00:00Z', []],
    ['one exactly when the previous ended', [january], '2026-02-01T00:00:00Z', []],
    ['one inside an open-ended association, which ends there', [january, openEnded], '2026-02-15T00:00:00Z', ['open']],
    ['one inside a bounded association, which ends there', [january], '2026-01-20T10:00:00+02:00', ['jan']],
  ])('places %s', (_, existing, from, ended) => {
    expect(placeAssociation(existing, from)).toEqual({ ok: true, end: existing.filter((a) => ended.includes(a.id)) });
  });

  it.each<[string, string, string]>([
    ['before an association that starts later', '2026-01-15T00:00:00Z', 'open'],
    ['at the same instant as another (offsets compared as instants)', '2026-02-01T01:00:00+01:00', 'open'],
    ['before every association', '2025-12-01T00:00:00Z', 'jan'],
  ])('refuses one %s: the future is not rewritten', (_, from, blocking) => {
    expect(placeAssociation([january, openEnded], from)).toMatchObject({ ok: false, blocking: { id: blocking } });
  });
});
