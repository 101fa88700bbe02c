import { describe, expect, it } from 'vitest';
import { createUsageMeterRequest } from '../../../shared/meter/usage-meter';
import { createEventSchemaRequest } from '../../../shared/event-schema/event-schema';
import { meterRequest } from './meter-form';
import { schemaRequest } from './schema-form';
import { fillWindows, usageRange } from './usage-range';

describe('schemaRequest', () => {
  it('keeps filled rows, with units and enrichment formulas in order, and drops blank ones', () => {
    const body = schemaRequest(
      {
        name: ' payments ',
        description: '',
        attributeName: ['amount', '', 'fee'],
        attributeUnit: ['USD', 'x', ''],
        dimensionName: ['', 'mode'],
        enrichmentName: ['net', ''],
        enrichmentType: ['ATTRIBUTE', 'ATTRIBUTE'],
        enrichmentKind: ['JSON_LOGIC', 'VALUE'],
        enrichmentValue: ['{"-":[{"var":"attributes.amount"},{"var":"attributes.fee"}]}', ''],
      },
      { withName: true },
    );
    expect(body).toEqual({
      name: 'payments',
      attributes: [{ name: 'amount', defaultUnit: 'USD' }, { name: 'fee' }],
      dimensions: [{ name: 'mode' }],
      enrichments: {
        fields: [
          {
            name: 'net',
            type: 'ATTRIBUTE',
            enrichmentType: 'JSON_LOGIC',
            value: '{"-":[{"var":"attributes.amount"},{"var":"attributes.fee"}]}',
            order: 1,
          },
        ],
      },
    });
    expect(createEventSchemaRequest.safeParse(body).success).toBe(true);
  });
});

describe('meterRequest', () => {
  it("turns the seed's conditions into the computation's matcher, numbers compared as numbers", () => {
    const body = meterRequest({
      name: 'big card charges',
      description: 'Card charges over 100',
      eventSchemaName: 'payments',
      aggregation: 'SUM',
      valueField: 'attributes.amount',
      conditionField: ['dimensions.mode', 'attributes.amount', ''],
      conditionOperator: ['==', '>', '=='],
      conditionValue: ['card', '100', ''],
    });
    expect(body).toEqual({
      name: 'big card charges',
      description: 'Card charges over 100',
      eventSchemaName: 'payments',
      aggregation: 'SUM',
      computations: [
        {
          matcher: '{"and":[{"==":[{"var":"dimensions.mode"},"card"]},{">":[{"var":"attributes.amount"},100]}]}',
          computation: '{"var":"attributes.amount"}',
          order: 1,
        },
      ],
    });
    expect(createUsageMeterRequest.safeParse(body).success).toBe(true);
  });

  it('counts 1 per event for COUNT, and has no matcher without conditions', () => {
    expect(
      meterRequest({ name: 'm', eventSchemaName: 's', aggregation: 'COUNT', valueField: 'attributes.amount' })
        .computations,
    ).toEqual([{ computation: '1', order: 1 }]);
  });
});

describe('usageRange', () => {
  const now = Date.parse('2026-11-23T10:15:30Z');

  it('ends at the next whole minute and starts the range before it', () => {
    expect(usageRange('24h', 'HOUR', now, false)).toEqual({
      range: '24h',
      from: '2026-11-22T10:16:00.000Z',
      to: '2026-11-23T10:16:00.000Z',
      window: 'HOUR',
      widened: false,
    });
  });

  it('widens the window when a split by account would need more than 100 points', () => {
    expect(usageRange('7d', 'HOUR', now, true)).toMatchObject({ window: 'DAY', widened: true });
    expect(usageRange('7d', 'HOUR', now, false)).toMatchObject({ window: 'HOUR', widened: false });
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(usageRange('1y', 'SECOND', now, false)).toMatchObject({ range: '24h', window: 'HOUR' });
  });
});

describe('fillWindows', () => {
  it('gives every UTC window of the range, 0 where there was no usage', () => {
    const filled = fillWindows(
      [{ from: '2026-11-23T09:00:00.000Z', value: '5' }],
      '2026-11-23T07:16:00.000Z',
      '2026-11-23T10:16:00.000Z',
      'HOUR',
    );
    expect(filled).toEqual([
      { from: '2026-11-23T07:00:00.000Z', value: '0' },
      { from: '2026-11-23T08:00:00.000Z', value: '0' },
      { from: '2026-11-23T09:00:00.000Z', value: '5' },
      { from: '2026-11-23T10:00:00.000Z', value: '0' },
    ]);
    expect(
      fillWindows([], '2026-10-25T00:00:00Z', '2026-12-02T00:00:00Z', 'MONTH').map((p) => p.from.slice(0, 10)),
    ).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
  });
});
