import { z } from 'zod';

const ZONE = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 date-time as Togai takes it: with a zone (`Z`, `+05:30`), or without one, read as
 * UTC. Togai's own examples send `datetime.utcnow()`, which Python writes with no zone
 * (`2026-12-02T10:00:00.123456`); JavaScript's Date would read that as the machine's local time,
 * so the zone is made explicit here, once, and every later step reads an unambiguous instant.
 */
export function instantSchema(
  message = 'must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z (without a zone it is read as UTC)',
) {
  return z.iso.datetime({ offset: true, local: true, message }).overwrite(withZone);
}

/** The text with `Z` appended when it names no zone. */
export function withZone(dateTime: string): string {
  return ZONE.test(dateTime) ? dateTime : `${dateTime}Z`;
}
