import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceCrossings, balanceIncidentId, type WatchedBalanceAlert } from './balance-crossings';

const alert = (alertId: string, featureId: string, ...thresholds: string[]): WatchedBalanceAlert => ({
  alertId,
  version: 1,
  featureId,
  thresholds,
});
const fired = (alerts: WatchedBalanceAlert[], before: string, after: string, featureId = 'feat.a') =>
  balanceCrossings(alerts, featureId, before, after).map((c) => `${c.alertId}#${c.thresholdIndex}@${c.threshold}`);

describe('balanceCrossings', () => {
  const alerts = [alert('low', 'feat.a', '100', '10', '0'), alert('other', 'feat.b', '100')];

  it.each([
    ['a fall to exactly a threshold fires it', '150', '100', ['low#0@100']],
    ['a fall through several fires each', '150', '-1', ['low#0@100', 'low#1@10', 'low#2@0']],
    ['a fall that stays above fires nothing', '150', '100.5', []],
    ['a fall already below fires nothing again', '100', '50', []],
    ['a rise (a refund, a grant) fires nothing', '5', '500', []],
  ])('%s', (_, before, after, expected) => {
    expect(fired(alerts, before, after)).toEqual(expected);
  });

  it("only the alerts of the feature whose balance moved, with each alert's version", () => {
    expect(balanceCrossings(alerts, 'feat.b', '101', '99')).toEqual([
      {
        featureId: 'feat.b',
        alertId: 'other',
        alertVersion: 1,
        thresholdIndex: 0,
        threshold: '100',
        before: '101',
        after: '99',
      },
    ]);
    expect(fired(alerts, '101', '99', 'feat.c')).toEqual([]);
  });

  it('a rise above re-arms: the next fall fires again', () => {
    const steps = [
      ['150', '90'],
      ['90', '80'],
      ['80', '120'],
      ['120', '100'],
    ] as const;
    expect(steps.map(([b, a]) => fired([alert('low', 'feat.a', '100')], b, a))).toEqual([
      ['low#0@100'],
      [],
      [],
      ['low#0@100'],
    ]);
  });

  it('along any path, a threshold fires once per fall from above it to at or below it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -20, max: 20 }),
        (start, path, threshold) => {
          const values = [start, ...path];
          let fires = 0;
          let falls = 0;
          for (let i = 1; i < values.length; i++) {
            const [b, a] = [values[i - 1] as number, values[i] as number];
            fires += fired([alert('x', 'feat.a', String(threshold))], String(b), String(a)).length;
            falls += b > threshold && a <= threshold ? 1 : 0;
          }
          expect(fires).toBe(falls);
        },
      ),
    );
  });
});

describe('balanceIncidentId', () => {
  it('is the same for the same crossing and differs between crossings', async () => {
    const id = await balanceIncidentId('ledger-1:7');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await balanceIncidentId('ledger-1:7')).toBe(id);
    expect(await balanceIncidentId('ledger-1:8')).not.toBe(id);
    expect(await balanceIncidentId('ledger-2:7')).not.toBe(id);
  });
});
