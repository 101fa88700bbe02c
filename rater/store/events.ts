import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { eventWithStatusSchema, type EventWithStatus } from '../../shared/api/event-routes';
import { enrichmentsSchema } from '../../shared/event-schema/event-schema';
import type { EventStatus } from '../../shared/metering/meter-event';
import type { Queryable } from '../db/connect';
import { eventIds, eventSchemas, events, ledgerOutbox } from '../db/schema';

/** What meterEvent wrote to event_ids.detail: matched meters, or what failed. */
const detailSchema = z.object({
  meters: z.array(z.object({ meterId: z.string(), value: z.string(), aggregation: z.string() })).default([]),
  failures: z.array(z.object({ meterId: z.string(), reason: z.string() })).optional(),
  field: z.string().optional(),
  reason: z.string().optional(),
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
      and(eq(events.tenantId, eventIds.tenantId), eq(events.eventId, eventIds.eventId), eq(events.eventTime, eventIds.eventTime)),
    )
    .leftJoin(eventSchemas, and(eq(eventSchemas.tenantId, events.tenantId), eq(eventSchemas.name, events.schemaName)));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

/**
 * The stored event is the enriched one (as received when enrichment failed). Enrichment field names
 * are unique within a schema and a published schema never drops or renames one, so the current
 * schema's enrichment names are exactly the computed fields — including ones added after the
 * event's own version, which the rater applied too (it enriches with the current schema).
 */
export function toEventWithStatus(row: Row): EventWithStatus {
  const enriched = new Map((enrichmentsSchema.nullable().parse(row.enrichments)?.fields ?? []).map((f) => [f.name, f.type]));
  const attributes = row.attributes as Record<string, string>;
  const dimensions = row.dimensions as Record<string, string>;
  const received = (values: Record<string, string>) => Object.entries(values).filter(([name]) => !enriched.has(name));
  const computed = (values: Record<string, string>, type: 'ATTRIBUTE' | 'DIMENSION') =>
    Object.entries(values)
      .filter(([name]) => enriched.get(name) === type)
      .map(([name, value]) => ({ name, type, value }));
  const detail = detailSchema.parse(row.detail);

  return eventWithStatusSchema.parse({
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
    schemaVersion: row.schemaVersion,
    ingestionStatus: { status: row.status, statusDescription: detail.reason, field: detail.field },
    enrichedFields: [...computed(attributes, 'ATTRIBUTE'), ...computed(dimensions, 'DIMENSION')],
    meters: detail.meters,
    meterFailures: detail.failures,
    acceptedAt: row.acceptedAt.toISOString(),
    processedAt: row.processedAt.toISOString(),
  });
}

export async function findEvent(db: Queryable, tenantId: string, eventId: string): Promise<EventWithStatus | null> {
  const [row] = await selectEvents(db).where(and(eq(eventIds.tenantId, tenantId), eq(eventIds.eventId, eventId)));
  return row ? toEventWithStatus(row) : null;
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
  return rows.map(toEventWithStatus);
}

/**
 * The ids among `ids` the rater has recorded (metered, or FAILED with a reason) and whose debit,
 * if the event consumes a feature, the edge's ledger has confirmed: what a DedupShard may drop
 * from its outbox. Until then the shard sends the event again, and each delivery re-sends the
 * debit. Primary-key lookups for the whole list.
 */
export async function recordedEventIds(db: Queryable, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.execute<{ event_id: string }>(sql`
    SELECT e.event_id FROM ${eventIds} e
    WHERE e.tenant_id = ${tenantId} AND e.event_id = ANY(${sql.param(ids)}::text[])
      AND NOT EXISTS (SELECT 1 FROM ${ledgerOutbox} o WHERE o.tenant_id = e.tenant_id AND o.event_id = e.event_id AND o.parked_at IS NULL)`);
  return rows.map((row) => row.event_id);
}
