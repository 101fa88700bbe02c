import type { AcceptedEvent } from '../../shared/event/accepted-event';

/** A UTF-16 surrogate without its pair, or NUL: text Postgres refuses in jsonb (and NUL in text). */
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g;

const escape = (text: string) => text.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function escapeValues(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [escape(k), escape(v)]));
}

/**
 * The event with every character Postgres cannot store written as a `\\uXXXX` escape, so a FAILED
 * event can be recorded and read back even when its content is what failed. The id is kept as
 * sent: it is the key the shards confirm outboxes by.
 */
export function storableCopy(event: AcceptedEvent): AcceptedEvent {
  return {
    ...event,
    accountId: escape(event.accountId),
    schemaName: escape(event.schemaName),
    attributes: escapeValues(event.attributes),
    units: escapeValues(event.units),
    dimensions: escapeValues(event.dimensions),
  };
}
