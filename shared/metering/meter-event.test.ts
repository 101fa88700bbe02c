import { describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '../event/accepted-event';
import type { EventSchema } from '../event-schema/event-schema';
import type { UsageMeter } from '../meter/usage-meter';
import { meterEvent } from './meter-event';

const event: AcceptedEvent = {
  id: 'p1',
  schemaName: 'payment',
  schemaVersion: 1,
  timestamp: '2026-02-01T10:00:00.000Z',
  accountId: 'acme',
  attributes: { transaction_amount: '100.50' },
  units: {},
  dimensions: { payment_mode: 'card' },
  acceptedAt: '2026-02-01T10:00:01.000Z',
};

const schema: EventSchema = {
  name: 'payment',
  version: 1,
  status: 'ACTIVE',
  attributes: [{ name: 'transaction_amount' }],
  dimensions: [{ name: 'payment_mode' }],
  enrichments: {
    fields: [
      {
        name: 'fee',
        type: 'ATTRIBUTE',
        enrichmentType: 'JSON_LOGIC',
        value: '{"*":[{"var":"attributes.transaction_amount"},0.029]}',
        order: 1,
      },
    ],
  },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function meter(id: string, over: Partial<UsageMeter>): UsageMeter {
  return {
    id,
    name: id,
    displayName: id,
    type: 'COUNTER',
    aggregation: 'COUNT',
    eventSchemaName: 'payment',
    filters: [],
    computations: [],
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const countCard = meter('count_card', { filters: [{ field: 'payment_mode', value: 'card' }] });
const sumFee = meter('sum_fee', {
  aggregation: 'SUM',
  computations: [{ computation: '{"var":"attributes.fee"}', order: 1 }],
});
const countBank = meter('count_bank', { filters: [{ field: 'payment_mode', value: 'bank' }] });
const broken = meter('broken', { aggregation: 'SUM', computations: [{ computation: '{"nope":[1]}', order: 1 }] });

describe('meterEvent', () => {
  it('enriches, then gives every matching meter its value', () => {
    const outcome = meterEvent(event, schema, [countCard, sumFee, countBank]);
    expect(outcome).toEqual({
      event: { ...event, attributes: { transaction_amount: '100.50', fee: '2.9145' } },
      status: 'METERED',
      contributions: [
        { meterId: 'count_card', value: '1', aggregation: 'COUNT' },
        { meterId: 'sum_fee', value: '2.9145', aggregation: 'SUM' },
      ],
      detail: { meters: outcome.contributions },
    });
  });

  it('says so when no meter matches', () => {
    expect(meterEvent(event, schema, [countBank])).toMatchObject({
      status: 'NO_MATCHING_METERS',
      contributions: [],
      detail: { meters: [] },
    });
    expect(meterEvent(event, schema, [])).toMatchObject({ status: 'NO_MATCHING_METERS' });
  });

  it('fails one meter with a broken formula, not the event', () => {
    expect(meterEvent(event, schema, [broken, countCard])).toEqual(
      expect.objectContaining({
        status: 'METERED',
        contributions: [{ meterId: 'count_card', value: '1', aggregation: 'COUNT' }],
        detail: {
          meters: [{ meterId: 'count_card', value: '1', aggregation: 'COUNT' }],
          failures: [{ meterId: 'broken', reason: expect.stringMatching(/^formula failed: .*nope/) }],
        },
      }),
    );
  });

  it('reports a failed enrichment, naming the field, and meters nothing', () => {
    const failing: EventSchema = {
      ...schema,
      enrichments: {
        fields: [
          {
            name: 'fee',
            type: 'ATTRIBUTE',
            enrichmentType: 'JSON_LOGIC',
            value: '{"var":"dimensions.payment_mode"}',
            order: 1,
          },
        ],
      },
    };
    expect(meterEvent(event, failing, [countCard])).toEqual({
      event,
      status: 'ENRICHMENT_FAILED',
      contributions: [],
      detail: { field: 'fee', reason: expect.stringMatching(/not a number/) },
    });
  });

  it('reports a schema that no longer exists', () => {
    expect(meterEvent(event, undefined, [countCard])).toEqual({
      event,
      status: 'SCHEMA_NOT_FOUND',
      contributions: [],
      detail: { reason: "event schema 'payment' no longer exists" },
    });
  });
});
