import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { EventWithStatus } from '../../shared/api/event-routes';
import { togaiStatusOf } from '../../shared/api/event-status';
import { correctionHistorySchema } from '../../shared/api/event-correction-routes';
import { exactNumber } from '../../shared/api/exact-number';
import { aggregationSchema } from '../../shared/meter/usage-meter';
import { enrichmentsSchema } from '../../shared/event-schema/event-schema';
import { eventStatuses, type EventStatus } from '../../shared/metering/meter-event';
import type { Queryable } from '../db/connect';
import { eventIds, eventSchemas, events, ledgerOutbox, usageMeters } from '../db/schema';

const eventStatusSchema = z.enum(eventStatuses);

/** What meterEvent wrote to event_ids.detail: matched meters, or what failed. */
const detailSchema = z.object({
  meters: z.array(z.object({ meterId: z.string(), value: z.string(), aggregation: z.string() })).default([]),
  failures: z.array(z.object({ meterId: z.string(), reason: z.string() })).optional(),
  field: z.string().optional(),
  reason: z.string().optional(),
  corrections: correctionHistorySchema.optional(),
});

/**
 * An event's two rows, written in one transaction by the rater: `events` (what was accepted, after
 * enrichment) and `event_ids` (its status). The join carries event_time so the lookup uses the
 * whole `events` key, which on a hypertable also lets TimescaleDB skip the other chunks. The
 * schema's current enrichment fields tell received fields from computed ones.
 */
function selectEvents(db: Queryable) {
  return db
    .select({
      eventId: events.eventId,
      eventTime: events.eventTime,
      accountId: events.accountId,
      schemaName: events.schemaName,
      schemaVersion: events.schemaVersion,
      attributes: events.attributes,
      units: events.units,
      dimensions: events.dimensions,
      acceptedAt: events.acceptedAt,
      status: eventIds.status,
      detail: eventIds.detail,
      processedAt: eventIds.processedAt,
      enrichments: eventSchemas.enrichments,
    })
    .from(eventIds)
    .innerJoin(
      events,
      and(
        eq(events.tenantId, eventIds.tenantId),
        eq(events.eventId, eventIds.eventId),
        eq(events.eventTime, eventIds.eventTime),
      ),
    )
    .leftJoin(eventSchemas, and(eq(eventSchemas.tenantId, events.tenantId), eq(eventSchemas.name, events.schemaName)));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

/**
 * The stored event is the enriched one (as received when enrichment failed). Enrichment field names
 * are unique within a schema and a published schema never drops or renames one, so the current
 * schema's enrichment names are exactly the computed fields — including ones added after the
 * event's own version, which the rater applied too (it enriches with the current schema).
 * `meterNames` names the meters that counted it (a meter is never deleted, only archived).
 */
export function toEventWithStatus(row: Row, meterNames: ReadonlyMap<string, string>): EventWithStatus {
  const enriched = new Map(
    (enrichmentsSchema.nullable().parse(row.enrichments)?.fields ?? []).map((f) => [f.name, f.type]),
  );
  const attributes = row.attributes as Record<string, string>;
  const dimensions = row.dimensions as Record<string, string>;
  const received = (values: Record<string, string>) => Object.entries(values).filter(([name]) => !enriched.has(name));
  const computed = (values: Record<string, string>, type: 'ATTRIBUTE' | 'DIMENSION') =>
    Object.entries(values)
      .filter(([name]) => enriched.get(name) === type)
      .map(([name, value]) => ({ name, type, value }));
  const detail = detailSchema.parse(row.detail);
  const meters = detail.meters.map((m) => ({ ...m, aggregation: aggregationSchema.parse(m.aggregation) }));
  const enrichedAttributes = computed(attributes, 'ATTRIBUTE');
  const enrichedDimensions = computed(dimensions, 'DIMENSION');
  const acceptedAt = row.acceptedAt.toISOString();

  return {
    referenceId: row.eventId,
    eventPayload: {
      id: row.eventId,
      schemaName: row.schemaName,
      timestamp: row.eventTime.toISOString(),
      accountId: row.accountId,
      attributes: received(attributes).map(([name, value]) => {
        const unit = (row.units as Record<string, string>)[name];
        return unit ? { name, value, unit } : { name, value };
      }),
      dimensions: Object.fromEntries(received(dimensions)),
    },
    ingestionStatus: {
      status: togaiStatusOf[eventStatusSchema.parse(row.status)],
      ...(detail.reason === undefined ? {} : { statusDescription: truncate(detail.reason, 250) }),
      ...(detail.field === undefined ? {} : { field: detail.field }),
    },
    createdAt: acceptedAt,
    eventPipelineInfo: {
      eventSchema: { name: row.schemaName, version: row.schemaVersion },
      usageMeters: meters.map((m) => ({
        id: m.meterId,
        name: meterNames.get(m.meterId) ?? m.meterId,
        version: 1,
        status: 'PROCESSED_UNITS_COMPUTED' as const,
        // A UNIQUE_COUNT meter counts a dimension value, which need not be a number.
        ...(m.aggregation === 'UNIQUE_COUNT' ? {} : { units: exactNumber(m.value) }),
      })),
      enrichments: { attributes: enrichedAttributes, dimensions: enrichedDimensions },
    },
    schemaVersion: row.schemaVersion,
    enrichedFields: [...enrichedAttributes, ...enrichedDimensions],
    meters,
    ...(detail.failures === undefined ? {} : { meterFailures: detail.failures }),
    ...(detail.corrections === undefined ? {} : { corrections: detail.corrections }),
    acceptedAt,
    processedAt: row.processedAt.toISOString(),
  };
}

/** Togai bounds statusDescription at 250 characters; a longer reason is cut, marked with an ellipsis. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The names of the meters these events counted for, in one query. */
async function namesOfMeters(db: Queryable, tenantId: string, rows: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => detailSchema.parse(row.detail).meters.map((m) => m.meterId)))];
  if (ids.length === 0) {
    return new Map();
  }
  const found = await db
    .select({ id: usageMeters.id, name: usageMeters.name })
    .from(usageMeters)
    .where(and(eq(usageMeters.tenantId, tenantId), inArray(usageMeters.id, ids)));
  return new Map(found.map((m) => [m.id, m.name]));
}

export async function findEvent(db: Queryable, tenantId: string, eventId: string): Promise<EventWithStatus | null> {
  const rows = await selectEvents(db).where(and(eq(eventIds.tenantId, tenantId), eq(eventIds.eventId, eventId)));
  if (rows.length === 0) {
    return null;
  }
  const names = await namesOfMeters(db, tenantId, rows);
  return toEventWithStatus(rows[0]!, names);
}

/** Whether the tenant has a processed event of this id: a page token must name one. */
export async function hasEvent(db: Queryable, tenantId: string, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ eventId: eventIds.eventId })
    .from(eventIds)
    .where(and(eq(eventIds.tenantId, tenantId), eq(eventIds.eventId, eventId)));
  return row !== undefined;
}

export interface EventFilter {
  accountId?: string | undefined;
  schemaName?: string | undefined;
  status?: EventStatus | undefined;
  /** Inclusive, on the event timestamp. */
  from?: string | undefined;
  /** Exclusive, on the event timestamp. */
  to?: string | undefined;
  /** The id of the last event of the previous page. */
  afterId?: string | undefined;
  limit: number;
}

/**
 * A page of events, newest first by (event time, id). The token's event is read back in SQL, so
 * the key is exact to the microsecond; the row comparison and ORDER BY share one collation.
 */
export async function listEvents(db: Queryable, tenantId: string, filter: EventFilter): Promise<EventWithStatus[]> {
  const conditions: (SQL | undefined)[] = [
    eq(eventIds.tenantId, tenantId),
    filter.accountId === undefined ? undefined : eq(events.accountId, filter.accountId),
    filter.schemaName === undefined ? undefined : eq(events.schemaName, filter.schemaName),
    filter.status === undefined ? undefined : eq(eventIds.status, filter.status),
    filter.from === undefined ? undefined : gte(events.eventTime, new Date(filter.from)),
    filter.to === undefined ? undefined : lt(events.eventTime, new Date(filter.to)),
    filter.afterId === undefined
      ? undefined
      : sql`(${events.eventTime}, ${events.eventId}) < (select k.event_time, k.event_id from event_ids k where k.tenant_id = ${tenantId} and k.event_id = ${filter.afterId})`,
  ];
  const rows = await selectEvents(db)
    .where(and(...conditions))
    .orderBy(desc(events.eventTime), desc(events.eventId))
    .limit(filter.limit);
  const names = await namesOfMeters(db, tenantId, rows);
  return rows.map((row) => toEventWithStatus(row, names));
}

/**
 * The ids among `ids` the rater has recorded (metered, or FAILED with a reason) and whose debit,
 * if the event consumes a feature, the edge's ledger has confirmed: what a DedupShard may drop
 * from its outbox. Until then the shard sends the event again, and each delivery re-sends the
 * debit. Primary-key lookups for the whole list.
 */
export async function recordedEventIds(db: Queryable, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await db.execute<{ event_id: string }>(sql`
    SELECT e.event_id FROM ${eventIds} e
    WHERE e.tenant_id = ${tenantId} AND e.event_id = ANY(${sql.param(ids)}::text[])
      AND NOT EXISTS (SELECT 1 FROM ${ledgerOutbox} o WHERE o.tenant_id = e.tenant_id AND o.event_id = e.event_id AND o.parked_at IS NULL)`);
  return rows.map((row) => row.event_id);
}
