import { describe, expect, it } from 'vitest';
import { currentPlanGrantId, MAX_ENTRY_ID, planGrantId } from './plan-grant-id';

const start = Date.parse('2026-12-01T00:00:00.000Z');

describe('planGrantId', () => {
  it("fits Togai's 50-character entry id and keeps the association prefix", () => {
    const id = planGrantId('pa.0123456789abcdefgh', start, 'feat.0f3k9x2m1q7a8b4c');
    expect(id).toBe(`pa.0123456789abcdefgh#${(start / 1000).toString(36)}#0f3k9x2m1q7a8b4c`);
    expect(id.length).toBeLessThanOrEqual(MAX_ENTRY_ID);
  });

  it('stays within 50 characters for the longest feature id, and apart for two features', () => {
    const a = planGrantId('pa.0123456789abcdefgh', start, `feat.${'a'.repeat(45)}`);
    const b = planGrantId('pa.0123456789abcdefgh', start, `feat.${'a'.repeat(44)}b`);
    expect(a.length).toBeLessThanOrEqual(MAX_ENTRY_ID);
    expect(a.startsWith('pa.0123456789abcdefgh#')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('tells cycles and associations apart', () => {
    const ids = new Set([
      planGrantId('pa.a', start, 'feat.x'),
      planGrantId('pa.a', start + 86_400_000, 'feat.x'),
      planGrantId('pa.b', start, 'feat.x'),
      planGrantId('pa.a', start, 'feat.y'),
    ]);
    expect(ids.size).toBe(4);
  });
});

describe('currentPlanGrantId', () => {
  it('maps an entry granted under the first, long form to the id the same grant has now', () => {
    const legacy = `pa.0123456789abcdefgh#2026-12-01T00:00:00.000Z#feat.0f3k9x2m1q7a8b4c$PRICE_PLAN`;
    expect(currentPlanGrantId(legacy)).toBe(planGrantId('pa.0123456789abcdefgh', start, 'feat.0f3k9x2m1q7a8b4c'));
  });

  it('leaves every other id as it is', () => {
    expect(currentPlanGrantId('entry.1')).toBe('entry.1');
    const now = planGrantId('pa.a', start, 'feat.x');
    expect(currentPlanGrantId(now)).toBe(now);
  });
});
