import type { EventStatus } from '../metering/meter-event';

/** Togai's IngestionStatus.status, every value its model allows. */
export const togaiEventStatuses = [
  'INGESTION_IN_PROGRESS',
  'INGESTION_FAILED',
  'INGESTION_FAILED_SCHEMA_NOT_DEFINED',
  'INGESTION_FAILED_ENRICHMENT_FAILED',
  'INGESTION_FAILED_UNITS_INVALID',
  'INGESTION_COMPLETED_NO_MATCHING_METERS',
  'INGESTION_COMPLETED_EVENT_METERED',
  'INGESTION_COMPLETED_EVENT_NOT_METERED',
  'INGESTION_FAILED_PAST_GRACE_PERIOD',
  'INGESTION_FAILED_ACCOUNT_NOT_FOUND',
  'INGESTION_FAILED_DUPLICATE_EVENT',
  'INGESTION_FAILED_NO_EVENT_ID',
  'INGESTION_FAILED_INVALID_NAMED_LICENSE_EVENT',
  'INGESTION_FAILED_INSUFFICIENT_CREDITS',
  'REVERTED',
  'UNKNOWN',
] as const;
export type TogaiEventStatus = (typeof togaiEventStatuses)[number];

/**
 * The Togai name of each status the rater records. The others never describe a recorded event in
 * Meterline: an event in flight is not yet recorded (GET /events/{id} answers 404 until it is), and
 * the edge refuses past-grace, duplicate, id-less and uncredited events before they exist.
 */
export const togaiStatusOf = {
  METERED: 'INGESTION_COMPLETED_EVENT_METERED',
  NO_MATCHING_METERS: 'INGESTION_COMPLETED_NO_MATCHING_METERS',
  ENRICHMENT_FAILED: 'INGESTION_FAILED_ENRICHMENT_FAILED',
  SCHEMA_NOT_FOUND: 'INGESTION_FAILED_SCHEMA_NOT_DEFINED',
  ACCOUNT_NOT_FOUND: 'INGESTION_FAILED_ACCOUNT_NOT_FOUND',
  FAILED: 'INGESTION_FAILED',
  REVERTED: 'REVERTED',
} as const satisfies Record<EventStatus, TogaiEventStatus>;

export const recordedTogaiStatuses = Object.values(togaiStatusOf);
export type RecordedTogaiStatus = (typeof recordedTogaiStatuses)[number];

/** The recorded status a Togai name stands for. */
export function meterlineStatusOf(status: RecordedTogaiStatus): EventStatus {
  return (Object.keys(togaiStatusOf) as EventStatus[]).find((s) => togaiStatusOf[s] === status)!;
}
