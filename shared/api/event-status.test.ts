import { describe, expect, it } from 'vitest';
import { eventStatuses } from '../metering/meter-event';
import { meterlineStatusOf, togaiEventStatuses, togaiStatusOf } from './event-status';

describe("Meterline's event statuses in Togai's names", () => {
  it.each([
    ['METERED', 'INGESTION_COMPLETED_EVENT_METERED'],
    ['NO_MATCHING_METERS', 'INGESTION_COMPLETED_NO_MATCHING_METERS'],
    ['ENRICHMENT_FAILED', 'INGESTION_FAILED_ENRICHMENT_FAILED'],
    ['SCHEMA_NOT_FOUND', 'INGESTION_FAILED_SCHEMA_NOT_DEFINED'],
    ['FAILED', 'INGESTION_FAILED'],
  ] as const)('%s is %s, and back', (meterline, togai) => {
    expect(togaiStatusOf[meterline]).toBe(togai);
    expect(meterlineStatusOf(togai)).toBe(meterline);
  });

  it('names every recorded status, each with a value of Togai’s enum, no two alike', () => {
    const names = eventStatuses.map((s) => togaiStatusOf[s]);
    expect(names.every((n) => (togaiEventStatuses as readonly string[]).includes(n))).toBe(true);
    expect(new Set(names).size).toBe(eventStatuses.length);
  });
});
