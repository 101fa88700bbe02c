import type { FC } from 'hono/jsx';
import type { EventWithStatus } from '../../shared/api/event-routes';
import { column, field, type FormFields } from './forms/form-data';

const eventHref = (id: string) => `/console/events/${encodeURIComponent(id)}`;

/** The confirmation a REDO asks for: the same payload metered again, from a clean slate. */
export const RedoConfirmation: FC<{ event: EventWithStatus }> = ({ event }) => (
  <>
    <p>
      Meter event <strong>{event.eventPayload.id}</strong> of account <strong>{event.eventPayload.accountId}</strong>{' '}
      again, as it was first accepted? What it counted now is removed first, so it counts once — against the meters and
      plans as they are now.
    </p>
    <form method="post" action={`${eventHref(event.eventPayload.id)}/redo`}>
      <button type="submit">Redo the event</button> <a href={eventHref(event.eventPayload.id)}>Cancel</a>
    </form>
  </>
);

/**
 * REDO_EVENT: the event's payload, prefilled, to change and meter in its place under the same id.
 * One spare row of each kind adds an attribute or a dimension; a row emptied is removed.
 */
export const RedoEventForm: FC<{ id: string; fields: FormFields }> = ({ id, fields }) => {
  const names = column(fields, 'attributeName');
  const values = column(fields, 'attributeValue');
  const units = column(fields, 'attributeUnit');
  const dimensionNames = column(fields, 'dimensionName');
  const dimensionValues = column(fields, 'dimensionValue');
  return (
    <form class="stack" method="post" action={`${eventHref(id)}/redo-event`}>
      <p class="hint">
        What the event counted is removed, and this payload is checked against its schema's ACTIVE version and metered
        under the id {id}.
      </p>
      <div>
        <label for="schemaName">Event schema</label>
        <input id="schemaName" name="schemaName" value={field(fields, 'schemaName')} required size={40} />
      </div>
      <div>
        <label for="timestamp">Time (ISO 8601)</label>
        <input id="timestamp" name="timestamp" value={field(fields, 'timestamp')} required size={30} />
      </div>
      <div>
        <label for="accountId">Account</label>
        <input id="accountId" name="accountId" value={field(fields, 'accountId')} required maxlength={512} size={40} />
      </div>
      <fieldset>
        <legend>Attributes</legend>
        {Array.from({ length: filledRows(names, values, units) + 1 }, (_, i) => (
          <div class="row">
            <div>
              <label for={`attributeName${i}`}>{`Attribute ${i + 1} name`}</label>
              <input id={`attributeName${i}`} name="attributeName" value={names[i] ?? ''} size={16} />
            </div>
            <div>
              <label for={`attributeValue${i}`}>{`Attribute ${i + 1} value`}</label>
              <input
                id={`attributeValue${i}`}
                name="attributeValue"
                value={values[i] ?? ''}
                inputmode="decimal"
                size={12}
              />
            </div>
            <div>
              <label for={`attributeUnit${i}`}>{`Attribute ${i + 1} unit`}</label>
              <input id={`attributeUnit${i}`} name="attributeUnit" value={units[i] ?? ''} size={6} />
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Dimensions</legend>
        {Array.from({ length: filledRows(dimensionNames, dimensionValues) + 1 }, (_, i) => (
          <div class="row">
            <div>
              <label for={`dimensionName${i}`}>{`Dimension ${i + 1} name`}</label>
              <input id={`dimensionName${i}`} name="dimensionName" value={dimensionNames[i] ?? ''} size={16} />
            </div>
            <div>
              <label for={`dimensionValue${i}`}>{`Dimension ${i + 1} value`}</label>
              <input id={`dimensionValue${i}`} name="dimensionValue" value={dimensionValues[i] ?? ''} size={16} />
            </div>
          </div>
        ))}
      </fieldset>
      <div>
        <button type="submit">Replace the event</button> <a href={eventHref(id)}>Cancel</a>
      </div>
    </form>
  );
};

/** The rows up to the last with anything in it: a form posted back keeps its rows, not its blank spares. */
function filledRows(...columns: string[][]): number {
  const length = Math.max(0, ...columns.map((c) => c.length));
  let last = 0;
  for (let i = 0; i < length; i++) {
    if (columns.some((c) => (c[i] ?? '') !== '')) {
      last = i + 1;
    }
  }
  return last;
}
