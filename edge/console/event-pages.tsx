import type { FC } from 'hono/jsx';
import { recordedTogaiStatuses } from '../../shared/api/event-status';
import type { EventWithStatus } from '../../shared/api/event-routes';

export interface EventFilters {
  accountId: string;
  schemaName: string;
  status: string;
  from: string;
  to: string;
}

/** Search events by account, schema, status and time; each opens to what happened to it. */
export const EventList: FC<{
  filters: EventFilters;
  events: EventWithStatus[];
  nextToken?: string | undefined;
  schemaNames: string[];
}> = ({ filters, events, nextToken, schemaNames }) => (
  <>
    <form class="filters" method="get" action="/console/events">
      <div>
        <label for="accountId">Account</label>
        <input id="accountId" name="accountId" value={filters.accountId} size={14} />
      </div>
      <div>
        <label for="schemaName">Event schema</label>
        <select id="schemaName" name="schemaName">
          <option value="">any</option>
          {schemaNames.map((name) => (
            <option value={name} selected={name === filters.schemaName}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="status">Status</label>
        <select id="status" name="status">
          <option value="">any</option>
          {recordedTogaiStatuses.map((s) => (
            <option value={s} selected={s === filters.status}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="from">From (UTC)</label>
        <input id="from" name="from" type="datetime-local" value={filters.from} />
      </div>
      <div>
        <label for="to">To (UTC)</label>
        <input id="to" name="to" type="datetime-local" value={filters.to} />
      </div>
      <div>
        <button type="submit">Search</button>
      </div>
    </form>
    {events.length === 0 ? <p>No events match.</p> : <EventTable caption="Newest first" events={events} account />}
    {nextToken && (
      <p>
        <a href={`/console/events?${new URLSearchParams({ ...definedOnly(filters), nextToken })}`}>Older events</a>
      </p>
    )}
  </>
);

export const EventDetail: FC<{ event: EventWithStatus }> = ({ event }) => (
  <>
    <p>
      <span class={`status ${event.ingestionStatus.status}`}>{event.ingestionStatus.status}</span>
      {event.ingestionStatus.statusDescription && ` — ${event.ingestionStatus.statusDescription}`}
    </p>
    <dl>
      <dt>Accepted at the edge</dt>
      <dd>{event.acceptedAt}</dd>
      <dt>Metered by the rater</dt>
      <dd>{event.processedAt}</dd>
      <dt>Schema version</dt>
      <dd>{event.schemaVersion}</dd>
    </dl>
    <h2>Meters that counted it</h2>
    {event.meters.length === 0 ? (
      <p>None.</p>
    ) : (
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Meter</th>
              <th scope="col">Aggregation</th>
              <th scope="col" class="num">
                Value counted
              </th>
            </tr>
          </thead>
          <tbody>
            {event.meters.map((m) => (
              <tr>
                <td>
                  <a href={`/console/meters/${encodeURIComponent(m.meterId)}`}>{m.meterId}</a>
                </td>
                <td>{m.aggregation}</td>
                <td class="num">{m.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {event.meterFailures && event.meterFailures.length > 0 && (
      <>
        <h2>Meters whose formula failed</h2>
        <ul>
          {event.meterFailures.map((f) => (
            <li>
              {f.meterId}: {f.reason}
            </li>
          ))}
        </ul>
      </>
    )}
    {event.enrichedFields.length > 0 && (
      <>
        <h2>Computed by enrichment</h2>
        <ul>
          {event.enrichedFields.map((f) => (
            <li>
              {f.name} = {f.value}
            </li>
          ))}
        </ul>
      </>
    )}
    {event.corrections && event.corrections.length > 0 && (
      <>
        <h2>Corrections</h2>
        <ol class="corrections">
          {event.corrections.map((c) => (
            <li>
              {c.at}: {c.action} (was {c.from})
            </li>
          ))}
        </ol>
      </>
    )}
    <h2>As received</h2>
    <pre>{JSON.stringify(event.eventPayload, null, 2)}</pre>
    <div class="actions">
      {event.ingestionStatus.status !== 'REVERTED' && (
        <a href={`/console/events/${encodeURIComponent(event.eventPayload.id)}/undo`}>Undo this event…</a>
      )}
      <a href={`/console/events/${encodeURIComponent(event.eventPayload.id)}/redo`}>Redo this event…</a>
      <a href={`/console/events/${encodeURIComponent(event.eventPayload.id)}/redo-event`}>Replace its payload…</a>
    </div>
  </>
);

/** The confirmation an UNDO asks for: what it removes, and a button that does it. */
export const UndoConfirmation: FC<{ event: EventWithStatus }> = ({ event }) => (
  <>
    <p>
      Undo event <strong>{event.eventPayload.id}</strong> of account <strong>{event.eventPayload.accountId}</strong> at{' '}
      {event.eventPayload.timestamp}? Its usage on every meter and the revenue it caused are removed, and it is recorded
      REVERTED. A later REDO (POST /events/correction?action=REDO) meters it again.
    </p>
    <form method="post" action={`/console/events/${encodeURIComponent(event.eventPayload.id)}/undo`}>
      <button type="submit">Undo the event</button>{' '}
      <a href={`/console/events/${encodeURIComponent(event.eventPayload.id)}`}>Cancel</a>
    </form>
  </>
);

function definedOnly(filters: EventFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
}

/** Events, newest first, each linked to its page; with their account unless all are one account's. */
export const EventTable: FC<{ caption: string; events: EventWithStatus[]; account: boolean }> = ({
  caption,
  events,
  account,
}) => (
  <div class="scroll">
    <table>
      <caption class="hint">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Time (UTC)</th>
          {account && <th scope="col">Account</th>}
          <th scope="col">Schema</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr>
            <td>
              <a href={`/console/events/${encodeURIComponent(e.eventPayload.id)}`}>{e.eventPayload.id}</a>
            </td>
            <td>{e.eventPayload.timestamp}</td>
            {account && <td>{e.eventPayload.accountId}</td>}
            <td>{e.eventPayload.schemaName}</td>
            <td>
              <span class={`status ${e.ingestionStatus.status}`}>{e.ingestionStatus.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
